package cn.xueshi.title;

import java.math.BigDecimal;
import java.util.List;

/**
 * What an issued 学习证明 states, kept as JSON on the proof: the window, each year with its hours by subject and
 * requirement, the window's sums and the verdict. Read by the PDF and the public verification page.
 */
public record ProofSnapshot(int year, List<Integer> window, String basis, String aggregation, String clause,
        Integer titleYear, List<Line> years, BigDecimal windowPublic, BigDecimal windowProfessional,
        BigDecimal windowTotal, BigDecimal requiredTotal, BigDecimal requiredPublic, BigDecimal requiredProfessional,
        String verdict) {

    /** One year: ruleSet null when no rule set covered it. */
    public record Line(int year, String ruleSet, BigDecimal publicHours, BigDecimal professionalHours,
            BigDecimal totalHours, BigDecimal requiredTotal, BigDecimal requiredPublic, BigDecimal requiredProfessional,
            boolean reduced, boolean compliant) {
    }

    static ProofSnapshot of(TitleApplication t) {
        List<Line> lines = t.years().stream().map(y -> new Line(y.year(), y.ruleSet(), y.publicHours(),
                y.professionalHours(), y.totalHours(), y.requirement() == null ? null : y.requirement().total(),
                y.requirement() == null ? null : y.requirement().publicMin(),
                y.requirement() == null ? null : y.requirement().professionalMin(), y.reduced(), y.compliant()))
                .toList();
        return new ProofSnapshot(t.year(), t.window(), t.basis().name(), t.aggregation().name(), t.clause(),
                t.titleYear(), lines, t.windowPublic(), t.windowProfessional(), t.windowTotal(),
                t.windowRequirement().total(), t.windowRequirement().publicMin(),
                t.windowRequirement().professionalMin(), t.verdict().name());
    }

    public boolean compliant() {
        return TitleApplication.Verdict.COMPLIANT.name().equals(verdict);
    }
}
