package cn.xueshi.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.xueshi.rules.UnsafeModels.JavaReach;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DMN cells are FEEL and nothing else, for every DMN engine the application builds ({@link DmnEngines}):
 * a model naming JUEL or a script language, or holding {@code ${…}}, does not parse; a decision that got
 * in some other way cannot be evaluated as JUEL or a script; and no FEEL expression an analyst can
 * write reaches a Java method.
 */
@org.junit.jupiter.api.Tag("no-database")
@net.jqwik.api.Tag("no-database") // the property runs on jqwik's engine, which reads its own tag
class FeelOnlyEngineTest {

    static Stream<String> unsafeModels() {
        Path proof = Path.of("/nonexistent/never");
        return Stream.of(
                UnsafeModels.table("t-el", "", null, null, UnsafeModels.juelExec(proof)),
                UnsafeModels.table("t-hash", "", null, null, "#{\"\".getClass()}"),
                UnsafeModels.table("t-juel", "", null, "juel", "\"ok\""),
                UnsafeModels.table("t-js", "", null, "javascript", UnsafeModels.scriptExec(proof)),
                UnsafeModels.table("t-groovy", "", null, "groovy", UnsafeModels.scriptExec(proof)),
                UnsafeModels.table("t-input", "", "juel", null, "\"ok\""),
                UnsafeModels.table("t-defs", "expressionLanguage=\"juel\"", null, null, "\"ok\""),
                UnsafeModels.table("t-input-el", "", null, null, "\"ok\"").replace("<text>x</text>", "<text>${x}</text>"),
                UnsafeModels.table("t-entry", "", null, null, "\"ok\"")
                        .replace("<inputEntry id=\"t-entry-ie\">", "<inputEntry id=\"t-entry-ie\" expressionLanguage=\"javascript\">"));
    }

    @ParameterizedTest
    @MethodSource("unsafeModels")
    void theGuardNamesThePlaceInChinese(String xml) {
        List<FeelOnlyGuard.Violation> violations = FeelOnlyGuard.check(xml);
        assertThat(violations).isNotEmpty();
        String message = violations.get(0).message();
        assertThat(message).contains("FEEL");
        if (!xml.contains("<definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\" xmlns:camunda=\"http://camunda.org/schema/1.0/dmn\" id=\"t-defs-drd\"")) {
            assertThat(message).containsPattern("决策“t-[a-z-]+”");
        }
    }

    @Test
    void aCellIsNamedByDecisionRowAndColumn() {
        FeelOnlyGuard.Violation v = FeelOnlyGuard.check(UnsafeModels.table("t-where", "", null, null, "${1}")).get(0);
        assertThat(v.decisionId()).isEqualTo("t-where");
        assertThat(v.row()).isEqualTo(1);
        assertThat(v.ruleId()).isEqualTo("t-where-rule");
        assertThat(v.column()).isEqualTo("结果");
        assertThat(v.message()).isEqualTo("决策“t-where”第 1 行（t-where-rule）的“结果”列含有 JUEL 表达式“${1}”："
                + "规则单元格只允许使用 FEEL，不能含有“${”或“#{”。");
    }

    @Test
    void everyShippedModelIsFeelOnlyAndEvaluatesOnTheHardenedEngine() throws Exception {
        for (String name : List.of("anhui-2025", "hardship-policy", "jilin-2026", "publicity-policy", "qingdao-2023",
                "recognition-parameters", "registration-policy", "review-routing", "rule-set-selection", "self-study-archive-policy",
                "yuxi-2024")) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream("dmn/" + name + ".dmn")) {
                byte[] bytes = in.readAllBytes();
                assertThat(FeelOnlyGuard.check(new ByteArrayInputStream(bytes))).as(name).isEmpty();
                assertThat(DmnEngines.build().parseDecisions(new ByteArrayInputStream(bytes))).as(name).isNotEmpty();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("unsafeModels")
    void noEngineOfTheApplicationParsesAnUnsafeModel(String xml) {
        for (DmnEngine engine : List.of(DmnEngines.build(), DeployedDecisions.buildEngine())) {
            assertThatThrownBy(() -> engine.parseDecisions(stream(xml))).hasStackTraceContaining("FEEL");
        }
    }

    /** Even a decision that got past parsing (here: parsed by an unguarded legacy engine) is never JUEL or a script. */
    @Test
    void aDecisionThatGotInSomehowIsNotEvaluatedAsJuelOrScript() throws Exception {
        Path proof = UnsafeModels.proofFile();
        DefaultDmnEngineConfiguration legacyConfig =
                (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
        DmnEngine unguarded = legacyConfig.enableFeelLegacyBehavior(true).buildEngine();
        List<String> crafted = List.of(
                UnsafeModels.table("g-el", "", null, null, UnsafeModels.juelExec(proof)),
                UnsafeModels.table("g-juel", "", null, "juel", UnsafeModels.juelExec(proof)),
                UnsafeModels.table("g-js", "", null, "javascript", UnsafeModels.scriptExec(proof)),
                UnsafeModels.table("g-groovy", "", null, "groovy", UnsafeModels.scriptExec(proof)));
        for (DmnEngine hardened : List.of(DmnEngines.build(), DeployedDecisions.buildEngine())) {
            for (String xml : crafted) {
                DmnDecision decision = unguarded.parseDecisions(stream(xml)).get(0);
                assertThatThrownBy(() -> hardened.evaluateDecisionTable(decision, Map.of("x", "a")))
                        .as(xml).isInstanceOf(RuntimeException.class);
            }
        }
        assertThat(UnsafeModels.created(proof)).as("no command ran").isFalse();
    }

    /** The control: the engine configuration used before (legacy FEEL) does run the report's cell. */
    @Test
    void controlTheLegacyConfigurationRanTheReportedCell() throws Exception {
        Path proof = UnsafeModels.proofFile();
        DefaultDmnEngineConfiguration legacyConfig =
                (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
        DmnEngine legacy = legacyConfig.enableFeelLegacyBehavior(true).buildEngine();
        DmnDecision decision = legacy.parseDecisions(stream(UnsafeModels.table("c-el", "", null, null,
                UnsafeModels.juelExec(proof)))).get(0);
        try {
            legacy.evaluateDecisionTable(decision, Map.of("x", "a"));
        } catch (RuntimeException typeMismatchAfterTheCommandRan) {
            // the output is a Process, not a string: the command has run by then
        }
        assertThat(UnsafeModels.created(proof)).isTrue();
        Files.deleteIfExists(proof);
    }

    // ---------------------------------------------------------------- no FEEL expression reaches Java

    private static final String REACH = JavaReach.class.getName();

    /** Pieces an analyst might try, combined into expressions and unary tests. */
    @Provide
    Arbitrary<String> attempts() {
        Arbitrary<String> target = Arbitraries.of("obj", "x", "\"\"", "string(obj)", "{a: obj}.a", "[obj][1]",
                "get value({o: obj}, \"o\")", "context put({}, \"o\", obj).o", "obj.class", "x.class", "null");
        Arbitrary<String> member = Arbitraries.of("secret", "getSecret()", "secret()", "getClass()",
                "getClass().forName(\"" + REACH + "\")", "class.forName(\"java.lang.Runtime\")", "toString()",
                "hashCode()", "hit()", "hit(\"a\")", "getRuntime().exec(\"touch /tmp/xs-never\")");
        Arbitrary<String> calls = Combinators.combine(target, member).as((t, m) -> t + "." + m);
        Arbitrary<String> external = Arbitraries.of("hit()", "hit(java.lang.String)", "hit(int)", "exit(int)")
                .map(sig -> "(function(a) external { java: { class: \"" + (sig.startsWith("exit") ? "java.lang.System"
                        : REACH) + "\", method signature: \"" + sig + "\" } })(1)");
        Arbitrary<String> el = Combinators.combine(Arbitraries.of("${", "#{", "$ {", "\\${"), member)
                .as((open, m) -> open + "obj." + m + "}");
        Arbitrary<String> builtIns = Combinators.combine(Arbitraries.of("string", "get entries", "get value",
                "string length", "is defined", "list contains", "context", "now"), target)
                .as((f, t) -> f + "(" + t + ")");
        Arbitrary<String> any = Arbitraries.oneOf(calls, external, el, builtIns, Arbitraries.of(
                REACH + ".hit()", "java.lang.Runtime.getRuntime()", "obj.hit()", "obj[\"secret\"]",
                "{f: function(a) external { java: { class: \"" + REACH + "\", method signature: \"hit()\" } }}.f()",
                "for o in [obj] return o.secret", "some o in [obj] satisfies o.secret = \"getter\"",
                "obj instance of " + REACH, "date(obj)", "number(obj)"));
        return Combinators.combine(any, Arbitraries.of("%s", "%s = \"hit\"", "not(%s)", "[%s]", "if %s then 1 else 2"))
                .as((a, wrap) -> wrap.formatted(a));
    }

    @Property(tries = 400)
    void noExpressionReachesAJavaMethod(@ForAll("attempts") String expression) {
        FeelEngine feel = new CachingFeelEngine();
        JavaReach.HITS.set(0);
        Map<String, Object> vars = new HashMap<>();
        vars.put("obj", new JavaReach());
        vars.put("x", "text");
        VariableContext ctx = Variables.fromMap(vars).asVariableContext();
        tryIt(() -> feel.evaluateSimpleExpression(expression, ctx));
        tryIt(() -> feel.evaluateSimpleUnaryTests(expression, "x", ctx));
        tryIt(() -> feel.evaluateSimpleUnaryTests(expression, "obj", ctx));
        // and as an output cell and an input entry of a decision table on the service's engine
        DmnEngine engine = DeployedDecisions.buildEngine();
        String asOutput = UnsafeModels.table("p-out", "", null, null, expression);
        String asInput = UnsafeModels.table("p-in", "", null, null, "\"ok\"")
                .replace("<inputEntry id=\"p-in-ie\"><text>-</text>", "<inputEntry id=\"p-in-ie\"><text>"
                        + UnsafeModels.xml(expression) + "</text>");
        for (String xml : List.of(asOutput, asInput)) {
            tryIt(() -> engine.evaluateDecisionTable(engine.parseDecisions(stream(xml)).get(0), vars));
        }
        assertThat(JavaReach.HITS.get()).as(expression).isZero();
        assertThat(Files.exists(Path.of("/tmp/xs-never"))).isFalse();
    }

    /** The control for the property: a Java object's getter is reachable from FEEL without the value mapper's guard. */
    @Test
    void controlFeelScalaWouldCallAGetterOfAJavaObjectInItsContext() {
        JavaReach.HITS.set(0);
        org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine plain = new org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine(List.of());
        Object value = plain.evaluateSimpleExpression("obj.secret",
                Variables.createVariables().putValue("obj", new JavaReach()).asVariableContext());
        assertThat(JavaReach.HITS.get()).isPositive();
        assertThat(value).isNotNull();
        JavaReach.HITS.set(0);
        FeelEngine ours = new CachingFeelEngine();
        tryIt(() -> ours.evaluateSimpleExpression("obj.secret",
                Variables.createVariables().putValue("obj", new JavaReach()).asVariableContext()));
        assertThat(JavaReach.HITS.get()).isZero();
    }

    @Test
    void externalJavaFunctionsAreDisabled() {
        FeelEngine feel = new CachingFeelEngine();
        VariableContext ctx = Variables.createVariables().asVariableContext();
        JavaReach.HITS.set(0);
        assertThatThrownBy(() -> feel.evaluateSimpleExpression("(function(a) external { java: { class: \"" + REACH
                + "\", method signature: \"hit(int)\" } })(1)", ctx)).isInstanceOf(RuntimeException.class);
        assertThat(JavaReach.HITS.get()).isZero();
    }

    @Test
    void parsedOnceAndEvaluatedLikeFeelScala() {
        FeelEngine ours = new CachingFeelEngine();
        FeelEngine plain = new org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine(List.of());
        VariableContext ctx = Variables.createVariables().putValue("n", 7).putValue("s", "B").putValue("nothing", null)
                .asVariableContext();
        for (String e : List.of("n * 2.5", "if n > 5 then \"big\" else \"small\"", "min(n, 3)", "s + \"x\"",
                "floor(n / 2)", "null", "[1,2,3][2]", "s", "n", "missing", "nothing", "true", " s ")) {
            for (int i = 0; i < 3; i++) {
                assertThat(outcome(() -> ours.evaluateSimpleExpression(e, ctx))).as(e)
                        .isEqualTo(outcome(() -> plain.evaluateSimpleExpression(e, ctx)));
            }
        }
        for (String t : List.of("[5..10]", "> 3", "\"A\",\"B\"", "-", " - ", "not(7)", "< 7", "null", "\"B\"", " \"学时\" , \"B\" ", "\"b\"", "\"\"", "\"A\\\"B\"", "not(\"B\")")) {
            for (String input : List.of("n", "s", "nothing")) {
                assertThat(outcome(() -> ours.evaluateSimpleUnaryTests(t, input, ctx))).as(t + " " + input)
                        .isEqualTo(outcome(() -> plain.evaluateSimpleUnaryTests(t, input, ctx)));
            }
        }
        assertThatThrownBy(() -> ours.evaluateSimpleExpression("1 +", ctx)).isInstanceOf(FeelSyntaxException.class);
    }

    /** The value, or the kind of failure (messages differ in wording only). */
    private static Object outcome(java.util.function.Supplier<Object> evaluation) {
        try {
            return evaluation.get();
        } catch (RuntimeException e) {
            return "failed";
        }
    }

    private static void tryIt(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException refused) {
            // refused or failed: either way nothing ran
        }
    }

    private static InputStream stream(String xml) {
        return new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8));
    }
}
