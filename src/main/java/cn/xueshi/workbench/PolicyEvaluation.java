package cn.xueshi.workbench;

import cn.xueshi.rules.DmnEngines;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.springframework.stereotype.Component;

/**
 * Evaluates a policy table's decision from a DRD's XML (a draft, the active version or an older one)
 * with the application's hardened DMN engine (FEEL only), without deploying it: for regression cases,
 * roll-back gates and the completeness check.
 */
@Component
class PolicyEvaluation {

    /** Key of the answer when no rule matched (the reader would have no value). */
    static final String MATCHED = "matched";

    private final DmnEngine engine = DmnEngines.build();

    /** The decision of the table in a DRD; IllegalArgumentException when the DRD lacks it or does not parse. */
    DmnDecision decision(PolicyTable table, String xml) {
        try {
            return engine.parseDecisions(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).stream()
                    .filter(d -> d.getKey().equals(table.key)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no decision " + table.key));
        } catch (RuntimeException e) {
            throw e instanceof IllegalArgumentException iae ? iae : new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The first matching rule's outputs; empty when no rule matched. */
    Optional<Map<String, Object>> first(DmnDecision decision, Map<String, Object> inputs) {
        DmnDecisionRuleResult first = engine.evaluateDecisionTable(decision, new HashMap<>(inputs)).getFirstResult();
        return first == null ? Optional.empty() : Optional.of(first.getEntryMap());
    }

    /** What a regression case compares: the outputs and {@code matched} (false, and nothing else, when no rule matched). */
    Map<String, Object> answer(DmnDecision decision, Map<String, Object> inputs) {
        Map<String, Object> answer = new LinkedHashMap<>();
        Optional<Map<String, Object>> outputs = first(decision, inputs);
        answer.put(MATCHED, outputs.isPresent());
        outputs.ifPresent(answer::putAll);
        return answer;
    }
}
