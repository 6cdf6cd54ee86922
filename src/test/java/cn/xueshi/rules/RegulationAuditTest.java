package cn.xueshi.rules;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.support.IntegrationTest;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The provisions REGULATION-AUDIT.md checks against the seed texts, pinned where a row's boundary or a year's
 * requirement decides the verdict and CatalogRowsTest does not already hold the case. Each case names its
 * article; a failure here means the shipped tables no longer say what the regulation says.
 */
@IntegrationTest
class RegulationAuditTest {

    @Autowired
    RecognitionService recognition;
    @Autowired
    DecisionService decisions;

    // ------------------------------------------------------------------ hardship (the one fix of the audit)

    /**
     * Jilin notice 三（二） "对确有特殊困难无法完成规定学时的专业技术人员（如伤、病、孕等）" and the attachment 三（二）
     * "因伤、病、孕等特殊原因": injury, illness and pregnancy are examples (如……等), the condition is a real
     * hardship, which the employer verifies. Before the audit the Jilin row listed only the three and refused 其他.
     */
    @ParameterizedTest(name = "吉林 {0} {1}")
    @CsvSource({"INJURY,MAKEUP", "ILLNESS,REDUCTION", "PREGNANCY,MAKEUP", "OTHER,REDUCTION", "OTHER,MAKEUP"})
    void jilinAcceptsEveryHardshipTheEmployerApproves(String reason, String remedy) {
        Map<String, Object> row = hardship("jilin-2026", reason, remedy);
        assertThat(row.get("allowed")).isEqualTo(true);
        assertThat(row.get("reductionMode")).isEqualTo("REQUESTED");
    }

    /**
     * Qingdao 四（四）4 credits only 病假超过6个月 and 产假 (by month, reduction only; the notice has no make-up);
     * Yuxi and Anhui have no hardship provision at all.
     */
    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({"qingdao-2023,OTHER,REDUCTION", "qingdao-2023,PREGNANCY,MAKEUP", "yuxi-2024,OTHER,REDUCTION",
            "anhui-2025,INJURY,REDUCTION"})
    void theOtherRuleSetsKeepTheirNarrowerText(String ruleSet, String reason, String remedy) {
        assertThat(hardship(ruleSet, reason, remedy).get("allowed")).isEqualTo(false);
    }

    /**
     * 证明材料 (evidenceRequired, read by MakeupController): Jilin 通知 三（二） "须提交书面申请及相关证明材料" for
     * every hardship request (the attachment's 减免 is the same 确有特殊困难 case); Qingdao 四（四）4 "经本人所在单位
     * 批准，并提交相关证明材料" for the sick-leave and maternity reductions; nothing where no request is offered
     * (Qingdao make-up, Yuxi, Anhui: hardship-none).
     */
    @ParameterizedTest(name = "{0} {1} {2} → {3}")
    @CsvSource({"jilin-2026,INJURY,MAKEUP,true", "jilin-2026,ILLNESS,REDUCTION,true", "jilin-2026,PREGNANCY,MAKEUP,true",
            "jilin-2026,OTHER,REDUCTION,true", "jilin-2026,OTHER,MAKEUP,true",
            "qingdao-2023,INJURY,REDUCTION,true", "qingdao-2023,ILLNESS,REDUCTION,true",
            "qingdao-2023,PREGNANCY,REDUCTION,true", "qingdao-2023,PREGNANCY,MAKEUP,false",
            "qingdao-2023,OTHER,REDUCTION,false", "yuxi-2024,ILLNESS,REDUCTION,false", "yuxi-2024,INJURY,MAKEUP,false",
            "anhui-2025,PREGNANCY,MAKEUP,false", "anhui-2025,INJURY,REDUCTION,false"})
    void proofIsRequiredWhereTheTextAsksForIt(String ruleSet, String reason, String remedy, boolean required) {
        Map<String, Object> row = hardship(ruleSet, reason, remedy);
        assertThat(row.get("evidenceRequired")).isEqualTo(required);
        if (required) {
            // the basis the refusal message cites names the proof the text asks for
            assertThat((String) row.get("basis")).contains("证明材料");
        }
    }

    /**
     * 吉林 参考 二（九）“用人单位未建立自学档案的不予认定” (self-study-archive-policy archiveRequired, read by
     * selfstudy/SelfStudyRule on every claim path): Jilin's SELF_STUDY only; no other text asks for a unit archive.
     */
    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource({"jilin-2026,SELF_STUDY,true", "jilin-2026,PUBLIC_COURSE,false", "jilin-2026,UNIT_ACTIVITY,false",
            "qingdao-2023,TRAINING,false", "yuxi-2024,ONLINE_COURSE,false", "anhui-2025,ONLINE_COURSE,false"})
    void selfStudyCountsOnlyWithTheUnitsArchiveInJilin(String ruleSet, String type, boolean required) {
        Map<String, Object> row = decisions.evaluateDecisionTableByKey("self-study-archive-policy", Variables
                .createVariables().putValue("ruleSet", ruleSet).putValue("activityType", type))
                .getSingleResult().getEntryMap();
        assertThat(row.get("archiveRequired")).isEqualTo(required);
        if (required) {
            assertThat((String) row.get("basis")).contains("二（九）");
        }
    }

    Map<String, Object> hardship(String ruleSet, String reason, String remedy) {
        return decisions.evaluateDecisionTableByKey("hardship-policy", Variables.createVariables()
                .putValue("ruleSet", ruleSet).putValue("reason", reason).putValue("remedy", remedy))
                .getSingleResult().getEntryMap();
    }

    // ------------------------------------------------------------------ annual requirements

    /** 吉林通知 二（二）、青岛 一: 90/30/60; 玉溪 二、安徽 第十二条: 90 with 专业科目 ≥ 60 and no public minimum. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"jilin-2026,2026,90,30,60", "qingdao-2023,2023,90,30,60", "yuxi-2024,2024,90,0,60",
            "anhui-2025,2025,90,0,60"})
    void annualRequirementIsTheTextsOwn(String ruleSet, int year, int total, int pub, int prof) {
        Requirement r = recognition.evaluate(new RecognitionRequest(ruleSet, year, List.of())).requirement();
        assertThat(r.total()).isEqualByComparingTo(BigDecimal.valueOf(total));
        assertThat(r.publicMin()).isEqualByComparingTo(BigDecimal.valueOf(pub));
        assertThat(r.professionalMin()).isEqualByComparingTo(BigDecimal.valueOf(prof));
    }

    // ------------------------------------------------------------------ item boundaries

    static Arguments item(String ruleSet, int year, Map<String, Object> item, double hours, double pub) {
        return Arguments.of(ruleSet + " " + item, ruleSet, year, item, hours, pub);
    }

    static Stream<Arguments> boundaries() {
        return Stream.of(
                // 吉林参考 一（一）: 按每1000字1学时 — a started thousand does not count
                item("jilin-2026", 2026, Map.of("activityType", "UNIT_ACTIVITY", "minutes", 45, "characters", 999), 1, 1),
                item("jilin-2026", 2026, Map.of("activityType", "UNIT_ACTIVITY", "minutes", 0, "characters", 1000), 1, 1),
                // 吉林参考 总则: 不足一天的按每45分钟1学时 — a partial day never earns more than a whole day's 8
                item("jilin-2026", 2026, Map.of("activityType", "UNIT_PRACTICE", "minutes", 450), 8, 0),
                // 吉林参考 二（二）: 每排序靠后一位减少4学时, never below 0 (national third prize, 11th name: 40 − 40)
                item("jilin-2026", 2026, Map.of("activityType", "AWARD", "level", "NATIONAL", "grade", "THIRD", "rank", 11), 0, 0),
                // 青岛 四（四）4⑵: 病假"超过6个月" — six months are not more than six
                item("qingdao-2023", 2023, Map.of("activityType", "LONG_ABSENCE", "reason", "SICK_LEAVE", "months", 6), 0, 0),
                // 青岛 四（四）4⑶: 女职工休产假的 — no length condition; 2 months of 30 + 60
                item("qingdao-2023", 2023, Map.of("activityType", "LONG_ABSENCE", "reason", "MATERNITY", "months", 2), 15, 5),
                // 青岛 四（四）2: 不足一年的，按月份比例计算 (11/12 of 30 + 60)
                item("qingdao-2023", 2023, Map.of("activityType", "AID_SERVICE", "months", 11), 82.5, 27.5),
                // 玉溪 四（三）2: 每万字 15 学时 — below ten thousand characters nothing
                item("yuxi-2024", 2024, Map.of("activityType", "BOOK", "characters", 9999), 0, 0),
                item("yuxi-2024", 2024, Map.of("activityType", "BOOK", "characters", 10000), 15, 0),
                // 玉溪 四（二）9: 每累计满1个月按10个学时
                item("yuxi-2024", 2024, Map.of("activityType", "AID_SERVICE", "months", 1), 10, 0),
                // 安徽 第十二条（七）: 报告论文 2000字以内另加5学时 — one character is within 2000
                item("anhui-2025", 2025, Map.of("activityType", "CONFERENCE", "level", "NATIONAL", "paperCharacters", 1), 13, 0),
                // 安徽 第十二条（三）: 国（境）外学术活动 每天6学时, 最多可认定90学时
                item("anhui-2025", 2025, Map.of("activityType", "CONFERENCE", "level", "INTERNATIONAL", "days", 20), 90, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("boundaries")
    void boundary(String name, String ruleSet, int year, Map<String, Object> item, double hours, double pub) {
        ItemResult i = recognition.evaluate(new RecognitionRequest(ruleSet, year, List.of(item))).items().get(0);
        assertThat(i.hours()).isEqualByComparingTo(BigDecimal.valueOf(hours));
        assertThat(i.publicHours()).isEqualByComparingTo(BigDecimal.valueOf(pub));
    }

    // ------------------------------------------------------------------ annual caps

    /** 青岛 四（一）1 公需科目 每年不超过30学时; 四（三）成果论文类 每年累计不超过30学时 (one cap for the six types). */
    @Test
    void qingdaoCapsPublicCoursesAndAchievementsTogether() {
        RecognitionResult r = recognition.evaluate(new RecognitionRequest("qingdao-2023", 2023, List.of(
                Map.of("activityType", "PUBLIC_COURSE", "hours", 40),
                Map.of("activityType", "PAPER", "count", 2),
                Map.of("activityType", "PATENT"),
                Map.of("activityType", "STANDARD"))));
        assertThat(r.publicHours()).isEqualByComparingTo("30");
        assertThat(r.professionalHours()).isEqualByComparingTo("30");
    }

    /** 吉林通知 四（一）高级研修 年度累计兑换不超过40学时; 参考 二（九）个人自学 原则上全年累计不超过30学时. */
    @Test
    void jilinCapsAdvancedSeminarsAndSelfStudy() {
        RecognitionResult r = recognition.evaluate(new RecognitionRequest("jilin-2026", 2026, List.of(
                Map.of("activityType", "ADVANCED_SEMINAR", "days", 6),
                Map.of("activityType", "SELF_STUDY", "hours", 31))));
        assertThat(r.professionalHours()).isEqualByComparingTo("70");
    }

    /** 安徽 第二十一条4 就高原则 for (一)–(十一); 第十二条（十二）网络课件 is outside it and adds up. */
    @Test
    void anhuiTakesTheHighestSingleItemPlusOnlineCourses() {
        RecognitionResult r = recognition.evaluate(new RecognitionRequest("anhui-2025", 2025, List.of(
                Map.of("activityType", "TEACHING", "count", 2),
                Map.of("activityType", "BOOK", "role", "CO_AUTHOR"),
                Map.of("activityType", "ONLINE_COURSE", "hours", 5),
                Map.of("activityType", "ONLINE_COURSE", "count", 3))));
        assertThat(r.totalHours()).isEqualByComparingTo("38");
    }
}
