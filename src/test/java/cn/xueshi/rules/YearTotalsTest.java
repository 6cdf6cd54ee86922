package cn.xueshi.rules;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.rules.YearTotals.Counted;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The aggregation mechanism without Spring: caps, full-year credits, highest single, rounding, formula terms. */
@org.junit.jupiter.api.Tag("no-database")
class YearTotalsTest {

    static BigDecimal d(double v) {
        return BigDecimal.valueOf(v);
    }

    static Counted prof(String type, double h, String capGroup) {
        return new Counted(type, BigDecimal.ZERO, d(h), "NONE", capGroup);
    }

    @Test
    void capExactlyMetAcrossItemsKeepsEverything() {
        Hours t = YearTotals.of(List.of(prof("X", 25, "G"), prof("X", 15, "G")), Map.of("G", d(40)), "SUM", Set.of());
        assertThat(t.professionalHours()).isEqualByComparingTo("40");
    }

    @Test
    void capExceededAcrossSeveralItemsCutsTheLaterOnes() {
        Hours t = YearTotals.of(List.of(prof("X", 25, "G"), prof("X", 15, "G"), prof("X", 8, "G"),
                prof("Y", 5, null)), Map.of("G", d(40)), "SUM", Set.of());
        assertThat(t.professionalHours()).isEqualByComparingTo("45");
    }

    @Test
    void fullYearCreditsDoNotStackWithinASubjectButOtherItemsAdd() {
        Counted aid = new Counted("AID", d(30), BigDecimal.ZERO, "PUBLIC", null);
        Counted all = new Counted("ALL", d(30), d(60), "ALL", null);
        Hours t = YearTotals.of(List.of(aid, aid, prof("P", 10, null)), Map.of(), "SUM", Set.of());
        assertThat(t.publicHours()).isEqualByComparingTo("30");
        assertThat(t.professionalHours()).isEqualByComparingTo("10");
        t = YearTotals.of(List.of(aid, all, new Counted("U", d(4), BigDecimal.ZERO, "NONE", null)), Map.of(), "SUM", Set.of());
        assertThat(t.publicHours()).isEqualByComparingTo("34");
        assertThat(t.professionalHours()).isEqualByComparingTo("60");
    }

    @Test
    void highestSingleTieGoesToFullYearThenToTheEarlierItem() {
        Counted exam = prof("EXAM", 90, null);
        Counted aid = new Counted("AID", d(30), d(60), "ALL", null);
        List<Counted> chosen = YearTotals.highestSingle(List.of(exam, aid), Set.of("ONLINE"));
        assertThat(chosen).containsExactly(aid);
        Counted first = new Counted("A", d(50), BigDecimal.ZERO, "NONE", null);
        Counted second = prof("B", 50, null);
        assertThat(YearTotals.highestSingle(List.of(first, second), Set.of())).containsExactly(first);
        assertThat(YearTotals.highestSingle(List.of(second, first), Set.of())).containsExactly(second);
    }

    @Test
    void highestSingleAddsTheSummedTypes() {
        Hours t = YearTotals.of(List.of(prof("PAPER", 40, null), prof("PATENT", 50, null), prof("ONLINE", 12, null),
                new Counted("ONLINE", d(30), BigDecimal.ZERO, "NONE", null)), Map.of(), "HIGHEST_SINGLE", Set.of("ONLINE"));
        assertThat(t.publicHours()).isEqualByComparingTo("30");
        assertThat(t.professionalHours()).isEqualByComparingTo("62");
    }

    @Test
    void roundingIsHalfUpToOneDecimal() {
        assertThat(HourFormula.round(d(7.25))).isEqualByComparingTo("7.3");
        assertThat(HourFormula.round(d(7.249))).isEqualByComparingTo("7.2");
        assertThat(HourFormula.round(d(0.05))).isEqualByComparingTo("0.1");
    }

    @Test
    void formulaTermsCombineAsTheirNamesSay() {
        Map<String, Object> duration = Map.of("perDay", 8.0, "minuteBlock", 45.0, "perMinuteBlock", 1.0, "partialDayCap", 8.0);
        assertThat(HourFormula.hours(duration, Map.of("days", d(2), "minutes", d(1000)), Set.of("days", "minutes")))
                .isEqualByComparingTo("24");
        assertThat(HourFormula.hours(duration, Map.of("days", d(0), "minutes", d(89)), Set.of("minutes")))
                .isEqualByComparingTo("1");
        Map<String, Object> rank = Map.of("base", 34.0, "rankDecrement", 4.0);
        assertThat(HourFormula.hours(rank, Map.of("rank", d(9)), Set.of("rank"))).isEqualByComparingTo("2");
        assertThat(HourFormula.hours(rank, Map.of("rank", d(10)), Set.of("rank"))).isEqualByComparingTo("0");
        Map<String, Object> perHour = Map.of("perHour", 1.0, "dailyHourCap", 8.0);
        assertThat(HourFormula.hours(perHour, Map.of("hours", d(20), "days", d(2)), Set.of("hours", "days")))
                .isEqualByComparingTo("16");
        Map<String, Object> abroad = Map.of("perDay", 6.0, "perPartialDay", 3.0, "maxHours", 90.0);
        assertThat(HourFormula.hours(abroad, Map.of("days", d(14), "partialDays", d(3)), Set.of("days")))
                .isEqualByComparingTo("90");
    }

    @Test
    void aMissingDurationIsNamed() {
        Map<String, Object> duration = Map.of("perDay", 8.0, "minuteBlock", 45.0);
        try {
            HourFormula.hours(duration, Map.of("minutes", d(0)), Set.of());
            org.junit.jupiter.api.Assertions.fail("expected a missing parameter");
        } catch (HourFormula.MissingParameter e) {
            assertThat(e.names).containsExactly("days", "minutes");
        }
    }
}
