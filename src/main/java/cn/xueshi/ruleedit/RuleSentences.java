package cn.xueshi.ruleedit;

import cn.xueshi.rules.RateWords;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Reads a decision table's rows as Chinese sentences, in the words of the 学时认定标准 page
 * ({@link RateWords}): item rows by their formula terms (per item, per day, per hour, per characters, fixed
 * hours, caps, cap groups), cap rows, activity type rows, and any other table by its filled cells. Cells
 * that accept anything are left out; enum values are shown by their Chinese names.
 */
@Component
public class RuleSentences {

    private static final Locale ZH = Locale.SIMPLIFIED_CHINESE;
    public static final String SEPARATOR = " · ";

    private final RateWords words;
    private final MessageSource messages;

    public RuleSentences(RateWords words, MessageSource messages) {
        this.words = words;
        this.messages = messages;
    }

    public List<Sentence> of(TableView table, Vocabulary v) {
        return table.rows().stream().map(r -> of(table, r, v)).toList();
    }

    public Sentence of(TableView table, TableView.Row row, Vocabulary v) {
        String key = table.key();
        if (key.equals(v.ruleSet() + "-items")) {
            return item(table, row, v);
        }
        if (key.equals(v.ruleSet() + "-caps")) {
            return cap(table, row);
        }
        if (key.equals(v.ruleSet() + "-activity-types")) {
            return activityType(table, row, v);
        }
        return generic(table, row, v);
    }

    // ---------------------------------------------------------------- row kinds

    private Sentence item(TableView t, TableView.Row r, Vocabulary v) {
        List<String> parts = new ArrayList<>();
        List<String> types = List.of();
        for (int i = 0; i < t.inputs().size() && i < r.inputs().size(); i++) {
            String cell = r.inputs().get(i);
            if (i == 0) {
                Condition c = Condition.parse(cell);
                if (c instanceof Condition.Texts texts && !texts.negated()) {
                    types = List.copyOf(texts.values());
                    parts.add(String.join(msg("sentence.or"), types.stream().map(v::typeName).toList()));
                } else if (!(c instanceof Condition.Any)) {
                    parts.add(condition(t.inputs().get(i), cell, v));
                }
                continue;
            }
            if (!FeelText.any(cell)) {
                parts.add(condition(t.inputs().get(i), cell, v));
            }
        }
        Map<String, String> terms = terms(t, r);
        String formula = words.formula(terms, v.caps());
        String fullYear = terms.get("fullYear");
        String result = fullYear != null && !"NONE".equals(fullYear) ? formula
                : msg("sentence.item.result", formula, words.subject(terms));
        return new Sentence(r.id(), r.number(), types, String.join(SEPARATOR, parts), result, basis(t, r), cells(t, r));
    }

    private Sentence cap(TableView t, TableView.Row r) {
        String name = RuleVocabulary.output(t, r, "nameZh");
        String group = RuleVocabulary.output(t, r, "capGroup");
        return new Sentence(r.id(), r.number(), List.of(),
                msg("sentence.cap.condition", name.isEmpty() ? group : name),
                msg("sentence.cap.result", RuleVocabulary.output(t, r, "cap")), basis(t, r), cells(t, r));
    }

    private Sentence activityType(TableView t, TableView.Row r, Vocabulary v) {
        String code = RuleVocabulary.output(t, r, "code");
        List<String> params = new ArrayList<>();
        for (String token : RuleVocabulary.output(t, r, "parameters").split(",")) {
            String spec = token.trim();
            if (spec.isEmpty()) {
                continue;
            }
            boolean optional = spec.contains("?");
            String names = spec.replaceAll("[?].*$", "").replaceAll("=.*$", "");
            String named = String.join(msg("sentence.or"),
                    java.util.Arrays.stream(names.split("/")).map(String::trim).map(v::parameterName).toList());
            params.add(optional ? msg("sentence.type.optional", named) : named);
        }
        String result = params.isEmpty() ? msg("sentence.type.noParameters")
                : msg("sentence.type.parameters", String.join("、", params));
        return new Sentence(r.id(), r.number(), code.isEmpty() ? List.of() : List.of(code),
                msg("sentence.type.condition", RuleVocabulary.output(t, r, "nameZh"), code), result, basis(t, r), cells(t, r));
    }

    private Sentence generic(TableView t, TableView.Row r, Vocabulary v) {
        List<String> conditions = new ArrayList<>();
        for (int i = 0; i < t.inputs().size() && i < r.inputs().size(); i++) {
            if (!FeelText.any(r.inputs().get(i))) {
                conditions.add(condition(t.inputs().get(i), r.inputs().get(i), v));
            }
        }
        List<String> outputs = new ArrayList<>();
        for (int i = 0; i < t.outputs().size() && i < r.outputs().size(); i++) {
            String cell = r.outputs().get(i);
            if (!FeelText.blank(cell) && !"basis".equals(t.outputs().get(i).expression())) {
                outputs.add(msg("sentence.cell", t.outputs().get(i).label(),
                        value(t.outputs().get(i).expression(), t.outputs().get(i).typeRef(), cell)));
            }
        }
        return new Sentence(r.id(), r.number(), List.of(), String.join("，", conditions),
                outputs.isEmpty() ? msg("sentence.nothing") : String.join("，", outputs), basis(t, r), cells(t, r));
    }

    // ---------------------------------------------------------------- pieces

    /** One condition cell in words: enum values by name ("省级刊物"、"第一作者或通讯作者"), others "标签：值". */
    public String condition(TableView.Column column, String cell, Vocabulary v) {
        String variable = column.expression() == null ? "" : column.expression().trim();
        Condition c = Condition.parse(cell);
        if (c instanceof Condition.Texts texts) {
            String names = String.join(msg("sentence.or"), texts.values().stream().map(x -> v.valueName(variable, x)).toList());
            if (texts.negated()) {
                return msg("sentence.cell", column.label(), msg("sentence.not", names));
            }
            return v.isEnum(variable) ? names : msg("sentence.cell", column.label(), names);
        }
        return words.condition(column.label(), cell.trim());
    }

    private String value(String name, String typeRef, String cell) {
        String t = cell.trim();
        if ("aggregation".equals(name) && FeelText.isString(t)) {
            // the same words as the 学时认定标准 page
            return messages.getMessage("rules.standards.aggregation." + FeelText.unquote(t), null, FeelText.unquote(t), ZH);
        }
        if ("boolean".equals(typeRef) && (t.equals("true") || t.equals("false"))) {
            return msg(t.equals("true") ? "rules.words.yes" : "rules.words.no");
        }
        return FeelText.unquote(t);
    }

    /** The formula terms a row fills, unquoted, by output name (the basis is not a term). */
    public static Map<String, String> terms(TableView t, TableView.Row r) {
        Map<String, String> terms = new LinkedHashMap<>();
        for (int i = 0; i < t.outputs().size() && i < r.outputs().size(); i++) {
            String name = t.outputs().get(i).expression();
            String cell = r.outputs().get(i);
            if (!FeelText.blank(cell) && !"basis".equals(name)) {
                terms.put(name, FeelText.unquote(cell));
            }
        }
        return terms;
    }

    private static String basis(TableView t, TableView.Row r) {
        String basis = RuleVocabulary.output(t, r, "basis");
        return basis.isEmpty() ? r.description() : basis;
    }

    private static List<Sentence.Cell> cells(TableView t, TableView.Row r) {
        List<Sentence.Cell> cells = new ArrayList<>();
        for (int i = 0; i < t.inputs().size() && i < r.inputs().size(); i++) {
            if (!FeelText.any(r.inputs().get(i))) {
                cells.add(new Sentence.Cell(t.inputs().get(i).label(), r.inputs().get(i).trim()));
            }
        }
        for (int i = 0; i < t.outputs().size() && i < r.outputs().size(); i++) {
            if (!FeelText.blank(r.outputs().get(i)) && !"basis".equals(t.outputs().get(i).expression())) {
                cells.add(new Sentence.Cell(t.outputs().get(i).label(), r.outputs().get(i).trim()));
            }
        }
        return cells;
    }

    private String msg(String key, Object... args) {
        return messages.getMessage(key, args, key, ZH);
    }
}
