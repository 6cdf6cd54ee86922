package cn.xueshi.workbench;

import cn.xueshi.rules.RecognitionException;
import cn.xueshi.rules.RecognitionRequest;
import cn.xueshi.rules.RecognitionService;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Runs regression cases (回归用例): a rule set's with a recognition service (the deployed one or a draft's), a
 * policy table's with the table's decision (see {@link PolicyEvaluation}).
 */
@Component
class RegressionRunner {

    private final CaseRepository cases;
    private final ObjectMapper json;
    private final PolicyEvaluation policies;

    RegressionRunner(CaseRepository cases, ObjectMapper json, PolicyEvaluation policies) {
        this.cases = cases;
        this.json = json;
        this.policies = policies;
    }

    /** The answer of the model under test to a case's request (its JSON text), as JSON. */
    interface Answer {
        JsonNode to(String requestJson) throws JsonProcessingException;
    }

    /** Runs every case of the rule set; a case the draft changes is judged by its new expectation. */
    List<CaseResult> run(String ruleSet, RecognitionService service, List<CaseChange> changes) {
        return run(ruleSet, recognition(service), changes);
    }

    /** Runs every case of a model (rule set or policy table) with the given answer. */
    List<CaseResult> run(String key, Answer answer, List<CaseChange> changes) {
        Map<Long, CaseChange> byCase = changes.stream().collect(Collectors.toMap(CaseChange::getCaseId, Function.identity()));
        List<CaseResult> results = new ArrayList<>();
        for (RegressionCase c : cases.findByRuleSetOrderById(key)) {
            CaseChange change = byCase.get(c.getId());
            results.add(run(c, change == null ? c.getExpectJson() : change.getExpectJson(), answer, change));
        }
        return results;
    }

    CaseResult run(RegressionCase c, String expectJson, RecognitionService service, CaseChange change) {
        return run(c, expectJson, recognition(service), change);
    }

    /** A recognition request answered by a recognition service: the API's answer, or its error. */
    Answer recognition(RecognitionService service) {
        return requestJson -> {
            RecognitionRequest request = json.readValue(requestJson, RecognitionRequest.class);
            try {
                return json.valueToTree(service.evaluate(request));
            } catch (RecognitionException e) {
                return json.createObjectNode().put("error", e.getMessage());
            } catch (RuntimeException e) {
                return json.createObjectNode().put("error", String.valueOf(e.getMessage()));
            }
        };
    }

    /**
     * A policy table's case: the request names the table's inputs ({@code {"ruleSet": "anhui-2025", "unitType": …}}),
     * the answer is the first matching rule's outputs and {@code matched}, from the given version of the table.
     */
    Answer policy(PolicyTable table, String xml) {
        org.camunda.bpm.dmn.engine.DmnDecision decision;
        try {
            decision = policies.decision(table, xml);
        } catch (IllegalArgumentException e) {
            return requestJson -> json.createObjectNode().put("error", String.valueOf(e.getMessage()));
        }
        return requestJson -> {
            Map<String, Object> inputs = json.readValue(requestJson,
                    new com.fasterxml.jackson.core.type.TypeReference<java.util.LinkedHashMap<String, Object>>() { });
            try {
                return json.valueToTree(policies.answer(decision, inputs));
            } catch (RuntimeException e) {
                return json.createObjectNode().put("error", String.valueOf(e.getMessage()));
            }
        };
    }

    CaseResult run(RegressionCase c, String expectJson, Answer answer, CaseChange change) {
        JsonNode expected;
        JsonNode actual;
        try {
            expected = json.readTree(expectJson);
            actual = answer.to(c.getRequestJson());
        } catch (JsonProcessingException e) {
            return new CaseResult(c, expectJson, false, e.getOriginalMessage(), List.of(), expectJson, change);
        }
        List<CaseResult.Difference> diffs = new ArrayList<>();
        JsonNode suggested = compare("", expected, actual, diffs);
        String error = actual.has("error") && !expected.has("error") ? actual.get("error").asText() : null;
        return new CaseResult(c, expectJson, diffs.isEmpty() && error == null, error, diffs, pretty(suggested), change);
    }

    /** Compares every value the expectation names; returns the expectation rewritten with the actual values. */
    private JsonNode compare(String path, JsonNode expected, JsonNode actual, List<CaseResult.Difference> diffs) {
        if (expected.isObject()) {
            ObjectNode out = json.createObjectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = expected.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                JsonNode a = actual == null ? null : actual.get(f.getKey());
                out.set(f.getKey(), compare(path.isEmpty() ? f.getKey() : path + "." + f.getKey(), f.getValue(),
                        a == null ? json.nullNode() : a, diffs));
            }
            return out;
        }
        if (expected.isArray()) {
            ArrayNode out = json.createArrayNode();
            for (int i = 0; i < expected.size(); i++) {
                JsonNode a = actual != null && actual.isArray() && i < actual.size() ? actual.get(i) : json.nullNode();
                out.add(compare(path + "[" + i + "]", expected.get(i), a, diffs));
            }
            return out;
        }
        if (!same(expected, actual)) {
            diffs.add(new CaseResult.Difference(path, expected.asText(), actual == null || actual.isNull() ? "—" : actual.asText()));
        }
        return actual == null ? json.nullNode() : actual;
    }

    private static boolean same(JsonNode e, JsonNode a) {
        if (a == null) {
            return e.isNull();
        }
        if (e.isNumber() && a.isNumber()) {
            return new BigDecimal(e.asText()).compareTo(new BigDecimal(a.asText())) == 0;
        }
        return e.equals(a);
    }

    String pretty(JsonNode node) {
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads an expectation typed by an analyst; null when it is not a JSON object. */
    JsonNode readObject(String text) {
        try {
            JsonNode n = json.readTree(text);
            return n != null && n.isObject() ? n : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
