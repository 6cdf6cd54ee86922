package cn.xueshi.title;

import cn.xueshi.rules.PolicyRuleSets;
import cn.xueshi.rules.RecognitionService;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Which years a title application checks and how (dmn/title-application-window.dmn, a policy table keyed by the
 * rule set of the application year). Read from the recognition service's in-memory decisions, like the other
 * policy tables read on a page view.
 */
@Component
class WindowPolicy {

    static final String DECISION = "title-application-window";

    /** ROLLING: the application year and the years before it; NAMED: the years the application names. */
    enum Basis { ROLLING, NAMED }

    /** EACH_YEAR: every year meets its own requirement; WINDOW_TOTAL: the window's sums meet the summed requirements. */
    enum Aggregation { EACH_YEAR, WINDOW_TOTAL }

    record Policy(int windowYears, Basis basis, Aggregation aggregation, String clause) {
    }

    private final RecognitionService decisions;
    private final PolicyRuleSets policyRuleSets;

    WindowPolicy(RecognitionService decisions, PolicyRuleSets policyRuleSets) {
        this.decisions = decisions;
        this.policyRuleSets = policyRuleSets;
    }

    /** The policy for a rule set ({@code null}: no rule set is in force, the default row answers). */
    Policy of(String ruleSet) {
        Map<String, Object> in = new HashMap<>();
        // a unit's 实施细则 under 青岛's reference keeps 青岛 四's five-year window
        in.put("ruleSet", policyRuleSets.of(ruleSet));
        Map<String, Object> row = decisions.firstRow(DECISION, in)
                .orElseThrow(() -> new IllegalStateException("no row of " + DECISION + " for rule set " + ruleSet));
        int years = ((Number) row.get("windowYears")).intValue();
        if (years < 1) {
            throw new IllegalStateException(DECISION + ": windowYears must be at least 1 for " + ruleSet);
        }
        return new Policy(years, Basis.valueOf((String) row.get("windowBasis")),
                Aggregation.valueOf((String) row.get("aggregation")), (String) row.get("basis"));
    }
}
