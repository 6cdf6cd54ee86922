package cn.xueshi.rules;

import java.math.BigDecimal;

/** The hours one request item earns before annual caps and aggregation, with the rule that produced them. */
public record ItemResult(String activityType, BigDecimal hours, BigDecimal publicHours, BigDecimal professionalHours,
        String fullYear, String ruleId, String basis, String decisionKey, int decisionVersion) {
}
