package cn.xueshi.claim;

import cn.xueshi.rules.Requirement;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** A person's registered hours for a year against the requirement of their rule set (年度学时进度). */
public record YearProgress(int year, String ruleSet, BigDecimal publicHours, BigDecimal professionalHours,
        BigDecimal totalHours, Requirement requirement, boolean compliant, int claimsCounted, BigDecimal reduced) {

    /** Whether an approved hardship reduction lowered this year's requirement. */
    public boolean isReduced() {
        return reduced != null && reduced.signum() > 0;
    }

    public int totalPercent() {
        return percent(totalHours, requirement.total());
    }

    public int publicPercent() {
        return percent(publicHours, requirement.publicMin());
    }

    public int professionalPercent() {
        return percent(professionalHours, requirement.professionalMin());
    }

    private static int percent(BigDecimal have, BigDecimal need) {
        if (need == null || need.signum() == 0) {
            return 100;
        }
        return Math.min(100, have.multiply(BigDecimal.valueOf(100)).divide(need, 0, RoundingMode.DOWN).intValue());
    }
}
