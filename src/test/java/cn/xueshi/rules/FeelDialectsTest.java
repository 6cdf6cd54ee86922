package cn.xueshi.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Until the FEEL-only fix the service evaluated with legacy FEEL; now every DMN engine of the
 * application is standard FEEL ({@link DmnEngines}: feel-scala, cells parsed once). Every catalog row
 * must read the same before (legacy), after (DmnEngines) and on Camunda's stock FEEL Scala engine, so
 * the switch changed no hours.
 */
@org.junit.jupiter.api.Tag("no-database")
class FeelDialectsTest {

    static final List<String> PARAMS = List.of("level", "role", "grade", "journal", "patentType", "reason", "subject",
            "rank", "days", "partialDays", "minutes", "months", "hours", "count", "characters", "paperCharacters", "score");

    @Test
    void legacyStockScalaAndTheApplicationsEngineAgreeOnEveryCatalogRow() throws Exception {
        DmnEngine scala = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
        DmnEngine ours = DeployedDecisions.buildEngine();
        DefaultDmnEngineConfiguration legacyConfig =
                (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
        DmnEngine legacy = legacyConfig.enableFeelLegacyBehavior(true).buildEngine();
        int compared = 0;
        for (Arguments a : CatalogRowsTest.rows().toList()) {
            String ruleSet = (String) a.get()[1];
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) a.get()[3];
            Map<String, Object> vars = new HashMap<>();
            for (String p : PARAMS) {
                Object v = item.get(p);
                vars.put(p, v instanceof Number n ? new BigDecimal(n.toString()) : v);
            }
            // the service fills these defaults (recognition-parameters) before it evaluates
            Map.of("minutes", 0, "partialDays", 0, "characters", 0, "paperCharacters", 0, "count", 1)
                    .forEach((k, v) -> vars.putIfAbsent(k, BigDecimal.valueOf(v)));
            vars.replaceAll((k, v) -> v == null && List.of("minutes", "partialDays", "characters", "paperCharacters", "count")
                    .contains(k) ? (k.equals("count") ? BigDecimal.ONE : BigDecimal.ZERO) : v);
            vars.put("activityType", item.get("activityType"));
            DmnDecisionRuleResult s = scala.evaluateDecisionTable(decision(scala, ruleSet), vars).getFirstResult();
            DmnDecisionRuleResult l = legacy.evaluateDecisionTable(decision(legacy, ruleSet), vars).getFirstResult();
            DmnDecisionRuleResult o = ours.evaluateDecisionTable(decision(ours, ruleSet), vars).getFirstResult();
            assertThat(l).as(ruleSet + " " + item).isNotNull();
            assertThat(s).as(ruleSet + " " + item).isNotNull();
            assertThat(o).as(ruleSet + " " + item).isNotNull();
            assertThat(normalise(l.getEntryMap())).as(ruleSet + " " + item).isEqualTo(normalise(s.getEntryMap()));
            assertThat(normalise(o.getEntryMap())).as(ruleSet + " " + item).isEqualTo(normalise(l.getEntryMap()));
            compared++;
        }
        assertThat(compared).isGreaterThan(100);
    }

    private final Map<String, DmnDecision> parsed = new HashMap<>();

    private DmnDecision decision(DmnEngine engine, String ruleSet) throws Exception {
        String key = System.identityHashCode(engine) + ruleSet;
        if (!parsed.containsKey(key)) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream("dmn/" + ruleSet + ".dmn")) {
                parsed.put(key, engine.parseDecision(ruleSet + "-items", in));
            }
        }
        return parsed.get(key);
    }

    private static Map<String, Object> normalise(Map<String, Object> m) {
        Map<String, Object> out = new HashMap<>();
        m.forEach((k, v) -> out.put(k, v instanceof Number n
                ? new BigDecimal(n.toString()).setScale(6, java.math.RoundingMode.HALF_UP) : v));
        return out;
    }
}
