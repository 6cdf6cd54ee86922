package cn.xueshi.workbench;

import cn.xueshi.rules.DraftRecognition;
import cn.xueshi.rules.RecognitionService;
import cn.xueshi.ruleedit.RowPreview;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * An analyst's draft as the shared row editor ({@link RowPreview}) sees it: its DRD, the workbench's own checks
 * ({@link DraftValidator}: FEEL, types, hit policy) and pricing as the next version of its rule set.
 */
@Component
class DraftModels {

    private final DraftRecognition draftRecognition;
    private final RuleSetVersions versions;
    private final DraftValidator validator;

    DraftModels(DraftRecognition draftRecognition, RuleSetVersions versions, DraftValidator validator) {
        this.draftRecognition = draftRecognition;
        this.versions = versions;
        this.validator = validator;
    }

    RowPreview.Model of(Draft draft) {
        String ruleSet = draft.getRuleSet();
        String xml = draft.getDmnXml();
        return new RowPreview.Model() {
            @Override
            public String ruleSet() {
                return ruleSet;
            }

            @Override
            public String xml() {
                return xml;
            }

            @Override
            public List<RowPreview.CellProblem> problems(String changedXml, String ruleId) {
                return validator.validate(ruleSet, changedXml).stream().filter(p -> p.error() && ruleId.equals(p.ruleId()))
                        .map(p -> new RowPreview.CellProblem(p.column(), p.message())).toList();
            }

            @Override
            public RecognitionService pricing(String changedXml) {
                return draftRecognition.with(changedXml, versions.activeVersion(ruleSet) + 1);
            }
        };
    }
}
