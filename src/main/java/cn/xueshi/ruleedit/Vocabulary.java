package cn.xueshi.ruleedit;

import cn.xueshi.rules.RuleSetStandards.Cap;
import java.util.List;
import java.util.Map;

/**
 * The Chinese words a rule set's rows are read in: activity type and cap group names (from the draft's own
 * tables, so a renamed type reads as renamed), and the names of enum values and parameters (from the
 * deployed {@code recognition-parameters}, the same names the 学时认定标准 page and the claim pages use).
 */
public record Vocabulary(String ruleSet, Map<String, String> typeNames, Map<String, Cap> caps,
        Map<String, Map<String, String>> enumNames, Map<String, List<String>> ownValues, Map<String, String> parameterNames) {

    public String typeName(String code) {
        return typeNames.getOrDefault(code, code);
    }

    /** Whether a condition column's variable takes named values (a pick list in the editor). */
    public boolean isEnum(String variable) {
        return enumNames.containsKey(variable);
    }

    public String valueName(String variable, String code) {
        return enumNames.getOrDefault(variable, Map.of()).getOrDefault(code, code);
    }

    /** The values a pick list offers: those the rule set's own activity types accept (all named ones otherwise). */
    public List<String> values(String variable) {
        List<String> own = ownValues.get(variable);
        return own != null && !own.isEmpty() ? own : List.copyOf(enumNames.getOrDefault(variable, Map.of()).keySet());
    }

    public String parameterName(String name) {
        return parameterNames.getOrDefault(name, name);
    }
}
