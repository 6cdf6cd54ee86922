package cn.xueshi.rules;

import static cn.xueshi.rules.CatalogRowsTest.item;
import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.support.IntegrationTest;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Year-level behaviour through the deployed tables: caps, full-year credits, highest single, selection. */
@IntegrationTest
class RecognitionAggregationTest {

    @Autowired
    RecognitionService recognition;

    RecognitionResult eval(String ruleSet, int year, List<Map<String, Object>> items) {
        return recognition.evaluate(new RecognitionRequest(ruleSet, year, items));
    }

    @Test
    void jilinExchangeCapExactlyMetAndExceededAcrossItems() {
        var met = eval("jilin-2026", 2026, List.of(item("activityType", "PROFESSIONAL_EXCHANGE", "days", 3),
                item("activityType", "PROFESSIONAL_EXCHANGE", "days", 2)));
        assertThat(met.professionalHours()).isEqualByComparingTo("40");
        var exceeded = eval("jilin-2026", 2026, List.of(item("activityType", "PROFESSIONAL_EXCHANGE", "days", 3),
                item("activityType", "PROFESSIONAL_EXCHANGE", "days", 2), item("activityType", "PROFESSIONAL_EXCHANGE", "minutes", 45)));
        assertThat(exceeded.items().get(2).hours()).isEqualByComparingTo("1");
        assertThat(exceeded.professionalHours()).isEqualByComparingTo("40");
    }

    @Test
    void qingdaoSixAchievementTypesShareOneCap() {
        var r = eval("qingdao-2023", 2023, List.of(item("activityType", "PAPER"), item("activityType", "BOOK"),
                item("activityType", "PATENT"), item("activityType", "AWARD")));
        assertThat(r.professionalHours()).isEqualByComparingTo("30");
    }

    @Test
    void twoJilinAidServicesGiveThirtyPublicNotSixty() {
        var r = eval("jilin-2026", 2026, List.of(item("activityType", "AID_SERVICE"), item("activityType", "AID_SERVICE"),
                item("activityType", "TRAINING", "hours", 5, "subject", "PUBLIC")));
        assertThat(r.publicHours()).isEqualByComparingTo("35");
        assertThat(r.compliant()).isFalse();
    }

    @Test
    void fullTimeStudyAloneIsCompliant() {
        var r = eval("jilin-2026", 2026, List.of(item("activityType", "FULL_TIME_STUDY")));
        assertThat(r.publicHours()).isEqualByComparingTo("30");
        assertThat(r.professionalHours()).isEqualByComparingTo("60");
        assertThat(r.compliant()).isTrue();
        assertThat(r.requirement()).isEqualTo(new Requirement(new BigDecimal("90.0"), new BigDecimal("30.0"), new BigDecimal("60.0")));
    }

    @Test
    void anhuiTieBetweenExamAndFullYearCreditGoesToTheFullYearCredit() {
        var r = eval("anhui-2025", 2025, List.of(item("activityType", "QUALIFICATION_EXAM"), item("activityType", "AID_SERVICE")));
        assertThat(r.publicHours()).isEqualByComparingTo("30");
        assertThat(r.professionalHours()).isEqualByComparingTo("60");
    }

    @Test
    void anhuiTieBetweenPlainItemsGoesToTheEarlierOne() {
        var r = eval("anhui-2025", 2025, List.of(item("activityType", "BOOK", "role", "FIRST_AUTHOR", "subject", "PUBLIC"),
                item("activityType", "PATENT", "patentType", "INVENTION", "rank", 1)));
        assertThat(r.publicHours()).isEqualByComparingTo("50");
        assertThat(r.professionalHours()).isEqualByComparingTo("0");
    }

    @Test
    void anhuiItemsNeverAddUpOutsideOnlineCourses() {
        var r = eval("anhui-2025", 2025, List.of(item("activityType", "TEACHING", "count", 3),
                item("activityType", "TEACHING", "count", 3)));
        assertThat(r.totalHours()).isEqualByComparingTo("15");
    }

    @Test
    void loweredRequirementJudgesCompliance() {
        var req = new RecognitionRequest("yuxi-2024", 2024, List.of(item("activityType", "ONLINE_COURSE", "hours", 45)));
        assertThat(recognition.evaluate(req).compliant()).isFalse();
        var lowered = recognition.evaluate(req, new Requirement(new BigDecimal("45"), BigDecimal.ZERO, new BigDecimal("30")));
        assertThat(lowered.compliant()).isTrue();
        assertThat(lowered.requirement().total()).isEqualByComparingTo("45");
    }

    @Test
    void selectionTablePicksRuleSetsByYear() {
        assertThat(recognition.ruleSetFor("JILIN", 2026)).contains("jilin-2026");
        assertThat(recognition.ruleSetFor("JILIN", 2030)).contains("jilin-2026");
        assertThat(recognition.ruleSetFor("JILIN", 2025)).isEmpty();
        assertThat(recognition.ruleSetFor("QINGDAO", 2019)).contains("qingdao-2023");
        assertThat(recognition.ruleSetFor("QINGDAO", 2018)).isEmpty();
        assertThat(recognition.ruleSetFor("YUXI", 2024)).contains("yuxi-2024");
        assertThat(recognition.ruleSetFor("ANHUI", 2025)).contains("anhui-2025");
        assertThat(recognition.ruleSetFor("ANHUI", 2024)).isEmpty();
        assertThat(recognition.ruleSetFor("MARS", 2025)).isEmpty();
    }

    @Test
    void activityTypesComeFromTheDeployedTables() {
        List<ActivityType> types = recognition.activityTypes("jilin-2026");
        ActivityType patent = types.stream().filter(t -> t.code().equals("PATENT")).findFirst().orElseThrow();
        assertThat(patent.nameZh()).isEqualTo("专利");
        assertThat(patent.parameter("rank").required()).isTrue();
        assertThat(patent.parameter("patentType").values()).extracting(ActivityType.EnumValue::code)
                .containsExactly("INVENTION", "UTILITY_MODEL", "DESIGN");
        assertThat(patent.rateText()).contains("34 学时").contains("减少 4 学时");
        assertThat(recognition.activityTypes("nope")).isEmpty();
    }
}
