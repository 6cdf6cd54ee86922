package cn.xueshi.claim;

import cn.xueshi.rules.PolicyRuleSets;
import cn.xueshi.rules.RecognitionService;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * How a year in which a person moved between units is computed (dmn/transfer-year-policy.dmn, a policy table keyed
 * by the rule set of the unit the person belongs to on 31 December). Read from the recognition service's in-memory
 * decisions, like the other policy tables.
 */
@Component
class TransferYearPolicy {

    static final String DECISION = "transfer-year-policy";

    record Policy(YearMemberships.Split split, String clause) {
    }

    private final RecognitionService decisions;
    private final PolicyRuleSets policyRuleSets;

    TransferYearPolicy(RecognitionService decisions, PolicyRuleSets policyRuleSets) {
        this.decisions = decisions;
        this.policyRuleSets = policyRuleSets;
    }

    Policy of(String yearEndRuleSet) {
        Map<String, Object> in = new HashMap<>();
        in.put("ruleSet", policyRuleSets.of(yearEndRuleSet));
        Map<String, Object> row = decisions.firstRow(DECISION, in)
                .orElseThrow(() -> new IllegalStateException("no row of " + DECISION + " for rule set " + yearEndRuleSet));
        return new Policy(YearMemberships.Split.valueOf((String) row.get("splitBasis")), (String) row.get("basis"));
    }
}
