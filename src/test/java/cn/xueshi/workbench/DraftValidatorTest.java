package cn.xueshi.workbench;

import cn.xueshi.ruleedit.DecisionTables;
import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.support.IntegrationTest;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/** Validation finds each kind of problem, in Chinese, at its row and column; the shipped tables have none. */
@IntegrationTest
class DraftValidatorTest {

    static final String YUXI = "yuxi-2024";
    static final String ITEMS = "yuxi-2024-items";
    static final String RULE = "yx-public-course-1";

    @Autowired
    DraftValidator validator;

    static String shipped(String ruleSet) throws Exception {
        try (InputStream in = DraftValidatorTest.class.getClassLoader().getResourceAsStream("dmn/" + ruleSet + ".dmn")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The shipped yuxi table with one cell of the public-course rule changed ("in"/"out", column index). */
    static String withCell(String kind, int column, String value) throws Exception {
        DecisionTables t = DecisionTables.parse(shipped(YUXI));
        t.applyCells(ITEMS, Map.of(kind + ":" + RULE + ":" + column, value));
        return t.xml();
    }

    @org.junit.jupiter.api.BeforeEach
    void chinese() {
        org.springframework.context.i18n.LocaleContextHolder.setLocale(java.util.Locale.SIMPLIFIED_CHINESE);
    }

    @org.junit.jupiter.api.AfterEach
    void reset() {
        org.springframework.context.i18n.LocaleContextHolder.resetLocaleContext();
    }

    List<Problem> errors(String xml) {
        return validator.validate(YUXI, xml).stream().filter(Problem::error).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jilin-2026", "qingdao-2023", "yuxi-2024", "anhui-2025"})
    void shippedRuleSetsHaveNoErrors(String ruleSet) throws Exception {
        assertThat(validator.validate(ruleSet, shipped(ruleSet)).stream().filter(Problem::error)).isEmpty();
    }

    @Test
    void unreadableXmlIsOneProblem() {
        assertThat(errors("<definitions>not closed")).singleElement()
                .satisfies(p -> assertThat(p.message()).startsWith("无法解析 DMN 文件"));
    }

    @Test
    void feelSyntaxErrorPointsAtRowAndColumn() throws Exception {
        List<Problem> problems = errors(withCell("in", 0, "\"PUBLIC_COURSE"));
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.decisionKey()).isEqualTo(ITEMS);
            assertThat(p.ruleId()).isEqualTo(RULE);
            assertThat(p.row()).isPositive();
            assertThat(p.column()).isEqualTo("活动类型");
            assertThat(p.message()).contains("不是有效的 FEEL 写法");
        });
    }

    @Test
    void numberInATextColumnIsATypeError() throws Exception {
        assertThat(errors(withCell("in", 1, "5"))).anySatisfy(p -> {
            assertThat(p.column()).isEqualTo("级别");
            assertThat(p.message()).contains("类型（文字）不符");
        });
    }

    @Test
    void textInANumberOutputIsATypeError() throws Exception {
        assertThat(errors(withCell("out", 7, "\"five\""))).anySatisfy(p -> {
            assertThat(p.column()).isEqualTo("每项/次学时");
            assertThat(p.message()).contains("与列“每项/次学时”的类型（数值）不符");
        });
        assertThat(errors(withCell("out", 7, "5 +"))).anySatisfy(p -> assertThat(p.message()).contains("不是有效的 FEEL 写法"));
    }

    @Test
    void aCopiedRuleUnderFirstIsShadowed() throws Exception {
        DecisionTables t = DecisionTables.parse(shipped(YUXI));
        String copy = t.addRule(ITEMS, RULE);
        assertThat(errors(t.xml())).anySatisfy(p -> {
            assertThat(p.ruleId()).isEqualTo(copy);
            assertThat(p.message()).contains("永远不会命中").contains("首条命中");
        });
    }

    @Test
    void overlappingRulesUnderUniqueAreReported() throws Exception {
        DecisionTables t = DecisionTables.parse(shipped(YUXI));
        t.addRule(ITEMS, RULE);
        t.requireTable(ITEMS).setHitPolicy(org.camunda.bpm.model.dmn.HitPolicy.UNIQUE);
        assertThat(errors(t.xml())).anySatisfy(p -> assertThat(p.message()).contains("条件重叠").contains("唯一命中"));
    }

    @Test
    void activityTypeWithoutRulesAndUncoveredValuesAreReported() throws Exception {
        DecisionTables t = DecisionTables.parse(shipped(YUXI));
        t.removeRule(ITEMS, RULE);
        assertThat(errors(t.xml())).anySatisfy(p -> assertThat(p.message()).contains("活动类型 PUBLIC_COURSE 没有任何认定规则"));

        DecisionTables noInvention = DecisionTables.parse(shipped(YUXI));
        noInvention.removeRule(ITEMS, "yx-patent-1");
        assertThat(validator.validate(YUXI, noInvention.xml()))
                .anySatisfy(p -> assertThat(p.message()).contains("PATENT").contains("INVENTION").contains("没有规则覆盖"));
    }

    @Test
    void modelerFileWithoutHistoryTimeToLiveOrWithForeignDecisionsIsRefused() throws Exception {
        String xml = shipped(YUXI).replaceFirst(" camunda:historyTimeToLive=\"3650\"", "")
                .replace("id=\"yuxi-2024-caps\"", "id=\"jilin-2026-caps\"");
        assertThat(errors(xml)).anySatisfy(p -> assertThat(p.message()).contains("historyTimeToLive"))
                .anySatisfy(p -> assertThat(p.message()).contains("不属于规则集 yuxi-2024"));
    }
}
