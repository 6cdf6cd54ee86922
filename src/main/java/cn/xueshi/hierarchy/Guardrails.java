package cn.xueshi.hierarchy;

import cn.xueshi.rules.RecognitionService;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The guardrails of a derived set against its parent, checked by the table {@code dmn/derivation-guardrails.dmn}
 * (no limit in Java): the annual requirement (total, public, professional) and every cap the parent has, each
 * compared with the child's value. The table says which are refused and why.
 */
@Component
class Guardrails {

    static final String DECISION = "derivation-guardrails";
    static final List<String> REQUIREMENTS = List.of("requiredTotal", "requiredPublic", "requiredProfessional");

    /** One check: what, the parent's and child's value, the verdict and its message and basis. */
    record Result(String check, String subject, BigDecimal parentValue, BigDecimal childValue, boolean allowed,
            String message, String basis) {
    }

    private final RecognitionService recognition;

    Guardrails(RecognitionService recognition) {
        this.recognition = recognition;
    }

    List<Result> check(String jurisdiction, Map<String, Map<String, Map<String, String>>> parent,
            Map<String, Map<String, Map<String, String>>> child) {
        List<Result> results = new ArrayList<>();
        Map<String, String> parentFacts = first(parent.get("facts"));
        Map<String, String> childFacts = first(child.get("facts"));
        for (String field : REQUIREMENTS) {
            results.add(evaluate(field, jurisdiction, null, number(parentFacts.get(field)), number(childFacts.get(field))));
        }
        Map<String, BigDecimal> childCaps = caps(child.get("caps"));
        for (Map.Entry<String, BigDecimal> cap : caps(parent.get("caps")).entrySet()) {
            BigDecimal mine = childCaps.get(cap.getKey());
            results.add(mine == null ? evaluate("capRemoved", jurisdiction, cap.getKey(), cap.getValue(), null)
                    : evaluate("cap", jurisdiction, cap.getKey(), cap.getValue(), mine));
        }
        return results;
    }

    private Result evaluate(String check, String jurisdiction, String capGroup, BigDecimal parentValue,
            BigDecimal childValue) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("check", check);
        vars.put("jurisdiction", jurisdiction);
        vars.put("capGroup", capGroup);
        vars.put("parentValue", parentValue);
        vars.put("childValue", childValue);
        Map<String, Object> row = recognition.firstRow(DECISION, vars)
                .orElseThrow(() -> new IllegalStateException(DECISION + " is not deployed or matched no row"));
        boolean allowed = !"REFUSED".equals(row.get("verdict"));
        return new Result(check, capGroup, parentValue, childValue, allowed, String.valueOf(row.get("message")),
                String.valueOf(row.get("basis")));
    }

    private static Map<String, BigDecimal> caps(Map<String, Map<String, String>> rows) {
        Map<String, BigDecimal> caps = new java.util.LinkedHashMap<>();
        if (rows != null) {
            for (Map<String, String> row : rows.values()) {
                String group = row.getOrDefault("capGroup", "").replace("\"", "");
                caps.put(group, number(row.get("cap")));
            }
        }
        return caps;
    }

    private static Map<String, String> first(Map<String, Map<String, String>> rows) {
        return rows == null || rows.isEmpty() ? Map.of() : rows.values().iterator().next();
    }

    /** A FEEL number literal as a number; anything else (a formula) is not comparable: null. */
    static BigDecimal number(String feel) {
        if (feel == null) {
            return null;
        }
        try {
            return new BigDecimal(feel.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
