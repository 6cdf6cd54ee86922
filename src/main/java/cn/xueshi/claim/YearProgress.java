package cn.xueshi.claim;

import cn.xueshi.rules.Requirement;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A person's registered hours for a year against the requirement of their rule set (年度学时进度).
 *
 * @param carriedPublic       of the public hours, those registered by an earlier unit of the year (人员流动: 转入学时)
 * @param carriedProfessional the same for professional hours
 * @param split               how a year across units was computed; null: the person stayed in one unit
 */
public record YearProgress(int year, String ruleSet, BigDecimal publicHours, BigDecimal professionalHours,
        BigDecimal totalHours, Requirement requirement, boolean compliant, int claimsCounted, BigDecimal reduced,
        BigDecimal carriedPublic, BigDecimal carriedProfessional, YearMemberships.Split split) {

    /** A year in one unit: nothing carried over. */
    public YearProgress(int year, String ruleSet, BigDecimal publicHours, BigDecimal professionalHours,
            BigDecimal totalHours, Requirement requirement, boolean compliant, int claimsCounted, BigDecimal reduced) {
        this(year, ruleSet, publicHours, professionalHours, totalHours, requirement, compliant, claimsCounted, reduced,
                BigDecimal.ZERO, BigDecimal.ZERO, null);
    }

    /** The hours an earlier unit of the year registered (shown as 转入 at the year-end unit). */
    public BigDecimal carriedTotal() {
        return carriedPublic.add(carriedProfessional);
    }

    public boolean hasCarried() {
        return carriedTotal().signum() > 0;
    }

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
