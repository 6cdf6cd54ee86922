package cn.xueshi.workbench;

import cn.xueshi.ruleedit.DecisionTables;
import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.support.IntegrationTest;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.i18n.LocaleContextHolder;

/**
 * A policy table draft is checked against what the application reads from it: its one decision, the inputs the
 * application passes, the outputs it reads with their types and values, and (where the reader needs an answer
 * every time) a rule for every combination of the inputs; in Chinese, at the row and column.
 */
@IntegrationTest
class PolicyTableValidationTest {

    @Autowired
    DraftValidator validator;

    static String shipped(String key) throws Exception {
        try (InputStream in = PolicyTableValidationTest.class.getClassLoader().getResourceAsStream("dmn/" + key + ".dmn")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String withCells(String key, Map<String, String> cells) throws Exception {
        DecisionTables t = DecisionTables.parse(shipped(key));
        t.applyCells(key, cells);
        return t.xml();
    }

    @BeforeEach
    void chinese() {
        LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
    }

    @AfterEach
    void reset() {
        LocaleContextHolder.resetLocaleContext();
    }

    List<Problem> errors(String key, String xml) {
        return validator.validate(key, xml).stream().filter(Problem::error).toList();
    }

    @ParameterizedTest
    @EnumSource(PolicyTable.class)
    void shippedTablesHaveNoProblems(PolicyTable table) throws Exception {
        assertThat(validator.validate(table.key, shipped(table.key))).isEmpty();
    }

    @Test
    void aReviewerKindTheApplicationDoesNotKnowIsAnErrorAtItsCell() throws Exception {
        List<Problem> errors = errors("review-routing", withCells("review-routing", Map.of("out:route-default-unit:0", "\"SOMEONE\"")));
        assertThat(errors).singleElement().satisfies(p -> {
            assertThat(p.row()).isEqualTo(7); // the default row, after the Anhui and Qingdao rows
            assertThat(p.column()).isEqualTo("审核方");
            assertThat(p.message()).contains("\"SOMEONE\"").contains("不是列“审核方”允许的取值")
                    .contains("\"UNIT\"、\"BUREAU\"、\"DEPARTMENT\"");
        });
    }

    @Test
    void reviewDaysMustBeAWholeNumberOfAtLeastOneAndPublicityMayBeZero() throws Exception {
        assertThat(errors("review-routing", withCells("review-routing", Map.of("out:route-default-unit:1", "0"))))
                .singleElement().satisfies(p -> assertThat(p.message()).contains("必须是不小于 1 的整数"));
        assertThat(errors("review-routing", withCells("review-routing", Map.of("out:route-default-unit:1", "1")))).isEmpty();
        assertThat(errors("review-routing", withCells("review-routing", Map.of("out:route-default-unit:1", "10.5"))))
                .isNotEmpty();
        assertThat(errors("publicity-policy", withCells("publicity-policy", Map.of("out:publicity-default:0", "-1"))))
                .singleElement().satisfies(p -> assertThat(p.message()).contains("必须是不小于 0 的整数"));
        assertThat(errors("publicity-policy", withCells("publicity-policy", Map.of("out:publicity-default:0", "0")))).isEmpty();
        assertThat(errors("publicity-policy", withCells("publicity-policy", Map.of("out:publicity-default:0", "\"五\""))))
                .singleElement().satisfies(p -> assertThat(p.message()).contains("类型"));
    }

    @Test
    void anEmptyOutputOrBasisIsAnError() throws Exception {
        assertThat(errors("registration-policy", withCells("registration-policy", Map.of("out:policy-default:2", ""))))
                .singleElement().satisfies(p -> assertThat(p.message()).contains("结论列“依据”不能为空"));
        assertThat(errors("hardship-policy", withCells("hardship-policy", Map.of("out:hardship-none:0", ""))))
                .singleElement().satisfies(p -> assertThat(p.message()).contains("不能为空"));
    }

    @Test
    void hardshipModesAndAbsenceReasonsAreTheOnesTheMakeUpProcessKnows() throws Exception {
        assertThat(errors("hardship-policy", withCells("hardship-policy", Map.of("out:hardship-jilin:1", "\"HALF\""))))
                .singleElement().satisfies(p -> assertThat(p.message()).contains("\"REQUESTED\"", "\"LONG_ABSENCE\""));
        assertThat(errors("hardship-policy", withCells("hardship-policy", Map.of("out:hardship-qingdao-sick:2", "\"SICK\""))))
                .singleElement().satisfies(p -> assertThat(p.message()).contains("\"SICK_LEAVE\""));
    }

    @Test
    void aRemovedCatchAllLeavesGapsThatAreNamed() throws Exception {
        DecisionTables t = DecisionTables.parse(shipped("registration-policy"));
        t.removeRule("registration-policy", "policy-default");
        List<Problem> errors = errors("registration-policy", t.xml());
        assertThat(errors).extracting(Problem::message)
                .anySatisfy(m -> assertThat(m).contains("没有规则命中：ruleSet = \"jilin-2026\""))
                .anySatisfy(m -> assertThat(m).contains("没有规则命中：ruleSet = \"yuxi-2024\""))
                .noneSatisfy(m -> assertThat(m).contains("anhui-2025"));

        DecisionTables h = DecisionTables.parse(shipped("hardship-policy"));
        h.removeRule("hardship-policy", "hardship-none");
        // 4 rule sets × 4 reasons × 2 remedies, of which Jilin covers 8 (every reason: 如伤、病、孕等) and Qingdao 3:
        // ten named, the rest counted
        List<Problem> gaps = errors("hardship-policy", h.xml());
        assertThat(gaps).hasSize(11);
        assertThat(gaps.get(10).message()).contains("另有 11 种输入组合没有规则命中");
    }

    @Test
    void theSelectionNamesOnlyConfiguredRuleSetsAndMayLeaveYearsOpen() throws Exception {
        assertThat(errors("rule-set-selection", withCells("rule-set-selection", Map.of("out:select-yuxi-2024:0", "\"beijing-2020\""))))
                .singleElement().satisfies(p -> assertThat(p.message()).contains("不是已配置的规则集").contains("yuxi-2024"));
        // years before a first year have no rule by design: no gap is reported
        assertThat(errors("rule-set-selection", withCells("rule-set-selection", Map.of("in:select-yuxi-2024:1", ">= 2030"))))
                .isEmpty();
        DecisionTables t = DecisionTables.parse(shipped("rule-set-selection"));
        t.addRule("rule-set-selection", "select-jilin-2026");
        assertThat(errors("rule-set-selection", t.xml())).extracting(Problem::message)
                .anySatisfy(m -> assertThat(m).contains("违反唯一命中"));
    }

    @Test
    void theColumnsMustBeTheOnesTheApplicationPassesAndReads() throws Exception {
        String xml = shipped("review-routing");
        assertThat(errors("review-routing", xml.replace("<text>unitType</text>", "<text>unitKind</text>")))
                .extracting(Problem::message).anySatisfy(m -> assertThat(m).contains("unitKind").contains("不是系统提供的输入")
                        .contains("ruleSet、unitType"));
        List<Problem> renamed = validator.validate("hardship-policy", shipped("hardship-policy")
                .replace("name=\"reductionMode\"", "name=\"mode\""));
        assertThat(renamed).anySatisfy(p -> {
            assertThat(p.error()).isTrue();
            assertThat(p.message()).contains("缺少系统读取的结论列 reductionMode");
        }).anySatisfy(p -> {
            assertThat(p.error()).isFalse();
            assertThat(p.message()).contains("不会被系统读取");
        });
        assertThat(errors("registration-policy", shipped("registration-policy")
                .replace("name=\"correctable\" typeRef=\"boolean\"", "name=\"correctable\" typeRef=\"string\"")))
                .extracting(Problem::message).anySatisfy(m -> assertThat(m).contains("类型必须是是/否"));
    }

    @Test
    void theDrdHoldsTheTablesOneDecisionAndNothingElse() throws Exception {
        List<Problem> errors = errors("publicity-policy", shipped("publicity-policy")
                .replace("id=\"publicity-policy\"", "id=\"publicity-policy-2\""));
        assertThat(errors).extracting(Problem::message)
                .anySatisfy(m -> assertThat(m).contains("决策“publicity-policy-2”不属于政策表 publicity-policy"))
                .anySatisfy(m -> assertThat(m).contains("缺少决策表“publicity-policy”"));
        assertThat(errors("publicity-policy", shipped("review-routing"))).isNotEmpty();
    }

    @Test
    void badFeelIsReportedAtItsCell() throws Exception {
        assertThat(errors("review-routing", withCells("review-routing", Map.of("out:route-default-unit:0", "\"UNIT"))))
                .singleElement().satisfies(p -> {
                    assertThat(p.row()).isEqualTo(7); // the default row
                    assertThat(p.message()).contains("不是有效的 FEEL 写法");
                });
        assertThat(errors("review-routing", withCells("review-routing", Map.of("in:route-anhui-state:0", "\"anhui-2025\" or"))))
                .isNotEmpty();
    }
}
