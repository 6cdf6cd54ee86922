package cn.xueshi.rules;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.support.IntegrationTest;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/** Every row of CATALOG.md, one item at a time, through the deployed tables. */
@IntegrationTest
class CatalogRowsTest {

    @Autowired
    RecognitionService recognition;

    static Map<String, Object> item(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** name, ruleSet, year, item, hours, public hours, fullYear */
    static Arguments row(String ruleSet, int year, Map<String, Object> item, double hours, double pub, String fullYear) {
        return Arguments.of(ruleSet + " " + item, ruleSet, year, item, hours, pub, fullYear);
    }

    static Stream<Arguments> rows() {
        String jl = "jilin-2026";
        String qd = "qingdao-2023";
        String yx = "yuxi-2024";
        String ah = "anhui-2025";
        return Stream.of(
                // ---- jilin-2026
                row(jl, 2026, item("activityType", "UNIT_ACTIVITY", "days", 1, "minutes", 90, "characters", 3999), 13, 13, "NONE"),
                row(jl, 2026, item("activityType", "AID_SERVICE"), 30, 30, "PUBLIC"),
                row(jl, 2026, item("activityType", "ADVANCED_SEMINAR", "days", 3), 24, 0, "NONE"),
                row(jl, 2026, item("activityType", "TRAINING", "hours", 12.5, "subject", "PUBLIC"), 12.5, 12.5, "NONE"),
                row(jl, 2026, item("activityType", "TRAINING", "days", 2), 16, 0, "NONE"),
                row(jl, 2026, item("activityType", "RESEARCH_PROJECT", "level", "NATIONAL", "role", "HOST"), 40, 0, "NONE"),
                row(jl, 2026, item("activityType", "RESEARCH_PROJECT", "level", "NATIONAL", "role", "MEMBER"), 24, 0, "NONE"),
                row(jl, 2026, item("activityType", "RESEARCH_PROJECT", "level", "NATIONAL", "role", "SUB_HOST"), 32, 0, "NONE"),
                row(jl, 2026, item("activityType", "RESEARCH_PROJECT", "level", "NATIONAL", "role", "SUB_MEMBER"), 20, 0, "NONE"),
                row(jl, 2026, item("activityType", "RESEARCH_PROJECT", "level", "PROVINCIAL", "role", "HOST"), 30, 0, "NONE"),
                row(jl, 2026, item("activityType", "RESEARCH_PROJECT", "level", "PROVINCIAL", "role", "SUB_MEMBER"), 15, 0, "NONE"),
                row(jl, 2026, item("activityType", "RESEARCH_PROJECT", "level", "MUNICIPAL", "role", "HOST"), 20, 0, "NONE"),
                row(jl, 2026, item("activityType", "RESEARCH_PROJECT", "level", "MUNICIPAL", "role", "MEMBER"), 10, 0, "NONE"),
                row(jl, 2026, item("activityType", "AWARD", "level", "NATIONAL", "grade", "SECOND", "rank", 5), 60, 0, "PROFESSIONAL"),
                row(jl, 2026, item("activityType", "AWARD", "level", "NATIONAL", "grade", "THIRD", "rank", 3), 32, 0, "NONE"),
                row(jl, 2026, item("activityType", "AWARD", "level", "PROVINCIAL", "grade", "FIRST", "rank", 1), 40, 0, "NONE"),
                row(jl, 2026, item("activityType", "AWARD", "level", "PROVINCIAL", "grade", "SECOND", "rank", 2), 32, 0, "NONE"),
                row(jl, 2026, item("activityType", "AWARD", "level", "PROVINCIAL", "grade", "THIRD", "rank", 1), 32, 0, "NONE"),
                row(jl, 2026, item("activityType", "AWARD", "level", "MUNICIPAL", "grade", "SPECIAL", "rank", 1), 34, 0, "NONE"),
                row(jl, 2026, item("activityType", "AWARD", "level", "MUNICIPAL", "grade", "SECOND", "rank", 1), 30, 0, "NONE"),
                row(jl, 2026, item("activityType", "AWARD", "level", "MUNICIPAL", "grade", "THIRD", "rank", 7), 2, 0, "NONE"),
                row(jl, 2026, item("activityType", "AWARD", "level", "MUNICIPAL", "grade", "THIRD", "rank", 8), 0, 0, "NONE"),
                row(jl, 2026, item("activityType", "PATENT", "patentType", "INVENTION", "rank", 1), 34, 0, "NONE"),
                row(jl, 2026, item("activityType", "PATENT", "patentType", "DESIGN", "rank", 3), 22, 0, "NONE"),
                row(jl, 2026, item("activityType", "PATENT", "patentType", "UTILITY_MODEL", "rank", 9), 0, 0, "NONE"),
                row(jl, 2026, item("activityType", "BOOK", "role", "CHIEF_EDITOR"), 34, 0, "NONE"),
                row(jl, 2026, item("activityType", "BOOK", "role", "DEPUTY_EDITOR"), 24, 0, "NONE"),
                row(jl, 2026, item("activityType", "BOOK", "role", "AUTHOR"), 14, 0, "NONE"),
                row(jl, 2026, item("activityType", "PAPER", "journal", "EXCELLENCE", "role", "CORRESPONDING_AUTHOR"), 36, 0, "NONE"),
                row(jl, 2026, item("activityType", "PAPER", "journal", "SCI", "role", "CO_AUTHOR"), 20, 0, "NONE"),
                row(jl, 2026, item("activityType", "PAPER", "journal", "PROVINCIAL", "role", "FIRST_AUTHOR"), 26, 0, "NONE"),
                row(jl, 2026, item("activityType", "PAPER", "journal", "PROVINCIAL", "role", "CO_AUTHOR"), 10, 0, "NONE"),
                row(jl, 2026, item("activityType", "PAPER", "journal", "OTHER", "role", "SOLE_AUTHOR"), 10, 0, "NONE"),
                row(jl, 2026, item("activityType", "PAPER", "journal", "NATIONAL", "role", "CO_AUTHOR"), 5, 0, "NONE"),
                row(jl, 2026, item("activityType", "SKILL_COMPETITION", "level", "NATIONAL", "grade", "FIRST"), 40, 0, "NONE"),
                row(jl, 2026, item("activityType", "SKILL_COMPETITION", "level", "PROVINCIAL", "grade", "SECOND"), 20, 0, "NONE"),
                row(jl, 2026, item("activityType", "SKILL_COMPETITION", "level", "MUNICIPAL", "grade", "THIRD"), 5, 0, "NONE"),
                row(jl, 2026, item("activityType", "PROFESSIONAL_EXCHANGE", "minutes", 44), 0, 0, "NONE"),
                row(jl, 2026, item("activityType", "PROFESSIONAL_EXCHANGE", "minutes", 45), 1, 0, "NONE"),
                row(jl, 2026, item("activityType", "PROFESSIONAL_EXCHANGE", "days", 1, "minutes", 600), 16, 0, "NONE"),
                row(jl, 2026, item("activityType", "DEGREE_EDUCATION", "months", 3), 30, 0, "NONE"),
                row(jl, 2026, item("activityType", "FULL_TIME_STUDY"), 90, 30, "ALL"),
                row(jl, 2026, item("activityType", "SELF_STUDY", "hours", 7.25), 7.3, 0, "NONE"),
                row(jl, 2026, item("activityType", "UNIT_PRACTICE", "days", 2), 16, 0, "NONE"),
                // ---- qingdao-2023
                row(qd, 2023, item("activityType", "PUBLIC_COURSE", "hours", 12), 12, 12, "NONE"),
                row(qd, 2023, item("activityType", "TRAINING", "hours", 10, "days", 2), 10, 0, "NONE"),
                row(qd, 2023, item("activityType", "CONFERENCE", "hours", 30, "days", 3), 24, 0, "NONE"),
                row(qd, 2023, item("activityType", "STUDY_TOUR"), 10, 0, "NONE"),
                row(qd, 2023, item("activityType", "DEGREE_EDUCATION", "count", 2), 20, 0, "NONE"),
                row(qd, 2023, item("activityType", "RESEARCH_PROJECT"), 10, 0, "NONE"),
                row(qd, 2023, item("activityType", "AWARD", "count", 2), 20, 0, "NONE"),
                row(qd, 2023, item("activityType", "STANDARD"), 10, 0, "NONE"),
                row(qd, 2023, item("activityType", "BOOK"), 10, 0, "NONE"),
                row(qd, 2023, item("activityType", "EXPERT_SERVICE", "hours", 20, "days", 2), 16, 0, "NONE"),
                row(qd, 2023, item("activityType", "AID_SERVICE", "months", 12), 90, 30, "ALL"),
                row(qd, 2023, item("activityType", "AID_SERVICE", "months", 1), 7.5, 2.5, "NONE"),
                row(qd, 2023, item("activityType", "QUALIFICATION_EXAM"), 16, 0, "NONE"),
                row(qd, 2023, item("activityType", "LONG_ABSENCE", "reason", "ABROAD", "months", 6), 0, 0, "NONE"),
                row(qd, 2023, item("activityType", "LONG_ABSENCE", "reason", "SICK_LEAVE", "months", 7), 52.5, 17.5, "NONE"),
                row(qd, 2023, item("activityType", "LONG_ABSENCE", "reason", "MATERNITY", "months", 4), 30, 10, "NONE"),
                row(qd, 2023, item("activityType", "LONG_ABSENCE", "reason", "ABROAD", "months", 12), 90, 30, "ALL"),
                row(qd, 2023, item("activityType", "LANGUAGE_EXAM", "grade", "A", "score", 60), 30, 30, "NONE"),
                row(qd, 2023, item("activityType", "LANGUAGE_EXAM", "grade", "B", "score", 75), 20, 20, "NONE"),
                row(qd, 2023, item("activityType", "LANGUAGE_EXAM", "grade", "C", "score", 61), 10, 10, "NONE"),
                row(qd, 2023, item("activityType", "LANGUAGE_EXAM", "grade", "A", "score", 59.5), 0, 0, "NONE"),
                row(qd, 2023, item("activityType", "COMPUTER_EXAM", "count", 2), 10, 10, "NONE"),
                row(qd, 2023, item("activityType", "EPIDEMIC_FRONTLINE"), 90, 30, "ALL"),
                // ---- yuxi-2024
                row(yx, 2024, item("activityType", "PUBLIC_COURSE"), 5, 5, "NONE"),
                row(yx, 2024, item("activityType", "ADVANCED_SEMINAR"), 40, 0, "NONE"),
                row(yx, 2024, item("activityType", "TRAINING", "days", 2, "level", "PROVINCIAL"), 12, 0, "NONE"),
                row(yx, 2024, item("activityType", "TRAINING", "days", 2, "level", "COUNTY"), 10, 0, "NONE"),
                row(yx, 2024, item("activityType", "CONFERENCE", "days", 1, "level", "NATIONAL"), 8, 0, "NONE"),
                row(yx, 2024, item("activityType", "CONFERENCE", "days", 1, "level", "UNIT"), 5, 0, "NONE"),
                row(yx, 2024, item("activityType", "PRACTICE", "days", 2, "level", "PROVINCIAL"), 12, 0, "NONE"),
                row(yx, 2024, item("activityType", "PRACTICE", "days", 2, "level", "MUNICIPAL"), 8, 0, "NONE"),
                row(yx, 2024, item("activityType", "DEGREE_EDUCATION", "count", 2), 40, 0, "NONE"),
                row(yx, 2024, item("activityType", "ONLINE_COURSE", "hours", 33), 33, 0, "NONE"),
                row(yx, 2024, item("activityType", "EXPERT_SERVICE", "days", 2), 16, 0, "NONE"),
                row(yx, 2024, item("activityType", "INVIGILATION", "days", 2), 10, 0, "NONE"),
                row(yx, 2024, item("activityType", "AID_SERVICE", "months", 3), 30, 0, "NONE"),
                row(yx, 2024, item("activityType", "SHORT_SERVICE", "days", 3), 12, 0, "NONE"),
                row(yx, 2024, item("activityType", "RESEARCH_PROJECT", "level", "NATIONAL", "role", "SUB_MEMBER"), 30, 0, "NONE"),
                row(yx, 2024, item("activityType", "RESEARCH_PROJECT", "level", "PROVINCIAL", "role", "HOST"), 40, 0, "NONE"),
                row(yx, 2024, item("activityType", "RESEARCH_PROJECT", "level", "MUNICIPAL", "role", "SUB_HOST"), 20, 0, "NONE"),
                row(yx, 2024, item("activityType", "RESEARCH_PROJECT", "level", "COUNTY", "role", "HOST"), 20, 0, "NONE"),
                row(yx, 2024, item("activityType", "BOOK", "characters", 29999), 30, 0, "NONE"),
                row(yx, 2024, item("activityType", "PAPER", "journal", "SSCI"), 15, 0, "NONE"),
                row(yx, 2024, item("activityType", "PAPER", "journal", "PROVINCIAL"), 10, 0, "NONE"),
                row(yx, 2024, item("activityType", "PAPER", "journal", "MUNICIPAL"), 5, 0, "NONE"),
                row(yx, 2024, item("activityType", "PAPER", "journal", "OTHER"), 0, 0, "NONE"),
                row(yx, 2024, item("activityType", "PATENT", "patentType", "UTILITY_MODEL"), 20, 0, "NONE"),
                row(yx, 2024, item("activityType", "PATENT", "patentType", "DESIGN"), 10, 0, "NONE"),
                row(yx, 2024, item("activityType", "AWARD", "level", "NATIONAL", "rank", 2), 50, 0, "NONE"),
                row(yx, 2024, item("activityType", "AWARD", "level", "NATIONAL", "rank", 4), 30, 0, "NONE"),
                row(yx, 2024, item("activityType", "AWARD", "level", "PROVINCIAL", "rank", 3), 30, 0, "NONE"),
                row(yx, 2024, item("activityType", "AWARD", "level", "PROVINCIAL", "rank", 10), 20, 0, "NONE"),
                row(yx, 2024, item("activityType", "QUALIFICATION_EXAM", "grade", "SENIOR"), 50, 0, "NONE"),
                row(yx, 2024, item("activityType", "QUALIFICATION_EXAM", "grade", "JUNIOR"), 20, 0, "NONE"),
                row(yx, 2024, item("activityType", "QUALIFICATION_EXAM", "grade", "PRACTICE"), 40, 0, "NONE"),
                // ---- anhui-2025
                row(ah, 2025, item("activityType", "AWARD", "level", "NATIONAL", "grade", "FIRST", "rank", 4), 90, 30, "ALL"),
                row(ah, 2025, item("activityType", "AWARD", "level", "NATIONAL", "grade", "SECOND", "rank", 1), 90, 30, "ALL"),
                row(ah, 2025, item("activityType", "AWARD", "level", "NATIONAL", "grade", "SECOND", "rank", 2), 87, 0, "NONE"),
                row(ah, 2025, item("activityType", "AWARD", "level", "NATIONAL", "grade", "THIRD", "rank", 3), 44, 0, "NONE"),
                row(ah, 2025, item("activityType", "AWARD", "level", "PROVINCIAL", "grade", "SPECIAL", "rank", 6), 50, 0, "NONE"),
                row(ah, 2025, item("activityType", "AWARD", "level", "PROVINCIAL", "grade", "SECOND", "rank", 2), 37, 0, "NONE"),
                row(ah, 2025, item("activityType", "AWARD", "level", "PROVINCIAL", "grade", "THIRD", "rank", 11), 0, 0, "NONE"),
                row(ah, 2025, item("activityType", "PATENT", "patentType", "INVENTION", "rank", 2, "subject", "PUBLIC"), 47, 47, "NONE"),
                row(ah, 2025, item("activityType", "PATENT", "patentType", "UTILITY_MODEL", "rank", 1), 40, 0, "NONE"),
                row(ah, 2025, item("activityType", "AID_SERVICE"), 90, 30, "ALL"),
                row(ah, 2025, item("activityType", "EXPERT_SERVICE", "count", 2), 40, 0, "NONE"),
                row(ah, 2025, item("activityType", "CONFERENCE", "level", "INTERNATIONAL", "days", 2, "partialDays", 1), 15, 0, "NONE"),
                row(ah, 2025, item("activityType", "PAPER", "journal", "SCI", "role", "CO_AUTHOR"), 90, 30, "ALL"),
                row(ah, 2025, item("activityType", "PAPER", "journal", "ISTP", "role", "CO_AUTHOR"), 20, 0, "NONE"),
                row(ah, 2025, item("activityType", "PAPER", "journal", "NATIONAL", "role", "SOLE_AUTHOR"), 30, 0, "NONE"),
                row(ah, 2025, item("activityType", "PAPER", "journal", "OTHER", "role", "FIRST_AUTHOR"), 20, 0, "NONE"),
                row(ah, 2025, item("activityType", "PAPER", "journal", "PROVINCIAL", "role", "CORRESPONDING_AUTHOR"), 10, 0, "NONE"),
                row(ah, 2025, item("activityType", "BOOK", "role", "SOLE_AUTHOR"), 70, 0, "NONE"),
                row(ah, 2025, item("activityType", "BOOK", "role", "FIRST_AUTHOR"), 50, 0, "NONE"),
                row(ah, 2025, item("activityType", "BOOK", "role", "CO_AUTHOR"), 30, 0, "NONE"),
                row(ah, 2025, item("activityType", "RESEARCH_PROJECT", "level", "NATIONAL", "role", "PARTICIPANT"), 10, 0, "NONE"),
                // 第十二条（五）主要完成人限前3名: rank 3 is one, rank 4 counts as 其他参与人员 (ah-research-project-N-rank4)
                row(ah, 2025, item("activityType", "RESEARCH_PROJECT", "level", "NATIONAL", "role", "MAIN_CONTRIBUTOR", "rank", 3), 40, 0, "NONE"),
                row(ah, 2025, item("activityType", "RESEARCH_PROJECT", "level", "NATIONAL", "role", "MAIN_CONTRIBUTOR", "rank", 4), 10, 0, "NONE"),
                row(ah, 2025, item("activityType", "RESEARCH_PROJECT", "level", "PROVINCIAL", "role", "MAIN_CONTRIBUTOR", "rank", 1), 30, 0, "NONE"),
                row(ah, 2025, item("activityType", "RESEARCH_PROJECT", "level", "PROVINCIAL", "role", "MAIN_CONTRIBUTOR", "rank", 4), 10, 0, "NONE"),
                row(ah, 2025, item("activityType", "RESEARCH_PROJECT", "level", "MUNICIPAL", "role", "MAIN_CONTRIBUTOR", "rank", 3), 20, 0, "NONE"),
                row(ah, 2025, item("activityType", "RESEARCH_PROJECT", "level", "MUNICIPAL", "role", "MAIN_CONTRIBUTOR", "rank", 9), 10, 0, "NONE"),
                row(ah, 2025, item("activityType", "RESEARCH_PROJECT", "level", "OTHER", "role", "MAIN_CONTRIBUTOR", "rank", 4), 0, 0, "NONE"),
                row(ah, 2025, item("activityType", "RESEARCH_PROJECT", "level", "MUNICIPAL", "role", "HOST"), 30, 0, "NONE"),
                row(ah, 2025, item("activityType", "RESEARCH_PROJECT", "level", "OTHER", "role", "MAIN_CONTRIBUTOR", "rank", 3), 10, 0, "NONE"),
                row(ah, 2025, item("activityType", "RESEARCH_PROJECT", "level", "OTHER", "role", "PARTICIPANT"), 0, 0, "NONE"),
                row(ah, 2025, item("activityType", "POLICY_REPORT", "level", "PROVINCIAL", "rank", 2), 37, 0, "NONE"),
                row(ah, 2025, item("activityType", "POLICY_REPORT", "level", "MUNICIPAL", "rank", 8), 0, 0, "NONE"),
                row(ah, 2025, item("activityType", "CONFERENCE", "level", "NATIONAL"), 8, 0, "NONE"),
                row(ah, 2025, item("activityType", "CONFERENCE", "level", "PROVINCIAL", "paperCharacters", 2000), 13, 0, "NONE"),
                row(ah, 2025, item("activityType", "CONFERENCE", "level", "PROVINCIAL", "paperCharacters", 2001), 18, 0, "NONE"),
                row(ah, 2025, item("activityType", "CONFERENCE", "level", "MUNICIPAL", "paperCharacters", 5000), 0, 0, "NONE"),
                row(ah, 2025, item("activityType", "QUALIFICATION_EXAM"), 90, 0, "NONE"),
                row(ah, 2025, item("activityType", "DEGREE_EDUCATION"), 90, 0, "NONE"),
                row(ah, 2025, item("activityType", "TRAINING", "days", 2, "partialDays", 1), 15, 0, "NONE"),
                row(ah, 2025, item("activityType", "TRAINING", "days", 20, "level", "NATIONAL"), 120, 0, "NONE"),
                row(ah, 2025, item("activityType", "TRAINING", "days", 20, "level", "INTERNATIONAL"), 90, 0, "NONE"),
                row(ah, 2025, item("activityType", "TEACHING"), 5, 0, "NONE"),
                row(ah, 2025, item("activityType", "ONLINE_COURSE", "hours", 2.5, "subject", "PUBLIC"), 2.5, 2.5, "NONE"),
                row(ah, 2025, item("activityType", "ONLINE_COURSE", "count", 4), 4, 0, "NONE"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void catalogRow(String name, String ruleSet, int year, Map<String, Object> item, double hours, double pub,
            String fullYear) {
        RecognitionResult r = recognition.evaluate(new RecognitionRequest(ruleSet, year, List.of(item)));
        ItemResult i = r.items().get(0);
        assertThat(i.hours()).isEqualByComparingTo(BigDecimal.valueOf(hours));
        assertThat(i.publicHours()).isEqualByComparingTo(BigDecimal.valueOf(pub));
        assertThat(i.professionalHours()).isEqualByComparingTo(BigDecimal.valueOf(hours - pub));
        assertThat(i.fullYear()).isEqualTo(fullYear);
        assertThat(i.ruleId()).isNotBlank();
        assertThat(i.basis()).isNotBlank();
        assertThat(i.decisionKey()).isEqualTo(ruleSet + "-items");
        assertThat(i.decisionVersion()).isPositive();
    }
}
