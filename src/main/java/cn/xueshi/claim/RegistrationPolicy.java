package cn.xueshi.claim;

import cn.xueshi.rules.RecognitionService;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * How a rule set registers hours, from the registration-policy table (dmn/registration-policy.dmn). Read on every
 * submission: the table comes from the recognition service's in-memory decisions (the latest deployed version,
 * refreshed after a deployment on this node and within seconds of one on another), not from a DecisionService
 * evaluation, which read the decision definition from the database and wrote a decision history entry per claim.
 */
@Component
public class RegistrationPolicy {

    public record Policy(boolean annualDeclaration, boolean correctable, String basis) {
    }

    static final String DECISION = "registration-policy";

    private final RecognitionService decisions;

    RegistrationPolicy(RecognitionService decisions) {
        this.decisions = decisions;
    }

    public Policy of(String ruleSet) {
        Map<String, Object> row = decisions.firstRow(DECISION, java.util.Collections.singletonMap("ruleSet", ruleSet))
                .orElseThrow(() -> new IllegalStateException("no row of " + DECISION + " for rule set " + ruleSet));
        return new Policy(Boolean.TRUE.equals(row.get("annualDeclaration")), Boolean.TRUE.equals(row.get("correctable")),
                (String) row.get("basis"));
    }
}
