package cn.xueshi.rules;

import java.math.BigDecimal;
import java.util.List;

/** The year's recognised hours after caps, full-year credits and aggregation, judged against the requirement. */
public record RecognitionResult(String ruleSet, int year, List<ItemResult> items, BigDecimal publicHours,
        BigDecimal professionalHours, BigDecimal totalHours, Requirement requirement, boolean compliant) {
}
