package cn.xueshi.makeup;

import cn.xueshi.rules.PolicyRuleSets;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * What a rule set offers for hardship (dmn/hardship-policy.dmn): allowed or not, how the reduction is set,
 * whether the request must carry proof (证明材料), and why.
 */
@Component
public class HardshipPolicy {

    public record Decision(boolean allowed, String reductionMode, String absenceReason, String basis,
            boolean evidenceRequired) {

        public boolean prorated() {
            return "LONG_ABSENCE".equals(reductionMode);
        }

        /** This row lets the request go ahead only with at least one evidence file. */
        public boolean demandsEvidence() {
            return allowed && evidenceRequired;
        }
    }

    private final DecisionService decisions;
    private final PolicyRuleSets policyRuleSets;

    HardshipPolicy(DecisionService decisions, PolicyRuleSets policyRuleSets) {
        this.decisions = decisions;
        this.policyRuleSets = policyRuleSets;
    }

    public Decision of(String ruleSet, MakeupRequest.Reason reason, MakeupRequest.Remedy remedy) {
        Map<String, Object> row = decisions.evaluateDecisionTableByKey("hardship-policy", Variables.createVariables()
                .putValue("ruleSet", policyRuleSets.of(ruleSet)).putValue("reason", reason.name()).putValue("remedy", remedy.name()))
                .getSingleResult().getEntryMap();
        return new Decision(Boolean.TRUE.equals(row.get("allowed")), (String) row.get("reductionMode"),
                (String) row.get("absenceReason"), (String) row.get("basis"),
                Boolean.TRUE.equals(row.get("evidenceRequired")));
    }

    /**
     * The first request the rule set offers that must carry proof, if any: what the form says before the
     * person chooses a reason and a remedy (asked of the table for each pair, so a new row needs no code).
     */
    public Optional<Decision> evidenceDemanded(String ruleSet) {
        for (MakeupRequest.Reason reason : MakeupRequest.Reason.values()) {
            for (MakeupRequest.Remedy remedy : MakeupRequest.Remedy.values()) {
                Decision d = of(ruleSet, reason, remedy);
                if (d.demandsEvidence()) {
                    return Optional.of(d);
                }
            }
        }
        return Optional.empty();
    }
}
