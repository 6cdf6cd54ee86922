package cn.xueshi.title;

import cn.xueshi.rules.Requirement;
import java.math.BigDecimal;
import java.util.List;

/**
 * 职称申报学时核验: a person's hours over the years an application in {@code year} checks, each year as the year
 * view computes it (reductions and make-ups applied), the window's sums and the verdict.
 *
 * @param window        the years checked, oldest first
 * @param titleYear     取得现职称年份 that shortened a rolling window, or null
 * @param namedYears    whether the years are those the application names (NAMED rule sets)
 */
public record TitleApplication(String userId, String name, long unitId, String unitName, int year, String ruleSet,
        WindowPolicy.Basis basis, WindowPolicy.Aggregation aggregation, String clause, Integer titleYear,
        boolean namedYears, List<Integer> window, List<Year> years, BigDecimal windowPublic,
        BigDecimal windowProfessional, BigDecimal windowTotal, Requirement windowRequirement, Verdict verdict) {

    /** 达标 / 未达标 / 无法核验 (a year of the window has no rule set in force). */
    public enum Verdict { COMPLIANT, NOT_COMPLIANT, NOT_COVERED }

    /**
     * One year of the window. {@code ruleSet} and {@code requirement} are null for a year no rule set covers for
     * the unit's jurisdiction (its hours cannot be recognised: 0, not compliant).
     */
    public record Year(int year, String ruleSet, BigDecimal publicHours, BigDecimal professionalHours,
            BigDecimal totalHours, Requirement requirement, boolean compliant, boolean reduced, int claimsCounted) {

        public boolean covered() {
            return ruleSet != null;
        }

        /** Hours still missing for the year's own requirement (never below zero), total. */
        public BigDecimal shortTotal() {
            return requirement == null ? BigDecimal.ZERO
                    : TitleCheck.plain(requirement.total().subtract(totalHours).max(BigDecimal.ZERO));
        }
    }

    public boolean compliant() {
        return verdict == Verdict.COMPLIANT;
    }

    public BigDecimal windowRequired() {
        return windowRequirement.total();
    }

    /** Hours the window still lacks against its summed requirement (never below zero). */
    public BigDecimal windowShort() {
        return TitleCheck.plain(windowRequirement.total().subtract(windowTotal).max(BigDecimal.ZERO));
    }

    /** The hours the check lacks: the window's shortfall when judged as a total, else each year's shortfall summed. */
    public BigDecimal missingHours() {
        if (aggregation == WindowPolicy.Aggregation.WINDOW_TOTAL) {
            return windowShort();
        }
        return TitleCheck.plain(years.stream().map(Year::shortTotal).reduce(BigDecimal.ZERO, BigDecimal::add));
    }
}
