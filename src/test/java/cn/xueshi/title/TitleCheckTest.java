package cn.xueshi.title;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.xueshi.claim.ProgressService;
import cn.xueshi.claim.YearProgress;
import cn.xueshi.identity.UnitType;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The window arithmetic and the verdicts, on registered hours put in directly (no lifecycle): Qingdao's rolling
 * five years summed against 5 × 90 (青人社字〔2023〕14号 四), a shorter 申报职称年限, reductions, make-ups
 * counted for their own year, Jilin's named years (2026 notice 五（三）), and agreement with the year view.
 */
@IntegrationTest
class TitleCheckTest {

    @Autowired
    TitleCheck check;
    @Autowired
    TitleFixtures hours;
    @Autowired
    ClaimFixtures fixtures;
    @Autowired
    TitleProfiles profiles;
    @Autowired
    ProgressService progress;

    ClaimFixtures.Setup qingdao() {
        return fixtures.unit("青岛市第三人民医院", UnitType.STATE_OWNED, "QINGDAO", "qingdao-2023");
    }

    private TitleApplication run(ClaimFixtures.Setup s, int year) {
        return check.check(s.employee(), s.unit(), year, null, null);
    }

    @Test
    void qingdaoFullFiveYearsAgainstFiveTimesNinety() {
        ClaimFixtures.Setup s = qingdao();
        for (int y = 2022; y <= 2026; y++) {
            hours.registered(s.employee(), s.unit(), "qingdao-2023", y, "30", "60");
        }
        TitleApplication t = run(s, 2026);
        assertThat(t.window()).containsExactly(2022, 2023, 2024, 2025, 2026);
        assertThat(t.basis()).isEqualTo(WindowPolicy.Basis.ROLLING);
        assertThat(t.aggregation()).isEqualTo(WindowPolicy.Aggregation.WINDOW_TOTAL);
        assertThat(t.windowTotal()).isEqualByComparingTo("450");
        assertThat(t.windowRequired()).isEqualByComparingTo("450");
        assertThat(t.windowRequirement().publicMin()).isEqualByComparingTo("150");
        assertThat(t.windowRequirement().professionalMin()).isEqualByComparingTo("300");
        assertThat(t.verdict()).isEqualTo(TitleApplication.Verdict.COMPLIANT);
        assertThat(t.years()).allSatisfy(y -> assertThat(y.compliant()).isTrue());
        assertThat(t.clause()).contains("青人社字〔2023〕14号").contains("5×90");
    }

    @Test
    void qingdaoOneYearShortIsNotCompliantAndTheShortfallIsShown() {
        ClaimFixtures.Setup s = qingdao();
        for (int y = 2022; y <= 2026; y++) {
            hours.registered(s.employee(), s.unit(), "qingdao-2023", y, "30", y == 2024 ? "20" : "60");
        }
        TitleApplication t = run(s, 2026);
        assertThat(t.windowTotal()).isEqualByComparingTo("410");
        assertThat(t.windowShort()).isEqualByComparingTo("40");
        assertThat(t.verdict()).isEqualTo(TitleApplication.Verdict.NOT_COMPLIANT);
        assertThat(t.years().stream().filter(y -> !y.compliant()).map(TitleApplication.Year::year)).containsExactly(2024);
    }

    @Test
    void qingdaoCountsTheWindowsHoursSoAStrongYearCoversAWeakOne() {
        ClaimFixtures.Setup s = qingdao();
        hours.registered(s.employee(), s.unit(), "qingdao-2023", 2022, "30", "60");
        hours.registered(s.employee(), s.unit(), "qingdao-2023", 2023, "30", "60");
        hours.registered(s.employee(), s.unit(), "qingdao-2023", 2024, "30", "90");
        hours.registered(s.employee(), s.unit(), "qingdao-2023", 2025, "30", "30");
        hours.registered(s.employee(), s.unit(), "qingdao-2023", 2026, "30", "60");
        TitleApplication t = run(s, 2026);
        assertThat(t.years().get(3).compliant()).isFalse();
        assertThat(t.windowTotal()).isEqualByComparingTo("450");
        assertThat(t.verdict()).isEqualTo(TitleApplication.Verdict.COMPLIANT);
    }

    @Test
    void aSubjectMinimumSummedOverTheWindowStillCounts() {
        ClaimFixtures.Setup s = qingdao();
        for (int y = 2022; y <= 2026; y++) {
            hours.registered(s.employee(), s.unit(), "qingdao-2023", y, "20", "80");
        }
        TitleApplication t = run(s, 2026);
        assertThat(t.windowTotal()).isEqualByComparingTo("500");
        assertThat(t.windowPublic()).isEqualByComparingTo("100");
        assertThat(t.verdict()).isEqualTo(TitleApplication.Verdict.NOT_COMPLIANT);
    }

    @Test
    void aShorterTitleTenureShortensTheWindowStoredOrStatedInTheApplication() {
        ClaimFixtures.Setup s = qingdao();
        for (int y = 2024; y <= 2026; y++) {
            hours.registered(s.employee(), s.unit(), "qingdao-2023", y, "30", "60");
        }
        assertThat(run(s, 2026).verdict()).isEqualTo(TitleApplication.Verdict.NOT_COMPLIANT);
        profiles.save(s.employee(), 2023);
        TitleApplication t = run(s, 2026);
        assertThat(t.window()).containsExactly(2024, 2025, 2026);
        assertThat(t.titleYear()).isEqualTo(2023);
        assertThat(t.windowRequired()).isEqualByComparingTo("270");
        assertThat(t.verdict()).isEqualTo(TitleApplication.Verdict.COMPLIANT);
        // stated in the application, it wins over the stored one; a title older than the window changes nothing
        assertThat(check.check(s.employee(), s.unit(), 2026, 2025, null).window()).containsExactly(2026);
        assertThat(check.check(s.employee(), s.unit(), 2026, 2015, null).window()).hasSize(5);
    }

    @Test
    void aReductionLowersItsYearAndTheWindowsRequirement() {
        ClaimFixtures.Setup s = qingdao();
        for (int y = 2022; y <= 2026; y++) {
            hours.registered(s.employee(), s.unit(), "qingdao-2023", y, "30", y == 2024 ? "30" : "60");
        }
        hours.reduction(s.employee(), s.unit(), "qingdao-2023", 2024, "0", "30");
        TitleApplication t = run(s, 2026);
        TitleApplication.Year y2024 = t.years().get(2);
        assertThat(y2024.reduced()).isTrue();
        assertThat(y2024.requirement().total()).isEqualByComparingTo("60");
        assertThat(y2024.compliant()).isTrue();
        assertThat(t.windowRequired()).isEqualByComparingTo("420");
        assertThat(t.verdict()).isEqualTo(TitleApplication.Verdict.COMPLIANT);
    }

    @Test
    void aMakeupCountsForTheYearItMakesUpNotTheYearItWasEarned() {
        ClaimFixtures.Setup s = fixtures.unit("青岛市中心医院", UnitType.STATE_OWNED, "QINGDAO", "qingdao-2023");
        hours.registered(s.employee(), s.unit(), "qingdao-2023", 2025, "10", "20");
        hours.registered(s.employee(), s.unit(), "qingdao-2023", 2026, "20", "40", 2025);
        hours.registered(s.employee(), s.unit(), "qingdao-2023", 2026, "30", "60");
        TitleApplication t = run(s, 2026);
        assertThat(t.years().get(3).totalHours()).isEqualByComparingTo("90");
        assertThat(t.years().get(3).compliant()).isTrue();
        assertThat(t.years().get(4).totalHours()).isEqualByComparingTo("90");
    }

    @Test
    void everyYearAgreesWithTheYearView() {
        ClaimFixtures.Setup s = qingdao();
        hours.registered(s.employee(), s.unit(), "qingdao-2023", 2023, "12.5", "33");
        hours.registered(s.employee(), s.unit(), "qingdao-2023", 2026, "30", "61");
        hours.reduction(s.employee(), s.unit(), "qingdao-2023", 2025, "10", "0");
        for (TitleApplication.Year y : run(s, 2026).years()) {
            YearProgress p = progress.of(s.employee(), y.year(), "qingdao-2023").orElseThrow();
            assertThat(y.totalHours()).isEqualByComparingTo(p.totalHours());
            assertThat(y.publicHours()).isEqualByComparingTo(p.publicHours());
            assertThat(y.requirement().total()).isEqualByComparingTo(p.requirement().total());
            assertThat(y.requirement().publicMin()).isEqualByComparingTo(p.requirement().publicMin());
            assertThat(y.requirement().professionalMin()).isEqualByComparingTo(p.requirement().professionalMin());
            assertThat(y.compliant()).isEqualTo(p.compliant());
        }
    }

    @Test
    void jilinChecksTheNamedYearsEachOnItsOwn() {
        ClaimFixtures.Setup s = fixtures.jilin();
        hours.registered(s.employee(), s.unit(), "jilin-2026", 2026, "30", "60");
        TitleApplication t = run(s, 2026);
        assertThat(t.basis()).isEqualTo(WindowPolicy.Basis.NAMED);
        assertThat(t.aggregation()).isEqualTo(WindowPolicy.Aggregation.EACH_YEAR);
        assertThat(t.window()).containsExactly(2026);
        assertThat(t.verdict()).isEqualTo(TitleApplication.Verdict.COMPLIANT);
        // a named year no Jilin rule set covers (the notice applies from 2026): cannot be checked
        TitleApplication named = check.check(s.employee(), s.unit(), 2026, null, List.of(2026, 2025));
        assertThat(named.window()).containsExactly(2025, 2026);
        assertThat(named.years().get(0).covered()).isFalse();
        assertThat(named.verdict()).isEqualTo(TitleApplication.Verdict.NOT_COVERED);
        assertThat(named.windowRequired()).isEqualByComparingTo("90");
    }

    @Test
    void jilinEachYearMustMeetItsOwnRequirement() {
        ClaimFixtures.Setup s = fixtures.jilin();
        hours.registered(s.employee(), s.unit(), "jilin-2026", 2026, "30", "59");
        assertThat(run(s, 2026).verdict()).isEqualTo(TitleApplication.Verdict.NOT_COMPLIANT);
    }

    @Test
    void outOfRangeInputIsRefusedWithTheField() {
        ClaimFixtures.Setup s = qingdao();
        assertThatThrownBy(() -> check.check(s.employee(), s.unit(), 2026, 2026, null))
                .isInstanceOfSatisfying(TitleInputRejected.class, e -> assertThat(e.field()).isEqualTo("titleYear"));
        assertThatThrownBy(() -> check.check(s.employee(), s.unit(), 2026, 1200, null))
                .isInstanceOfSatisfying(TitleInputRejected.class, e -> assertThat(e.field()).isEqualTo("titleYear"));
        assertThatThrownBy(() -> check.check(s.employee(), s.unit(), 99999, null, null))
                .isInstanceOfSatisfying(TitleInputRejected.class, e -> assertThat(e.field()).isEqualTo("year"));
        // Qingdao is rolling: the application cannot pick its years
        assertThatThrownBy(() -> check.check(s.employee(), s.unit(), 2026, null, List.of(2026)))
                .isInstanceOfSatisfying(TitleInputRejected.class, e -> assertThat(e.field()).isEqualTo("years"));
        ClaimFixtures.Setup j = fixtures.jilin();
        assertThatThrownBy(() -> check.check(j.employee(), j.unit(), 2026, null, List.of(2027)))
                .isInstanceOfSatisfying(TitleInputRejected.class, e -> assertThat(e.messageKey()).isEqualTo("title.error.namedYear"));
        assertThatThrownBy(() -> check.check(j.employee(), j.unit(), 2026, null, List.of(1900)))
                .isInstanceOf(TitleInputRejected.class);
    }

    @Test
    void otherRuleSetsUseTheDefaultRowOfTheTable() {
        ClaimFixtures.Setup s = fixtures.unit("合肥市第一人民医院", UnitType.STATE_OWNED, "ANHUI", "anhui-2025");
        hours.registered(s.employee(), s.unit(), "anhui-2025", 2026, "30", "60");
        TitleApplication t = run(s, 2026);
        assertThat(t.window()).containsExactly(2026);
        assertThat(t.clause()).contains("默认");
        assertThat(t.verdict()).isEqualTo(TitleApplication.Verdict.COMPLIANT);
        assertThat(t.windowTotal()).isEqualTo(new BigDecimal("90"));
    }

    @Test
    void rollingWindowArithmetic() {
        WindowPolicy.Policy five = new WindowPolicy.Policy(5, WindowPolicy.Basis.ROLLING,
                WindowPolicy.Aggregation.WINDOW_TOTAL, "");
        assertThat(TitleCheck.rolling(five, 2023, null)).containsExactly(2019, 2020, 2021, 2022, 2023);
        assertThat(TitleCheck.rolling(five, 2023, 2020)).containsExactly(2021, 2022, 2023);
        assertThat(TitleCheck.rolling(five, 2023, 2022)).containsExactly(2023);
        assertThat(TitleCheck.rolling(five, 2023, 2017)).hasSize(5);
    }
}
