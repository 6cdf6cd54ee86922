package cn.xueshi.workbench;

import cn.xueshi.ruleedit.TableView;
import cn.xueshi.ruleedit.DecisionTables;
import cn.xueshi.ruleedit.RuleVocabulary;
import cn.xueshi.ruleedit.Sentence;
import cn.xueshi.ruleedit.RuleSentences;
import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.support.IntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every row kind of the shipped rule sets (dmn/*.dmn) reads as a Chinese sentence in the words of the
 * 学时认定标准 page, with its basis and only the cells it fills.
 */
@IntegrationTest
class RuleSentencesTest {

    static final List<String> RULE_SETS = List.of("jilin-2026", "qingdao-2023", "yuxi-2024", "anhui-2025");

    @Autowired
    RuleSentences sentences;
    @Autowired
    RuleVocabulary vocabularies;

    static String shipped(String ruleSet) throws IOException {
        try (InputStream in = RuleSentencesTest.class.getResourceAsStream("/dmn/" + ruleSet + ".dmn")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    Map<String, Sentence> rows(String ruleSet, String table) throws IOException {
        List<TableView> tables = DecisionTables.parse(shipped(ruleSet)).views();
        TableView t = tables.stream().filter(x -> x.key().equals(ruleSet + "-" + table)).findFirst().orElseThrow();
        return sentences.of(t, vocabularies.of(ruleSet, tables)).stream()
                .collect(Collectors.toMap(Sentence::ruleId, Function.identity()));
    }

    @Test
    void fixedHoursWithEnumConditionsByTheirNames() throws Exception {
        Sentence paper = rows("jilin-2026", "items").get("jl-paper-3");
        assertThat(paper.text()).isEqualTo("发表论文 · 独立作者或第一作者或通讯作者 · 省级刊物 → 26 学时（专业科目）");
        assertThat(paper.activityTypes()).containsExactly("PAPER");
        assertThat(paper.basis()).startsWith("《吉林省专业技术人员继续教育学时认定参考》");
        // only what the rule fills: type, role, journal, base, subject (no "-" cells, no empty outputs, no basis)
        assertThat(paper.cells()).extracting(Sentence.Cell::label).containsExactly("活动类型", "角色", "刊物类别", "基础学时", "科目");
    }

    @Test
    void perDayPerMinutesPerCharacters() throws Exception {
        assertThat(rows("jilin-2026", "items").get("jl-unit-activity-1").text()).isEqualTo(
                "单位组织的党建、安全、警示、消防、节假日教育活动 → 每天 8 学时，不足一天的每 45 分钟 1 学时（最多 8 学时），每 1000 字 1 学时（公需科目）");
        assertThat(rows("yuxi-2024", "items").get("yx-book-1").result()).isEqualTo("每 10000 字 15 学时（专业科目）");
    }

    @Test
    void perItemPerHourPerMonthAndCapGroups() throws Exception {
        assertThat(rows("yuxi-2024", "items").get("yx-public-course-1").text()).isEqualTo("统一学习项目（考试合格） → 每项（次）5 学时（公需科目）");
        assertThat(rows("jilin-2026", "items").get("jl-training-1").text())
                .isEqualTo("行业主管部门学习平台、教育培训机构学习 · 已标定学时：是 → 按认定学时数 × 1（由申请人选择科目）");
        assertThat(rows("jilin-2026", "items").get("jl-degree-education-1").result())
                .isEqualTo("每月 10 学时，计入年度累计限额“学历学位教育”（40 学时）（专业科目）");
        assertThat(rows("qingdao-2023", "items").get("qd-training-1").result()).isEqualTo("按认定学时数 × 1，每天不超过 8 学时（专业科目）");
    }

    @Test
    void fullYearCreditsRankDecrementsSharesAndNumericConditions() throws Exception {
        assertThat(rows("jilin-2026", "items").get("jl-aid-service-1").result()).isEqualTo("视同完成年度公需科目学时");
        assertThat(rows("jilin-2026", "items").get("jl-award-2").text())
                .isEqualTo("获奖成果 · 国家级 · 三等奖 → 40 学时，排名每靠后一位减少 4 学时（不低于 0）（专业科目）");
        assertThat(rows("qingdao-2023", "items").get("qd-aid-service-2").text())
                .isEqualTo("援派、支教支农支医扶贫 · 月数：< 12 → 每月 90/12 学时，其中公需科目占 30/90（按比例计入公需和专业科目）");
        assertThat(rows("yuxi-2024", "items").get("yx-award-4").condition()).isEqualTo("科技进步奖等奖项 · 国家级 · 排名：>= 4");
    }

    @Test
    void capsActivityTypesAndOtherTables() throws Exception {
        assertThat(rows("jilin-2026", "caps").get("jl-cap-self-study").text())
                .isEqualTo("年度累计限额“个人自学” → 同一限额组每年最多 30 学时");
        assertThat(rows("jilin-2026", "activity-types").get("jl-type-unit-activity").text()).isEqualTo(
                "活动类型“单位组织的党建、安全、警示、消防、节假日教育活动”（UNIT_ACTIVITY） → 登记时填写：天数或不足一天的分钟数、字数（可选）");
        assertThat(rows("jilin-2026", "activity-types").get("jl-type-aid-service").result()).isEqualTo("登记时无需填写参数");
        assertThat(rows("anhui-2025", "facts").get("ah-facts").result())
                .contains("年度总学时：90", "汇总方式：就高原则：每年只计最高的一项").doesNotContain("\"");
    }

    @Test
    void noItemSentenceShowsACodeOrAFeelQuote() throws Exception {
        for (String rs : RULE_SETS) {
            for (Sentence s : rows(rs, "items").values()) {
                assertThat(s.text()).as(rs + " " + s.ruleId()).doesNotContain("\"").doesNotContainPattern("[A-Z]+_[A-Z]+")
                        .doesNotContain("PROVINCIAL", "NATIONAL", "PUBLIC", "PROFESSIONAL", "CHOSEN", "SPLIT");
                assertThat(s.basis()).as(rs + " " + s.ruleId()).isNotBlank();
                assertThat(s.cells()).noneMatch(c -> c.feel().equals("-") || c.feel().isBlank());
            }
        }
    }
}
