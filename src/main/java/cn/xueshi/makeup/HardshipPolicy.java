package cn.xueshi.makeup;

import java.util.Map;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/** What a rule set offers for hardship (dmn/hardship-policy.dmn): allowed or not, how the reduction is set, and why. */
@Component
public class HardshipPolicy {

    public record Decision(boolean allowed, String reductionMode, String absenceReason, String basis) {

        public boolean prorated() {
            return "LONG_ABSENCE".equals(reductionMode);
        }
    }

    private final DecisionService decisions;

    HardshipPolicy(DecisionService decisions) {
        this.decisions = decisions;
    }

    public Decision of(String ruleSet, MakeupRequest.Reason reason, MakeupRequest.Remedy remedy) {
        Map<String, Object> row = decisions.evaluateDecisionTableByKey("hardship-policy", Variables.createVariables()
                .putValue("ruleSet", ruleSet).putValue("reason", reason.name()).putValue("remedy", remedy.name()))
                .getSingleResult().getEntryMap();
        return new Decision(Boolean.TRUE.equals(row.get("allowed")), (String) row.get("reductionMode"),
                (String) row.get("absenceReason"), (String) row.get("basis"));
    }
}
