package cn.xueshi.workbench;

import cn.xueshi.ruleedit.Condition;
import cn.xueshi.ruleedit.TableView;
import cn.xueshi.ruleedit.DecisionTables;
import cn.xueshi.rules.ActivityType;
import cn.xueshi.rules.DmnEngines;
import cn.xueshi.rules.DraftRecognition;
import cn.xueshi.rules.FeelOnlyGuard;
import cn.xueshi.rules.FeelSyntaxException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableImpl;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableRuleImpl;
import org.camunda.bpm.dmn.engine.impl.DmnExpressionImpl;
import org.camunda.bpm.dmn.engine.impl.evaluation.ExpressionEvaluationHandler;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.bpm.model.dmn.HitPolicy;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Checks a draft before it may be deployed (校验): every cell is FEEL and nothing else
 * ({@link FeelOnlyGuard}), the DMN parses, every cell is valid standard FEEL (the dialect of every DMN
 * engine of the application) and fits its column's type, the hit
 * policy holds (no overlaps under UNIQUE, no shadowed rules under FIRST), and every value an activity
 * type lists for a parameter is covered by one of its rules.
 */
@Component
class DraftValidator {

    private static final Pattern NUMBER = Pattern.compile("^-?\\d+(\\.\\d+)?$");
    private static final Pattern STRING = Pattern.compile("^\"([^\"\\\\]|\\\\.)*\"$");

    private final MessageSource messages;
    private final DraftRecognition drafts;
    private final DmnEngine dmnEngine;
    private final FeelEngine feel;
    private final DefaultDmnEngineConfiguration config;
    private final ExpressionEvaluationHandler expressions;
    private final PolicyTableChecks policyChecks;

    DraftValidator(MessageSource messages, DraftRecognition drafts, PolicyTableChecks policyChecks) {
        this.messages = messages;
        this.drafts = drafts;
        this.policyChecks = policyChecks;
        // the same hardened configuration as the recognition service and the process engine (FEEL only)
        DefaultDmnEngineConfiguration config = DmnEngines.configuration();
        this.dmnEngine = config.buildEngine();
        this.feel = config.getFeelEngine();
        this.config = config;
        this.expressions = new ExpressionEvaluationHandler(config);
    }

    List<Problem> validate(String ruleSet, String xml) {
        List<Problem> problems = new ArrayList<>();
        DecisionTables tables;
        try {
            tables = DecisionTables.parse(xml);
        } catch (IllegalArgumentException e) {
            problems.add(model("wb.problem.unreadable", e.getMessage()));
            return problems;
        }
        // nothing of a model that is not FEEL-only is evaluated, not even to check a cell's type
        List<FeelOnlyGuard.Violation> unsafe = FeelOnlyGuard.check(tables.model());
        if (!unsafe.isEmpty()) {
            unsafe.forEach(u -> problems.add(new Problem(u.decisionId(), u.row(), u.ruleId(), u.column(), true,
                    u.message(LocaleContextHolder.getLocale()))));
            return problems;
        }
        // a policy table (审核分流, 登记政策, …) has its own contract instead of a rule set's decisions
        java.util.Optional<PolicyTable> policy = PolicyTable.of(ruleSet);
        if (policy.isPresent()) {
            policyChecks.structure(policy.get(), tables, problems);
        } else {
            structure(ruleSet, tables, problems);
        }
        Map<String, TableView> views = new java.util.HashMap<>();
        tables.views().forEach(v -> views.put(v.key(), v));
        Map<String, DmnDecisionTableImpl> parsed = new java.util.HashMap<>();
        try {
            for (DmnDecision d : dmnEngine.parseDecisions(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))) {
                if (d.getDecisionLogic() instanceof DmnDecisionTableImpl t) {
                    parsed.put(d.getKey(), t);
                }
            }
        } catch (RuntimeException e) {
            problems.add(model("wb.problem.engine", e.getMessage()));
        }
        for (Decision d : tables.decisions()) {
            DecisionTable t = DecisionTables.table(d);
            TableView v = views.get(d.getId());
            if (t != null && v != null) {
                cells(d, v, parsed.get(d.getId()), problems);
                hitPolicy(d, t, v, problems);
            }
        }
        if (policy.isPresent()) {
            if (problems.stream().noneMatch(Problem::error)) {
                policyChecks.contract(policy.get(), tables, xml, problems);
            }
        } else if (problems.stream().noneMatch(Problem::error)) {
            List<ActivityType> types = engineChecks(ruleSet, xml, problems);
            if (types != null) {
                coverage(ruleSet, tables, types, problems);
            }
        }
        return problems;
    }

    // ---------------------------------------------------------------- structure

    private void structure(String ruleSet, DecisionTables tables, List<Problem> problems) {
        List<String> keys = tables.decisions().stream().map(Decision::getId).toList();
        for (String suffix : List.of("-facts", "-activity-types", "-items")) {
            if (!keys.contains(ruleSet + suffix)) {
                problems.add(model("wb.problem.missingDecision", ruleSet + suffix));
            }
        }
        for (Decision d : tables.decisions()) {
            if (!d.getId().startsWith(ruleSet + "-")) {
                problems.add(new Problem(d.getId(), 0, null, null, true, msg("wb.problem.foreignDecision", d.getId(), ruleSet)));
            }
            if (d.getCamundaHistoryTimeToLiveString() == null || d.getCamundaHistoryTimeToLiveString().isBlank()) {
                problems.add(new Problem(d.getId(), 0, null, null, true, msg("wb.problem.historyTimeToLive", d.getName())));
            }
        }
    }

    // ---------------------------------------------------------------- cells

    private void cells(Decision d, TableView v, DmnDecisionTableImpl engineTable, List<Problem> problems) {
        for (TableView.Row r : v.rows()) {
            if (r.inputs().size() != v.inputs().size() || r.outputs().size() != v.outputs().size()) {
                problems.add(cell(d, r, null, "wb.problem.cellCount", r.inputs().size(), v.inputs().size(),
                        r.outputs().size(), v.outputs().size()));
                continue;
            }
            for (int i = 0; i < r.inputs().size(); i++) {
                inputCell(d, r, v.inputs().get(i), r.inputs().get(i), problems);
            }
            DmnDecisionTableRuleImpl engineRule = engineTable == null || engineTable.getRules().size() < r.number() ? null
                    : engineTable.getRules().get(r.number() - 1);
            for (int i = 0; i < r.outputs().size(); i++) {
                DmnExpressionImpl expression = engineRule == null || engineRule.getConclusions().size() <= i ? null
                        : engineRule.getConclusions().get(i);
                outputCell(d, r, v.outputs().get(i), r.outputs().get(i), expression, problems);
            }
        }
    }

    private void inputCell(Decision d, TableView.Row r, TableView.Column col, String text, List<Problem> problems) {
        String cell = text.trim();
        if (cell.isEmpty() || cell.equals("-")) {
            return;
        }
        String type = col.typeRef() == null ? "" : col.typeRef();
        Object sample = switch (type) {
            case "string" -> "样例";
            case "boolean" -> Boolean.TRUE;
            case "integer", "long", "double", "number" -> 1;
            default -> cell.contains("\"") ? "样例" : (Object) 1;
        };
        if (type.equals("string") && Condition.parse(cell) instanceof Condition.Numbers) {
            problems.add(cell(d, r, col, "wb.problem.type.input", cell, col.label(), typeName(type)));
            return;
        }
        if (isNumeric(type) && Condition.parse(cell) instanceof Condition.Texts) {
            problems.add(cell(d, r, col, "wb.problem.type.input", cell, col.label(), typeName(type)));
            return;
        }
        try {
            VariableContext ctx = Variables.createVariables().putValue("cellInput", sample).asVariableContext();
            feel.evaluateSimpleUnaryTests(cell, "cellInput", ctx);
        } catch (RuntimeException e) {
            boolean syntax = e instanceof FeelSyntaxException;
            problems.add(cell(d, r, col, syntax ? "wb.problem.feel.input" : "wb.problem.type.input", cell, col.label(),
                    typeName(type)));
        }
    }

    private void outputCell(Decision d, TableView.Row r, TableView.Column col, String text, DmnExpressionImpl expression,
            List<Problem> problems) {
        String cell = text.trim();
        if (cell.isEmpty()) {
            return;
        }
        String type = col.typeRef() == null ? "" : col.typeRef();
        Object value;
        if (STRING.matcher(cell).matches()) {
            value = cell;
        } else if (NUMBER.matcher(cell).matches()) {
            value = Double.valueOf(cell);
        } else if (cell.equals("true") || cell.equals("false")) {
            value = Boolean.valueOf(cell);
        } else {
            try {
                if (expression == null) {
                    throw new IllegalStateException("not parsed");
                }
                // always FEEL, whatever the cell says (the guard above refused any other language)
                value = expressions.evaluateExpression(DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_ALTERNATIVE,
                        expression, Variables.createVariables().asVariableContext());
            } catch (RuntimeException e) {
                problems.add(cell(d, r, col, "wb.problem.feel.output", cell, col.label()));
                return;
            }
        }
        boolean fits = switch (type) {
            case "string" -> value instanceof String;
            case "integer", "long" -> value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue());
            case "double", "number" -> value instanceof Number;
            case "boolean" -> value instanceof Boolean;
            default -> true;
        };
        if (!fits) {
            problems.add(cell(d, r, col, "wb.problem.type.output", cell, col.label(), typeName(type)));
        }
    }

    private static boolean isNumeric(String type) {
        return List.of("integer", "long", "double", "number").contains(type);
    }

    private String typeName(String type) {
        return msg("wb.type." + (type.isEmpty() ? "any" : type));
    }

    // ---------------------------------------------------------------- hit policy

    private void hitPolicy(Decision d, DecisionTable t, TableView v, List<Problem> problems) {
        if (v.inputs().isEmpty()) {
            return;
        }
        HitPolicy policy = t.getHitPolicy() == null ? HitPolicy.UNIQUE : t.getHitPolicy();
        List<List<Condition>> conds = v.rows().stream()
                .map(r -> r.inputs().stream().map(Condition::parse).toList()).toList();
        for (int j = 0; j < conds.size(); j++) {
            for (int i = 0; i < j; i++) {
                if (conds.get(i).size() != v.inputs().size() || conds.get(j).size() != v.inputs().size()) {
                    continue;
                }
                if (policy == HitPolicy.UNIQUE && overlap(conds.get(i), conds.get(j))) {
                    TableView.Row r = v.rows().get(j);
                    problems.add(new Problem(d.getId(), r.number(), r.id(), null, true,
                            msg("wb.problem.overlap", r.number(), v.rows().get(i).number())));
                }
                if (policy == HitPolicy.FIRST && coversAll(conds.get(i), conds.get(j))) {
                    TableView.Row r = v.rows().get(j);
                    problems.add(new Problem(d.getId(), r.number(), r.id(), null, true,
                            msg("wb.problem.shadowed", r.number(), v.rows().get(i).number())));
                    break;
                }
            }
        }
    }

    private static boolean overlap(List<Condition> a, List<Condition> b) {
        for (int c = 0; c < a.size(); c++) {
            if (!Boolean.TRUE.equals(Condition.intersects(a.get(c), b.get(c)))) {
                return false;
            }
        }
        return true;
    }

    private static boolean coversAll(List<Condition> earlier, List<Condition> later) {
        for (int c = 0; c < earlier.size(); c++) {
            if (!Condition.covers(earlier.get(c), later.get(c))) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- coverage of listed values

    /**
     * Every value an activity type accepts for an enumerated parameter must reach one of its rules, or
     * the service answers "no rule" for it. Values the type lists itself ({@code name=V1|V2}) are errors;
     * values it accepts only because the parameter allows them in general are notes.
     */
    private void coverage(String ruleSet, DecisionTables tables, List<ActivityType> types, List<Problem> problems) {
        List<TableView> views = tables.views();
        TableView typeTable = views.stream().filter(v -> v.key().equals(ruleSet + "-activity-types")).findFirst().orElse(null);
        TableView items = views.stream().filter(v -> v.key().equals(ruleSet + "-items")).findFirst().orElse(null);
        if (typeTable == null || items == null) {
            return;
        }
        int typeInput = inputColumn(items, "activityType");
        int codeCol = column(typeTable.outputs(), "code");
        int specCol = column(typeTable.outputs(), "parameters");
        if (typeInput < 0) {
            return;
        }
        for (ActivityType type : types) {
            TableView.Row typeRow = typeTable.rows().stream()
                    .filter(r -> codeCol >= 0 && unquote(r.outputs().get(codeCol)).equals(type.code())).findFirst().orElse(null);
            String spec = typeRow == null || specCol < 0 ? "" : unquote(typeRow.outputs().get(specCol));
            List<TableView.Row> own = items.rows().stream()
                    .filter(r -> r.inputs().size() == items.inputs().size()
                            && Condition.acceptsText(Condition.parse(r.inputs().get(typeInput)), type.code()))
                    .toList();
            if (own.isEmpty()) {
                problems.add(new Problem(typeTable.key(), typeRow == null ? 0 : typeRow.number(),
                        typeRow == null ? null : typeRow.id(), null, true, msg("wb.problem.typeUncovered", type.code())));
                continue;
            }
            for (ActivityType.Parameter p : type.parameters()) {
                int col = inputColumn(items, p.name());
                if (p.kind() != ActivityType.Kind.ENUM || col < 0) {
                    continue;
                }
                boolean listed = Pattern.compile("(^|[,\\s])" + Pattern.quote(p.name()) + "\\??=").matcher(spec).find();
                for (ActivityType.EnumValue v : p.values()) {
                    boolean covered = own.stream()
                            .anyMatch(r -> Condition.acceptsText(Condition.parse(r.inputs().get(col)), v.code()));
                    if (!covered) {
                        problems.add(new Problem(items.key(), 0, null, items.inputs().get(col).label(), listed,
                                msg("wb.problem.valueUncovered", type.code(), items.inputs().get(col).label(), v.code())));
                    }
                }
            }
        }
    }

    private static int column(List<TableView.Column> cols, String name) {
        for (int i = 0; i < cols.size(); i++) {
            if (name.equals(cols.get(i).expression())) {
                return i;
            }
        }
        return -1;
    }

    private static int inputColumn(TableView items, String variable) {
        for (int i = 0; i < items.inputs().size(); i++) {
            if (variable.equals(items.inputs().get(i).expression().trim())) {
                return i;
            }
        }
        return -1;
    }

    static String unquote(String text) {
        String t = text == null ? "" : text.trim();
        return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
    }

    // ---------------------------------------------------------------- the engine itself

    /** What the engine itself says: the DMN engine parses the draft, the rule set model builds from it. */
    private List<ActivityType> engineChecks(String ruleSet, String xml, List<Problem> problems) {
        try {
            return drafts.with(xml, 0).activityTypes(ruleSet);
        } catch (RuntimeException e) {
            problems.add(model("wb.problem.ruleSetModel", e.getMessage()));
            return null;
        }
    }

    // ---------------------------------------------------------------- messages

    private Problem model(String key, Object... args) {
        return new Problem(null, 0, null, null, true, msg(key, args));
    }

    private Problem cell(Decision d, TableView.Row r, TableView.Column col, String key, Object... args) {
        return new Problem(d.getId(), r.number(), r.id(), col == null ? null : col.label(), true, msg(key, args));
    }

    private String msg(String key, Object... args) {
        return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
    }
}
