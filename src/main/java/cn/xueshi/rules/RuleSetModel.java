package cn.xueshi.rules;

import cn.xueshi.rules.ActivityType.EnumValue;
import cn.xueshi.rules.ActivityType.Kind;
import cn.xueshi.rules.ActivityType.Parameter;
import cn.xueshi.rules.DeployedDecisions.Deployed;
import cn.xueshi.rules.RuleSetStandards.Cap;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionImpl;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableImpl;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableInputImpl;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableRuleImpl;
import org.camunda.bpm.dmn.engine.impl.DmnExpressionImpl;

/**
 * A rule set as its deployed decisions define it ({@code <ruleSet>-facts}, {@code -activity-types},
 * {@code -items}, {@code -caps}, plus the shared {@code recognition-parameters}); rebuilt whenever
 * one of them is redeployed.
 */
final class RuleSetModel {

    static final String PARAMETERS = "recognition-parameters";
    static final String ENUM_VALUES = "recognition-enum-values";
    static final String SELECTION = "rule-set-selection";

    private static final Pattern PARAM = Pattern.compile("^([A-Za-z/]+)(\\?)?(?:=(.+))?$");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");

    final String key;
    final Deployed items;
    final String jurisdiction;
    final String nameZh;
    final String nameEn;
    final int firstYear;
    final Requirement requirement;
    final String aggregation;
    final Set<String> summedTypes;
    final String basis;
    final Map<String, ActivityType> types = new LinkedHashMap<>();
    /**
     * The item table cut to the rows of one activity type (order and hit policy kept, rule ids intact),
     * so an item is matched against its own rows only: the same answer as the whole table, found faster.
     */
    final Map<String, DmnDecision> itemsByType = new LinkedHashMap<>();
    final Map<String, Cap> caps = new LinkedHashMap<>();
    final Map<String, BigDecimal> capHours = new LinkedHashMap<>();
    /** every parameter name, mapped to null: the variables an item starts from */
    final Map<String, Object> blankVariables = new LinkedHashMap<>();

    RuleSetModel(String key, DeployedDecisions decisions, DeployedDecisions.Snapshot snapshot, RateWords words) {
        this.key = key;
        Deployed facts = snapshot.get(key + "-facts");
        this.items = snapshot.get(key + "-items");
        Deployed typeList = snapshot.get(key + "-activity-types");
        Deployed capList = snapshot.get(key + "-caps");
        if (facts == null || items == null || typeList == null) {
            throw new IllegalArgumentException("not a rule set: " + key);
        }
        Map<String, Object> f = decisions.rows(facts).get(0);
        jurisdiction = HourFormula.str(f, "jurisdiction");
        nameZh = HourFormula.str(f, "nameZh");
        nameEn = HourFormula.str(f, "nameEn");
        firstYear = HourFormula.num(f, "firstYear").intValue();
        requirement = new Requirement(HourFormula.num(f, "requiredTotal"), HourFormula.num(f, "requiredPublic"),
                HourFormula.num(f, "requiredProfessional"));
        aggregation = HourFormula.str(f, "aggregation");
        String summed = HourFormula.str(f, "summedActivityTypes");
        summedTypes = summed == null ? Set.of() : Set.copyOf(Arrays.stream(summed.split("[,\\s]+"))
                .filter(s -> !s.isBlank()).toList());
        basis = HourFormula.str(f, "basis");

        Map<String, Map<String, Object>> paramDefs = new LinkedHashMap<>();
        Deployed params = snapshot.get(PARAMETERS);
        if (params != null) {
            for (Map<String, Object> row : decisions.rows(params)) {
                paramDefs.put(HourFormula.str(row, "name"), row);
                blankVariables.put(HourFormula.str(row, "name"), null);
            }
        }
        Map<String, Map<String, EnumValue>> enumNames = new LinkedHashMap<>();
        Deployed enums = snapshot.get(ENUM_VALUES);
        if (enums != null) {
            for (Map<String, Object> row : decisions.rows(enums)) {
                String value = HourFormula.str(row, "value");
                enumNames.computeIfAbsent(HourFormula.str(row, "parameter"), k -> new LinkedHashMap<>())
                        .put(value, new EnumValue(value, HourFormula.str(row, "nameZh"), HourFormula.str(row, "nameEn")));
            }
        }
        if (capList != null) {
            for (Map<String, Object> row : decisions.rows(capList)) {
                Cap cap = new Cap(HourFormula.str(row, "capGroup"), HourFormula.str(row, "nameZh"),
                        HourFormula.str(row, "nameEn"), HourFormula.num(row, "cap"), HourFormula.str(row, "basis"));
                caps.put(cap.group(), cap);
                capHours.put(cap.group(), cap.cap());
            }
        }
        DmnDecisionTableImpl table = (DmnDecisionTableImpl) items.decision().getDecisionLogic();
        for (Map<String, Object> row : decisions.rows(typeList)) {
            String code = HourFormula.str(row, "code");
            List<Parameter> parameters = parameters(HourFormula.str(row, "parameters"), paramDefs, enumNames);
            List<ActivityType.Rate> rates = new ArrayList<>();
            Set<String> subjects = new LinkedHashSet<>();
            List<DmnDecisionTableRuleImpl> own = new ArrayList<>();
            for (DmnDecisionTableRuleImpl rule : table.getRules()) {
                if (!matchesType(rule, code)) {
                    continue;
                }
                own.add(rule);
                Map<String, String> outputs = new LinkedHashMap<>();
                for (int i = 0; i < table.getOutputs().size(); i++) {
                    String text = rule.getConclusions().get(i).getExpression();
                    if (text != null && !text.isBlank()) {
                        outputs.put(table.getOutputs().get(i).getOutputName(), unquote(text.trim()));
                    }
                }
                subjects.add(words.subject(outputs));
                rates.add(new ActivityType.Rate(rule.getId(), conditions(table, rule, enumNames, words),
                        words.formula(outputs, caps), outputs.get("basis")));
            }
            itemsByType.put(code, partition(items.decision(), table, own));
            types.put(code, new ActivityType(code, HourFormula.str(row, "nameZh"), HourFormula.str(row, "nameEn"),
                    String.join("／", subjects), parameters, List.copyOf(rates), HourFormula.str(row, "basis")));
        }
    }

    private static DmnDecision partition(DmnDecision whole, DmnDecisionTableImpl table, List<DmnDecisionTableRuleImpl> rules) {
        DmnDecisionTableImpl part = new DmnDecisionTableImpl();
        part.setHitPolicyHandler(table.getHitPolicyHandler());
        part.setInputs(table.getInputs());
        part.setOutputs(table.getOutputs());
        part.setRules(List.copyOf(rules));
        DmnDecisionImpl decision = new DmnDecisionImpl();
        decision.setKey(whole.getKey());
        decision.setName(whole.getName());
        decision.setDecisionLogic(part);
        decision.setRequiredDecision(List.of());
        return decision;
    }

    /** Parses the parameter column: {@code name} required, {@code name?} optional, {@code a/b} one of, {@code name=V1|V2}. */
    private static List<Parameter> parameters(String spec, Map<String, Map<String, Object>> defs,
            Map<String, Map<String, EnumValue>> enumNames) {
        List<Parameter> result = new ArrayList<>();
        if (spec == null) {
            return result;
        }
        for (String token : spec.split(",")) {
            token = token.trim();
            if (token.isEmpty()) {
                continue;
            }
            Matcher m = PARAM.matcher(token);
            if (!m.matches()) {
                throw new IllegalStateException("bad parameter spec: " + token);
            }
            String[] names = m.group(1).split("/");
            boolean optional = m.group(2) != null;
            String group = names.length > 1 ? m.group(1) : null;
            for (String name : names) {
                Map<String, Object> def = defs.get(name);
                if (def == null) {
                    throw new IllegalStateException("unknown parameter in spec: " + name);
                }
                Kind kind = Kind.valueOf(HourFormula.str(def, "kind"));
                List<EnumValue> values = new ArrayList<>();
                if (kind == Kind.ENUM) {
                    List<String> codes = m.group(3) != null ? Arrays.asList(m.group(3).split("\\|"))
                            : Arrays.asList(HourFormula.str(def, "values").split("\\|"));
                    Map<String, EnumValue> names2 = enumNames.getOrDefault(name, Map.of());
                    for (String c : codes) {
                        values.add(names2.getOrDefault(c.trim(), new EnumValue(c.trim(), c.trim(), c.trim())));
                    }
                }
                result.add(new Parameter(name, HourFormula.str(def, "nameZh"), HourFormula.str(def, "nameEn"), kind,
                        List.copyOf(values), !optional && group == null, group, HourFormula.num(def, "min"),
                        HourFormula.num(def, "max"), HourFormula.str(def, "defaultValue")));
            }
        }
        return result;
    }

    /** All values a parameter may take in general (for "unknown value" messages). */
    static List<String> generalValues(Map<String, Object> def) {
        String v = HourFormula.str(def, "values");
        return v == null ? List.of() : Arrays.asList(v.split("\\|"));
    }

    private static boolean matchesType(DmnDecisionTableRuleImpl rule, String code) {
        String first = rule.getConditions().get(0).getExpression();
        if (first == null || first.isBlank() || first.trim().equals("-")) {
            return true;
        }
        Matcher m = QUOTED.matcher(first);
        while (m.find()) {
            if (m.group(1).equals(code)) {
                return true;
            }
        }
        return false;
    }

    private static String conditions(DmnDecisionTableImpl table, DmnDecisionTableRuleImpl rule,
            Map<String, Map<String, EnumValue>> enumNames, RateWords words) {
        List<String> parts = new ArrayList<>();
        for (int i = 1; i < table.getInputs().size(); i++) {
            DmnExpressionImpl condition = rule.getConditions().get(i);
            String text = condition.getExpression();
            if (text == null || text.isBlank() || text.trim().equals("-")) {
                continue;
            }
            DmnDecisionTableInputImpl input = table.getInputs().get(i);
            String variable = input.getExpression().getExpression().trim();
            Map<String, EnumValue> names = enumNames.getOrDefault(variable, Map.of());
            Matcher m = QUOTED.matcher(text);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                EnumValue v = names.get(m.group(1));
                m.appendReplacement(sb, Matcher.quoteReplacement(v == null ? m.group(1) : v.nameZh()));
            }
            m.appendTail(sb);
            parts.add(words.condition(input.getName(), sb.toString().replace(",", "、").trim()));
        }
        return String.join("，", parts);
    }

    private static String unquote(String text) {
        return text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"") ? text.substring(1, text.length() - 1) : text;
    }

    RuleSetStandards standards() {
        return new RuleSetStandards(key, nameZh, nameEn, jurisdiction, firstYear, requirement, aggregation,
                List.copyOf(summedTypes), basis, List.copyOf(caps.values()), List.copyOf(types.values()), items.key(),
                items.version());
    }
}
