package cn.xueshi.ruleedit;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Description;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.camunda.bpm.model.dmn.instance.Text;
import org.camunda.bpm.model.xml.instance.DomElement;

/** Reads and changes the decision tables of a DRD with Camunda's DMN model API (the XML stays Modeler-compatible). */
public final class DecisionTables {

    private final DmnModelInstance model;

    private DecisionTables(DmnModelInstance model) {
        this.model = model;
    }

    /** Parses a DRD; an unreadable one throws {@link IllegalArgumentException} with the parser's reason. */
    public static DecisionTables parse(String xml) {
        try {
            return new DecisionTables(Dmn.readModelFromStream(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))));
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            throw new IllegalArgumentException(root.getMessage() == null ? e.toString() : root.getMessage(), e);
        }
    }

    public String xml() {
        return Dmn.convertToString(model);
    }

    public DmnModelInstance model() {
        return model;
    }

    public Collection<Decision> decisions() {
        return model.getModelElementsByType(Decision.class);
    }

    public List<TableView> views() {
        List<TableView> views = new ArrayList<>();
        for (Decision d : decisions()) {
            DecisionTable t = table(d);
            if (t == null) {
                continue;
            }
            List<TableView.Column> inputs = new ArrayList<>();
            for (Input in : t.getInputs()) {
                inputs.add(new TableView.Column(in.getId(), in.getLabel(),
                        in.getInputExpression() == null ? "" : text(in.getInputExpression().getText()),
                        in.getInputExpression() == null ? null : in.getInputExpression().getTypeRef()));
            }
            List<TableView.Column> outputs = new ArrayList<>();
            for (Output out : t.getOutputs()) {
                outputs.add(new TableView.Column(out.getId(), out.getLabel(), out.getName(), out.getTypeRef()));
            }
            List<TableView.Row> rows = new ArrayList<>();
            int n = 1;
            for (Rule r : t.getRules()) {
                rows.add(new TableView.Row(n++, r.getId(), description(r),
                        r.getInputEntries().stream().map(e -> text(e.getText())).toList(),
                        r.getOutputEntries().stream().map(e -> text(e.getText())).toList()));
            }
            views.add(new TableView(d.getId(), d.getName(), t.getHitPolicy() == null ? "UNIQUE" : t.getHitPolicy().name(),
                    d.getDescription() == null ? null : d.getDescription().getTextContent(), inputs, outputs, rows));
        }
        return views;
    }

    // ---------------------------------------------------------------- changes

    /**
     * Applies the posted cells of one decision: keys {@code in:RULE:COL}, {@code out:RULE:COL}, {@code desc:RULE}.
     * Returns how many cells changed.
     */
    public int applyCells(String decisionKey, Map<String, String> cells) {
        DecisionTable t = requireTable(decisionKey);
        int changed = 0;
        for (Rule r : t.getRules()) {
            List<InputEntry> ins = new ArrayList<>(r.getInputEntries());
            for (int i = 0; i < ins.size(); i++) {
                String v = cells.get("in:" + r.getId() + ":" + i);
                if (v != null && !v.equals(text(ins.get(i).getText()))) {
                    setText(ins.get(i).getText(), ins.get(i), v);
                    changed++;
                }
            }
            List<OutputEntry> outs = new ArrayList<>(r.getOutputEntries());
            for (int i = 0; i < outs.size(); i++) {
                String v = cells.get("out:" + r.getId() + ":" + i);
                if (v != null && !v.equals(text(outs.get(i).getText()))) {
                    setText(outs.get(i).getText(), outs.get(i), v);
                    changed++;
                }
            }
            String desc = cells.get("desc:" + r.getId());
            if (desc != null && !desc.equals(description(r))) {
                Description d = r.getDescription();
                if (d == null) {
                    d = model.newInstance(Description.class);
                    r.setDescription(d);
                }
                d.setTextContent(desc);
                changed++;
            }
        }
        return changed;
    }

    /** Adds a copy of {@code afterRuleId} right below it (or an empty rule at the end) and returns its id. */
    public String addRule(String decisionKey, String afterRuleId) {
        DecisionTable t = requireTable(decisionKey);
        Rule after = afterRuleId == null ? null : rule(t, afterRuleId);
        String id = "rule-" + UUID.randomUUID().toString().substring(0, 8);
        Rule rule = model.newInstance(Rule.class, id);
        Description d = model.newInstance(Description.class);
        d.setTextContent(after == null ? "" : description(after));
        rule.setDescription(d);
        List<InputEntry> srcIn = after == null ? List.of() : new ArrayList<>(after.getInputEntries());
        for (int i = 0; i < t.getInputs().size(); i++) {
            InputEntry e = model.newInstance(InputEntry.class, id + "-i-" + i);
            Text text = model.newInstance(Text.class);
            text.setTextContent(after == null ? "-" : text(srcIn.get(i).getText()));
            e.setText(text);
            rule.getInputEntries().add(e);
        }
        List<OutputEntry> srcOut = after == null ? List.of() : new ArrayList<>(after.getOutputEntries());
        for (int i = 0; i < t.getOutputs().size(); i++) {
            OutputEntry e = model.newInstance(OutputEntry.class, id + "-o-" + i);
            Text text = model.newInstance(Text.class);
            text.setTextContent(after == null ? "" : text(srcOut.get(i).getText()));
            e.setText(text);
            rule.getOutputEntries().add(e);
        }
        if (after == null) {
            t.getRules().add(rule);
        } else {
            t.getDomElement().insertChildElementAfter(rule.getDomElement(), after.getDomElement());
        }
        return id;
    }

    public void removeRule(String decisionKey, String ruleId) {
        DecisionTable t = requireTable(decisionKey);
        t.getRules().remove(rule(t, ruleId));
    }

    /** Moves a rule one place up ({@code -1}) or down ({@code +1}); the order matters under FIRST. */
    public void moveRule(String decisionKey, String ruleId, int direction) {
        DecisionTable t = requireTable(decisionKey);
        List<Rule> rules = new ArrayList<>(t.getRules());
        int i = rules.indexOf(rule(t, ruleId));
        int j = i + direction;
        if (j < 0 || j >= rules.size()) {
            return;
        }
        Rule upper = rules.get(Math.min(i, j));
        Rule lower = rules.get(Math.max(i, j));
        DomElement table = t.getDomElement();
        table.removeChild(upper.getDomElement());
        table.insertChildElementAfter(upper.getDomElement(), lower.getDomElement());
    }

    // ---------------------------------------------------------------- helpers

    public static DecisionTable table(Decision d) {
        return d.getExpression() instanceof DecisionTable t ? t : null;
    }

    public DecisionTable requireTable(String decisionKey) {
        Decision d = model.getModelElementById(decisionKey);
        DecisionTable t = d == null ? null : table(d);
        if (t == null) {
            throw new IllegalArgumentException("no decision table " + decisionKey);
        }
        return t;
    }

    private static Rule rule(DecisionTable t, String ruleId) {
        return t.getRules().stream().filter(r -> r.getId().equals(ruleId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no rule " + ruleId));
    }

    public static String description(Rule r) {
        return r.getDescription() == null || r.getDescription().getTextContent() == null ? ""
                : r.getDescription().getTextContent();
    }

    public static String text(Text t) {
        return t == null || t.getTextContent() == null ? "" : t.getTextContent();
    }

    private void setText(Text existing, org.camunda.bpm.model.dmn.instance.UnaryTests entry, String value) {
        if (existing != null) {
            existing.setTextContent(value);
        } else {
            Text t = model.newInstance(Text.class);
            t.setTextContent(value);
            entry.setText(t);
        }
    }

    private void setText(Text existing, OutputEntry entry, String value) {
        if (existing != null) {
            existing.setTextContent(value);
        } else {
            Text t = model.newInstance(Text.class);
            t.setTextContent(value);
            entry.setText(t);
        }
    }
}
