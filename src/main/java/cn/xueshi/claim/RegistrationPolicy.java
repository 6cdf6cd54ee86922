package cn.xueshi.claim;

import cn.xueshi.rules.PolicyRuleSets;
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

    /** {@code withdrawable}: the claimant may withdraw (撤回) a claim while it is in review or being corrected. */
    public record Policy(boolean annualDeclaration, boolean correctable, String basis, boolean withdrawable) {
    }

    static final String DECISION = "registration-policy";

    private final RecognitionService decisions;
    private final PolicyRuleSets policyRuleSets;

    RegistrationPolicy(RecognitionService decisions, PolicyRuleSets policyRuleSets) {
        this.decisions = decisions;
        this.policyRuleSets = policyRuleSets;
    }

    /** The policy of a rule set; a derived set registers as the reference it derives from ({@link PolicyRuleSets}). */
    public Policy of(String ruleSet) {
        Map<String, Object> row = decisions.firstRow(DECISION,
                        java.util.Collections.singletonMap("ruleSet", policyRuleSets.of(ruleSet)))
                .orElseThrow(() -> new IllegalStateException("no row of " + DECISION + " for rule set " + ruleSet));
        boolean correctable = Boolean.TRUE.equals(row.get("correctable"));
        // a version deployed from the workbench before the column existed has no withdrawable output: withdrawal
        // then follows correction (a declaration that may not be changed may not be withdrawn either, 安徽 第二十一条3)
        Object withdrawable = row.get("withdrawable");
        return new Policy(Boolean.TRUE.equals(row.get("annualDeclaration")), correctable, (String) row.get("basis"),
                withdrawable == null ? correctable : Boolean.TRUE.equals(withdrawable));
    }
}
