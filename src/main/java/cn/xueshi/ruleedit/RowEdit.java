package cn.xueshi.ruleedit;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.util.MultiValueMap;

/**
 * The typed form of one rule (规则行编辑): a pick list per enum condition, a number field per coefficient, a pick
 * list for the subject, full-year credit and cap group, a text field per string, and for every cell an expert
 * FEEL field. Posted values become FEEL cells ({@code in:RULE:i}, {@code out:RULE:i}, {@code desc:RULE}) for
 * {@link DecisionTables#applyCells}; bad ones get a Chinese message per field and are kept as typed.
 *
 * <p>Form names: {@code t:KEY} the typed value(s), {@code f:KEY} the expert FEEL text, {@code o:KEY} the cell as
 * the form was opened (to notice that someone else changed it meanwhile). KEY is {@code in:i} or {@code out:i}.
 * An expert text that differs from the opened cell wins over the typed value.
 */
public final class RowEdit {

    public enum Kind { MULTI, BOOLEAN, NUMBER, CHOICE, TEXT, FEEL }

    public record Option(String code, String label) {
    }

    /** One field of the form; {@code selected}/{@code value}/{@code feel} hold what is shown (opened or typed). */
    public record Field(String key, String label, String name, Kind kind, List<Option> options, List<String> selected,
            String value, String feel, String original, BigDecimal min, BigDecimal max, boolean integer) {

        public boolean isSelected(String code) {
            return selected.contains(code);
        }

        /** The range of a number field in words ("0–1000"); empty for other fields. */
        public String range() {
            return min == null || max == null ? "" : FeelText.number(min) + "–" + FeelText.number(max);
        }

        /** A condition (input) rather than a result (output) cell. */
        public boolean input() {
            return key.startsWith("in:");
        }

        /** The HTML id of the typed field ({@code t-in-0}). */
        public String htmlId() {
            return "t-" + key.replace(':', '-');
        }

        /** Whether the expert FEEL field is to be shown open (FEEL-only cell, or expert text already typed). */
        public boolean expertOpen() {
            return kind == Kind.FEEL || !feel.equals(original);
        }
    }

    /** What a posted form amounts to: the cells to write, the messages per field key ("" = the whole row), the form again. */
    public record Parsed(Map<String, String> cells, Map<String, String> errors, List<Field> fields, String description) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    public static final List<String> SUBJECTS = List.of("PUBLIC", "PROFESSIONAL", "CHOSEN", "SPLIT");
    public static final List<String> FULL_YEARS = List.of("PUBLIC", "PROFESSIONAL", "ALL");
    /** The longest rule description (说明) a form may save; the workbench's comments have the same bound. */
    public static final int MAX_DESCRIPTION = 2000;
    private static final Locale ZH = Locale.SIMPLIFIED_CHINESE;

    private final TableView table;
    private final TableView.Row row;
    private final Vocabulary vocabulary;
    private final RuleEditProperties limits;
    private final MessageSource messages;

    public RowEdit(TableView table, TableView.Row row, Vocabulary vocabulary, RuleEditProperties limits, MessageSource messages) {
        this.table = table;
        this.row = row;
        this.vocabulary = vocabulary;
        this.limits = limits;
        this.messages = messages;
    }

    public TableView table() {
        return table;
    }

    public TableView.Row row() {
        return row;
    }

    /** The form as opened: every field shows the rule's current cell. */
    public List<Field> fields() {
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < table.inputs().size(); i++) {
            fields.add(input(i, row.inputs().get(i)));
        }
        for (int i = 0; i < table.outputs().size(); i++) {
            fields.add(output(i, row.outputs().get(i)));
        }
        return fields;
    }

    private Field input(int i, String cell) {
        TableView.Column col = table.inputs().get(i);
        String key = "in:" + i;
        String variable = col.expression() == null ? "" : col.expression().trim();
        List<Option> options = null;
        if (i == 0 && table.key().equals(vocabulary.ruleSet() + "-items")) {
            options = vocabulary.typeNames().entrySet().stream().map(e -> new Option(e.getKey(), e.getValue())).toList();
        } else if (vocabulary.isEnum(variable)) {
            // the rule set's values, and any other named value the cell already holds
            java.util.Set<String> codes = new java.util.LinkedHashSet<>(vocabulary.values(variable));
            if (Condition.parse(cell) instanceof Condition.Texts t && !t.negated()) {
                t.values().stream().filter(x -> vocabulary.enumNames().getOrDefault(variable, Map.of()).containsKey(x)).forEach(codes::add);
            }
            options = codes.stream().map(c -> new Option(c, vocabulary.valueName(variable, c))).toList();
        }
        Condition c = Condition.parse(cell);
        if (options != null) {
            if (c instanceof Condition.Any) {
                return field(key, col, Kind.MULTI, options, List.of(), "", cell, null, null, false);
            }
            List<String> codes = options.stream().map(Option::code).toList();
            if (c instanceof Condition.Texts t && !t.negated() && codes.containsAll(t.values())) {
                return field(key, col, Kind.MULTI, options, List.copyOf(t.values()), "", cell, null, null, false);
            }
        } else if ("boolean".equals(col.typeRef())) {
            String t = cell == null ? "" : cell.trim();
            if (FeelText.any(t) || t.equals("true") || t.equals("false")) {
                List<Option> yesNo = List.of(new Option("true", msg("rules.words.yes")), new Option("false", msg("rules.words.no")));
                return field(key, col, Kind.BOOLEAN, yesNo, FeelText.any(t) ? List.of() : List.of(t), "", cell, null, null, false);
            }
        }
        return field(key, col, Kind.FEEL, List.of(), List.of(), "", cell, null, null, false);
    }

    private Field output(int i, String cell) {
        TableView.Column col = table.outputs().get(i);
        String key = "out:" + i;
        String name = col.expression() == null ? "" : col.expression();
        String t = cell == null ? "" : cell.trim();
        String type = col.typeRef() == null ? "string" : col.typeRef();
        boolean numeric = switch (type) {
            case "double", "integer", "long" -> true;
            default -> false;
        };
        if (numeric) {
            if (t.isEmpty() || FeelText.isNumber(t)) {
                return field(key, col, Kind.NUMBER, List.of(), List.of(), t, cell, limits.min(), limits.maxOf(name),
                        !type.equals("double"));
            }
            return field(key, col, Kind.FEEL, List.of(), List.of(), "", cell, null, null, false);
        }
        if (!"string".equals(type) || !(t.isEmpty() || FeelText.isString(t))) {
            return field(key, col, Kind.FEEL, List.of(), List.of(), "", cell, null, null, false);
        }
        List<Option> options = choices(name);
        String text = FeelText.unquote(t);
        if (options != null && (text.isEmpty() || options.stream().anyMatch(o -> o.code().equals(text)))) {
            return field(key, col, Kind.CHOICE, options, text.isEmpty() ? List.of() : List.of(text), "", cell, null, null, false);
        }
        return field(key, col, Kind.TEXT, List.of(), List.of(), text, cell, null, null, false);
    }

    /** The values an item row's subject, full-year credit and cap group may take, with their Chinese names. */
    private List<Option> choices(String output) {
        if (!table.key().equals(vocabulary.ruleSet() + "-items")) {
            return null;
        }
        return switch (output) {
            case "subject" -> SUBJECTS.stream().map(s -> new Option(s, msg("rules.words.subject." + s))).toList();
            case "fullYear" -> FULL_YEARS.stream().map(s -> new Option(s, msg("rules.words.subject.fullYear." + s))).toList();
            case "capGroup" -> vocabulary.caps().values().stream()
                    .map(c -> new Option(c.group(), msg("sentence.edit.capOption", c.nameZh(), FeelText.number(c.cap())))).toList();
            default -> null;
        };
    }

    private Field field(String key, TableView.Column col, Kind kind, List<Option> options, List<String> selected, String value,
            String cell, BigDecimal min, BigDecimal max, boolean integer) {
        String feel = cell == null ? "" : cell;
        return new Field(key, col.label(), col.expression(), kind, options, selected, value, feel, feel, min, max, integer);
    }

    // ---------------------------------------------------------------- posted form

    public Parsed parse(MultiValueMap<String, String> form) {
        Map<String, String> cells = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        List<Field> shown = new ArrayList<>();
        for (Field f : fields()) {
            String opened = form.getFirst("o:" + f.key());
            if (opened == null) {
                // a field the form did not carry stays as it is
                shown.add(f);
                continue;
            }
            if (!opened.equals(f.original())) {
                errors.put("", msg("sentence.edit.stale"));
            }
            String expert = form.getFirst("f:" + f.key());
            List<String> typed = form.getOrDefault("t:" + f.key(), List.of()).stream().filter(s -> s != null && !s.isEmpty()).toList();
            String typedOne = form.getFirst("t:" + f.key());
            String cell;
            String error = null;
            if (expert != null && !expert.equals(f.original())) {
                cell = expert;
            } else {
                cell = switch (f.kind()) {
                    case FEEL -> f.original();
                    case MULTI -> {
                        List<String> codes = f.options().stream().map(Option::code).toList();
                        if (!codes.containsAll(typed)) {
                            error = msg("sentence.edit.notListed");
                            yield f.original();
                        }
                        yield typed.isEmpty() ? "-" : String.join(",", typed.stream().map(FeelText::quote).toList());
                    }
                    case BOOLEAN -> {
                        if (typed.isEmpty()) {
                            yield "-";
                        }
                        if (!typed.get(0).equals("true") && !typed.get(0).equals("false")) {
                            error = msg("sentence.edit.notListed");
                            yield f.original();
                        }
                        yield typed.get(0);
                    }
                    case CHOICE -> {
                        if (typed.isEmpty()) {
                            yield "";
                        }
                        if (f.options().stream().noneMatch(o -> o.code().equals(typed.get(0)))) {
                            error = msg("sentence.edit.notListed");
                            yield f.original();
                        }
                        yield FeelText.quote(typed.get(0));
                    }
                    case TEXT -> typedOne == null ? f.original() : typedOne.isEmpty() ? "" : FeelText.quote(typedOne);
                    case NUMBER -> {
                        String s = typedOne == null ? "" : typedOne.trim();
                        if (s.isEmpty()) {
                            yield "";
                        }
                        error = numberError(f, s);
                        yield error == null ? FeelText.number(new BigDecimal(s)) : f.original();
                    }
                };
            }
            if (error != null) {
                errors.put(f.key(), error);
            }
            // the form again with what was typed, so a correction starts from it
            shown.add(new Field(f.key(), f.label(), f.name(), f.kind(), f.options(),
                    f.kind() == Kind.NUMBER || f.kind() == Kind.TEXT ? f.selected() : typed,
                    typedOne == null ? f.value() : typedOne, expert == null ? f.feel() : expert, f.original(), f.min(), f.max(),
                    f.integer()));
            if (!cell.equals(f.original())) {
                cells.put(f.key().replaceFirst(":", ":" + row.id() + ":"), cell);
            }
        }
        String desc = form.getFirst("desc");
        if (desc != null && !desc.equals(row.description())) {
            if (desc.length() > MAX_DESCRIPTION) {
                errors.put("desc", msg("sentence.edit.tooLong", String.valueOf(MAX_DESCRIPTION)));
            } else {
                cells.put("desc:" + row.id(), desc);
            }
        }
        return new Parsed(cells, errors, shown, desc == null ? row.description() : desc);
    }

    private String numberError(Field f, String s) {
        if (!FeelText.isNumber(s) || s.length() > 20) {
            return msg("sentence.edit.notNumber");
        }
        BigDecimal v = new BigDecimal(s);
        if (f.integer() && v.stripTrailingZeros().scale() > 0) {
            return msg("sentence.edit.notInteger");
        }
        if (v.compareTo(f.min()) < 0) {
            return msg("sentence.edit.belowMin", FeelText.number(f.min()));
        }
        if (v.compareTo(f.max()) > 0) {
            return msg("sentence.edit.aboveMax", FeelText.number(f.max()));
        }
        return null;
    }

    private String msg(String key, Object... args) {
        return messages.getMessage(key, args, key, ZH);
    }
}
