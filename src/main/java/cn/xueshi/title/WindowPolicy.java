package cn.xueshi.title;

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

    WindowPolicy(RecognitionService decisions) {
        this.decisions = decisions;
    }

    /** The policy for a rule set ({@code null}: no rule set is in force, the default row answers). */
    Policy of(String ruleSet) {
        Map<String, Object> in = new HashMap<>();
        in.put("ruleSet", ruleSet);
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
