package cn.xueshi.workbench;

import cn.xueshi.ruleedit.TableView;
import cn.xueshi.ruleedit.DecisionTables;
import cn.xueshi.rules.DmnEngines;
import cn.xueshi.rules.RecognitionService;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The checks of a policy table draft beyond those of every table (FEEL, types, hit policy; see
 * {@link DraftValidator}): the DRD holds the table's one decision, its inputs are variables the
 * application passes, the outputs the application reads are there with their types, every rule fills
 * them with a value the reader accepts, and (for the tables read on every claim or request) every
 * combination of the inputs' values hits a rule.
 */
@Component
class PolicyTableChecks {

    /** Gaps named one by one; beyond that only counted, so a table missing its catch-all stays readable. */
    private static final int NAMED_GAPS = 10;

    private final MessageSource messages;
    private final RecognitionService recognition;
    private final PolicyEvaluation evaluation;
    private final FeelEngine feel;

    PolicyTableChecks(MessageSource messages, RecognitionService recognition, PolicyEvaluation evaluation) {
        this.messages = messages;
        this.recognition = recognition;
        this.evaluation = evaluation;
        DefaultDmnEngineConfiguration config = DmnEngines.configuration();
        config.buildEngine();
        this.feel = config.getFeelEngine();
    }

    /** The DRD's decisions and the table's columns against the contract (before the cells are checked). */
    void structure(PolicyTable table, DecisionTables tables, List<Problem> problems) {
        boolean found = false;
        for (Decision d : tables.decisions()) {
            if (!d.getId().equals(table.key)) {
                problems.add(new Problem(d.getId(), 0, null, null, true, msg("wb.problem.policy.foreignDecision", d.getId(), table.key)));
                continue;
            }
            found = DecisionTables.table(d) != null;
            if (d.getCamundaHistoryTimeToLiveString() == null || d.getCamundaHistoryTimeToLiveString().isBlank()) {
                problems.add(new Problem(d.getId(), 0, null, null, true, msg("wb.problem.historyTimeToLive", d.getName())));
            }
        }
        if (!found) {
            problems.add(new Problem(null, 0, null, null, true, msg("wb.problem.missingDecision", table.key)));
            return;
        }
        TableView view = view(table, tables);
        for (TableView.Column in : view.inputs()) {
            if (!table.getVariables().contains(in.expression().trim())) {
                problems.add(new Problem(table.key, 0, null, in.label(), true, msg("wb.problem.policy.input", in.label(),
                        in.expression().trim(), String.join("、", table.getVariables()))));
            }
        }
        for (PolicyTable.Output out : table.outputs) {
            TableView.Column col = view.outputs().stream().filter(c -> out.name().equals(c.expression())).findFirst().orElse(null);
            if (col == null) {
                problems.add(new Problem(table.key, 0, null, null, true, msg("wb.problem.policy.missingOutput", out.name())));
            } else if (!out.typeRef().equals(col.typeRef())) {
                problems.add(new Problem(table.key, 0, null, col.label(), true, msg("wb.problem.policy.outputType", col.label(),
                        msg("wb.type." + out.typeRef()))));
            }
        }
        for (TableView.Column col : view.outputs()) {
            if (table.outputs.stream().noneMatch(o -> o.name().equals(col.expression()))) {
                problems.add(new Problem(table.key, 0, null, col.label(), false, msg("wb.problem.policy.unread", col.label(),
                        col.expression())));
            }
        }
    }

    /** The values of the cells and the coverage of the inputs (once the cells are valid FEEL). */
    void contract(PolicyTable table, DecisionTables tables, String xml, List<Problem> problems) {
        TableView view = view(table, tables);
        for (TableView.Row r : view.rows()) {
            for (PolicyTable.Output out : table.outputs) {
                int col = column(view, out.name());
                if (col >= 0 && col < r.outputs().size()) {
                    value(table, view, r, col, out, problems);
                }
            }
        }
        if (table.complete && problems.stream().noneMatch(Problem::error)) {
            gaps(table, xml, problems);
        }
    }

    private void value(PolicyTable table, TableView view, TableView.Row r, int col, PolicyTable.Output out, List<Problem> problems) {
        String label = view.outputs().get(col).label();
        String cell = r.outputs().get(col).trim();
        Object value;
        try {
            value = cell.isEmpty() ? null : feel.evaluateSimpleExpression(cell, Variables.createVariables().asVariableContext());
        } catch (RuntimeException e) {
            return; // reported by the FEEL check of every table
        }
        String problem = null;
        if (value == null) {
            problem = msg("wb.problem.policy.empty", label);
        } else if (out.values() != null && !out.values().contains(String.valueOf(value))) {
            problem = msg("wb.problem.policy.value", cell, label, String.join("、", out.values().stream()
                    .map(v -> v.isEmpty() ? "\"\"" : "\"" + v + "\"").toList()));
        } else if (out.min() != null && value instanceof Number n && (!whole(n) || n.doubleValue() < out.min())) {
            // (a value that is no number at all is reported by the type check of every table)
            problem = msg("wb.problem.policy.whole", cell, label, out.min());
        } else if (out.ruleSet() && !recognition.ruleSets().contains(String.valueOf(value))) {
            problem = msg("wb.problem.policy.ruleSet", cell, label, String.join("、", recognition.ruleSets()));
        } else if (out == PolicyTable.Output.BASIS && String.valueOf(value).isBlank()) {
            problem = msg("wb.problem.policy.empty", label);
        }
        if (problem != null) {
            problems.add(new Problem(table.key, r.number(), r.id(), label, true, problem));
        }
    }

    /** Every combination of the inputs' values (rule sets, unit types, reasons, remedies) must hit a rule. */
    private void gaps(PolicyTable table, String xml, List<Problem> problems) {
        DmnDecision decision;
        try {
            decision = evaluation.decision(table, xml);
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(table.key, 0, null, null, true, msg("wb.problem.engine", e.getMessage())));
            return;
        }
        List<Map<String, Object>> combinations = new ArrayList<>();
        combinations.add(new LinkedHashMap<>());
        for (PolicyTable.Input in : table.inputs) {
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> c : combinations) {
                for (String v : in.domain().apply(recognition.ruleSets())) {
                    Map<String, Object> m = new LinkedHashMap<>(c);
                    m.put(in.variable(), v);
                    next.add(m);
                }
            }
            combinations = next;
        }
        int gaps = 0;
        for (Map<String, Object> c : combinations) {
            boolean hit;
            try {
                hit = evaluation.first(decision, c).isPresent();
            } catch (RuntimeException e) {
                hit = false;
            }
            if (!hit && gaps++ < NAMED_GAPS) {
                problems.add(new Problem(table.key, 0, null, null, true, msg("wb.problem.policy.gap", describe(c))));
            }
        }
        if (gaps > NAMED_GAPS) {
            problems.add(new Problem(table.key, 0, null, null, true, msg("wb.problem.policy.moreGaps", gaps - NAMED_GAPS)));
        }
    }

    private static String describe(Map<String, Object> inputs) {
        return String.join("，", inputs.entrySet().stream().map(e -> e.getKey() + " = \"" + e.getValue() + "\"").toList());
    }

    private static TableView view(PolicyTable table, DecisionTables tables) {
        return tables.views().stream().filter(v -> v.key().equals(table.key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no decision table " + table.key));
    }

    private static int column(TableView view, String output) {
        for (int i = 0; i < view.outputs().size(); i++) {
            if (Objects.equals(output, view.outputs().get(i).expression())) {
                return i;
            }
        }
        return -1;
    }

    private static boolean whole(Number n) {
        return n instanceof BigDecimal b ? b.stripTrailingZeros().scale() <= 0 : n.doubleValue() == Math.rint(n.doubleValue());
    }

    private String msg(String key, Object... args) {
        return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
    }
}
