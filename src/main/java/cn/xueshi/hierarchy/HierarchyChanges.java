package cn.xueshi.hierarchy;

import cn.xueshi.rules.RecognitionService;
import cn.xueshi.rules.RuleSetChanges;
import cn.xueshi.rules.RuleSetStandards;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The standards page's "what this level changed": the filed version's delta against its parent, in words. */
@Component
class HierarchyChanges implements RuleSetChanges {

    private final Derivations derivations;
    private final DerivedRuleSetRepository sets;
    private final RuleSetVersionRepository versions;
    private final RecognitionService recognition;
    private final ParentDiff diff;

    HierarchyChanges(Derivations derivations, DerivedRuleSetRepository sets, RuleSetVersionRepository versions,
            RecognitionService recognition, ParentDiff diff) {
        this.derivations = derivations;
        this.sets = sets;
        this.versions = versions;
        this.recognition = recognition;
        this.diff = diff;
    }

    @Override
    public List<String> changesOf(String ruleSet) {
        Optional<DerivedRuleSet> set = sets.findById(ruleSet);
        if (set.isEmpty()) {
            return List.of();
        }
        Optional<RuleSetVersion> filed = versions.findFirstByRuleSetKeyAndStatusOrderByVersionDesc(ruleSet,
                RuleSetVersion.Status.FILED.name());
        Optional<RuleSetStandards> parent = recognition.standards(set.get().getParentKey());
        Optional<RuleSetStandards> mine = recognition.standards(ruleSet);
        if (filed.isEmpty() || parent.isEmpty() || mine.isEmpty()) {
            return List.of();
        }
        return diff.sentences(parent.get(), mine.get(), derivations.delta(filed.get()));
    }
}
