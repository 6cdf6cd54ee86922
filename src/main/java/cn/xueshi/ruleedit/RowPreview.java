package cn.xueshi.ruleedit;

import cn.xueshi.rules.ActivityType;
import cn.xueshi.rules.FeelOnlyGuard;
import cn.xueshi.rules.ItemResult;
import cn.xueshi.rules.RecognitionRequest;
import cn.xueshi.rules.RecognitionService;
import cn.xueshi.rules.RuleSetStandards;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * What a typed row edit would change, before it is saved: the rule's sentence before → after, and the hours
 * of a few sample items of its activity type under the model as it is and as it would be. Shared by the analysts'
 * workbench (a draft of a reference set) and the maintainers' derived sets (the effective model of their draft):
 * each says through {@link Model} what its model is, how a changed one is checked and how it is priced.
 */
@Component
public class RowPreview {

    private static final Locale ZH = Locale.SIMPLIFIED_CHINESE;

    private final RuleSentences sentences;
    private final RuleVocabulary vocabularies;
    private final RuleEditProperties limits;
    private final MessageSource messages;

    public RowPreview(RuleSentences sentences, RuleVocabulary vocabularies, RuleEditProperties limits,
            MessageSource messages) {
        this.sentences = sentences;
        this.vocabularies = vocabularies;
        this.limits = limits;
        this.messages = messages;
    }

    /** The model being edited, as its owner (workbench draft, derived set) knows it. */
    public interface Model {

        /** The rule set the model's decisions are named by ({@code <ruleSet>-items}). */
        String ruleSet();

        /** The model's DRD as it is now. */
        String xml();

        /** The errors of one rule in a changed model (FEEL, types): column label (null = the row) and message. */
        List<CellProblem> problems(String changedXml, String ruleId);

        /** A recognition service that prices by a (changed) model, for the sample items. */
        RecognitionService pricing(String xml);
    }

    /** One error of a rule's cell; {@code column} is the column's label, null for the whole row. */
    public record CellProblem(String column, String message) {
    }

    /** A sample item: its parameters in words and its hours before and after ("-" where it gets none by this rule). */
    public record Sample(String item, String before, String after) {
        public boolean changed() {
            return !before.equals(after);
        }
    }

    /** The preview; {@code errors} are the FEEL problems of the rule's cells by field key ("" = the row). */
    public record Result(String before, String after, List<Sample> samples, Map<String, String> errors, String afterXml) {
    }

    /** The editor of a rule of a model, or null when the model has no such rule. */
    public RowEdit editor(Model model, String decisionKey, String ruleId) {
        List<TableView> tables = DecisionTables.parse(model.xml()).views();
        TableView table = tables.stream().filter(t -> t.key().equals(decisionKey)).findFirst().orElse(null);
        TableView.Row row = table == null ? null
                : table.rows().stream().filter(r -> r.id().equals(ruleId)).findFirst().orElse(null);
        return row == null ? null : new RowEdit(table, row, vocabularies.of(model.ruleSet(), tables), limits, messages);
    }

    public Result preview(Model model, RowEdit edit, Map<String, String> cells) {
        String ruleSet = model.ruleSet();
        String xml = model.xml();
        Vocabulary before = vocabularies.of(ruleSet, DecisionTables.parse(xml).views());
        String beforeText = sentences.of(edit.table(), edit.row(), before).text();
        DecisionTables changed = DecisionTables.parse(xml);
        Map<String, String> errors = new LinkedHashMap<>();
        try {
            changed.applyCells(edit.table().key(), cells);
        } catch (IllegalArgumentException e) {
            errors.put("", msg("sentence.edit.gone"));
            return new Result(beforeText, beforeText, List.of(), errors, xml);
        }
        List<FeelOnlyGuard.Violation> unsafe = FeelOnlyGuard.check(changed.model());
        if (!unsafe.isEmpty()) {
            errors.put("", String.join("；", unsafe.stream().map(u -> u.message(ZH)).toList()));
            return new Result(beforeText, beforeText, List.of(), errors, xml);
        }
        String afterXml = changed.xml();
        List<TableView> afterTables = changed.views();
        TableView afterTable = afterTables.stream().filter(t -> t.key().equals(edit.table().key())).findFirst().orElseThrow();
        TableView.Row afterRow = afterTable.rows().stream().filter(r -> r.id().equals(edit.row().id())).findFirst().orElseThrow();
        String afterText = sentences.of(afterTable, afterRow, vocabularies.of(ruleSet, afterTables)).text();
        for (CellProblem p : model.problems(afterXml, edit.row().id())) {
            errors.merge(fieldOf(edit, p.column()), p.message(), (a, b) -> a + "；" + b);
        }
        List<Sample> samples = errors.isEmpty() ? samples(model, edit, xml, afterXml) : List.of();
        return new Result(beforeText, afterText, samples, errors, afterXml);
    }

    private static String fieldOf(RowEdit edit, String column) {
        if (column == null) {
            return "";
        }
        for (int i = 0; i < edit.table().inputs().size(); i++) {
            if (column.equals(edit.table().inputs().get(i).label())) {
                return "in:" + i;
            }
        }
        for (int i = 0; i < edit.table().outputs().size(); i++) {
            if (column.equals(edit.table().outputs().get(i).label())) {
                return "out:" + i;
            }
        }
        return "";
    }

    // ---------------------------------------------------------------- sample items

    private List<Sample> samples(Model model, RowEdit edit, String beforeXml, String afterXml) {
        String ruleSet = model.ruleSet();
        if (!edit.table().key().equals(ruleSet + "-items")) {
            return List.of();
        }
        Condition typeCell = Condition.parse(edit.row().inputs().isEmpty() ? "-" : edit.row().inputs().get(0));
        if (!(typeCell instanceof Condition.Texts t) || t.negated()) {
            return List.of();
        }
        RecognitionService before;
        RecognitionService after;
        try {
            before = model.pricing(beforeXml);
            after = model.pricing(afterXml);
        } catch (RuntimeException e) {
            return List.of();
        }
        String code = t.values().iterator().next();
        ActivityType type = before.activityTypes(ruleSet).stream().filter(a -> a.code().equals(code)).findFirst().orElse(null);
        RuleSetStandards standards = before.standards(ruleSet).orElse(null);
        if (type == null || standards == null) {
            return List.of();
        }
        List<Sample> samples = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int n = 0; n < limits.sampleCount() && samples.size() < limits.sampleCount(); n++) {
            for (Map<String, Object> item : candidates(type, edit, n)) {
                String words = words(type, item);
                if (samples.size() >= limits.sampleCount() || !seen.add(words)) {
                    continue;
                }
                ItemResult b = evaluate(before, ruleSet, standards.firstYear(), item);
                ItemResult a = evaluate(after, ruleSet, standards.firstYear(), item);
                boolean mine = (b != null && edit.row().id().equals(b.ruleId())) || (a != null && edit.row().id().equals(a.ruleId()));
                if (mine) {
                    samples.add(new Sample(words, hours(b, edit), hours(a, edit)));
                }
            }
        }
        return samples;
    }

    /** Items of the type for the n-th sample: one per way of giving its parameters (each alternative, with the optional ones). */
    private List<Map<String, Object>> candidates(ActivityType type, RowEdit edit, int n) {
        Map<String, List<ActivityType.Parameter>> groups = new LinkedHashMap<>();
        List<ActivityType.Parameter> required = new ArrayList<>();
        List<ActivityType.Parameter> optional = new ArrayList<>();
        for (ActivityType.Parameter p : type.parameters()) {
            if (p.oneOfGroup() != null) {
                groups.computeIfAbsent(p.oneOfGroup(), k -> new ArrayList<>()).add(p);
            } else if (p.required()) {
                required.add(p);
            } else {
                optional.add(p);
            }
        }
        List<List<ActivityType.Parameter>> variants = new ArrayList<>();
        List<ActivityType.Parameter> base = new ArrayList<>(required);
        groups.values().forEach(g -> base.add(g.get(0)));
        variants.add(base);
        for (List<ActivityType.Parameter> g : groups.values()) {
            for (ActivityType.Parameter alt : g.subList(1, g.size())) {
                List<ActivityType.Parameter> v = new ArrayList<>(base);
                v.set(v.indexOf(g.get(0)), alt);
                variants.add(v);
            }
        }
        if (!optional.isEmpty()) {
            List<ActivityType.Parameter> v = new ArrayList<>(base);
            v.addAll(optional);
            variants.add(v);
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (List<ActivityType.Parameter> v : variants) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("activityType", type.code());
            for (ActivityType.Parameter p : v) {
                item.put(p.name(), value(p, edit, n));
            }
            items.add(item);
        }
        return items;
    }

    /** An enum parameter takes the first value the rule accepts (its first value otherwise); a number its sample value. */
    private Object value(ActivityType.Parameter p, RowEdit edit, int n) {
        if (p.kind() == ActivityType.Kind.ENUM) {
            for (int i = 0; i < edit.table().inputs().size(); i++) {
                if (p.name().equals(edit.table().inputs().get(i).expression())
                        && Condition.parse(edit.row().inputs().get(i)) instanceof Condition.Texts t && !t.negated()) {
                    String first = t.values().stream().filter(p::accepts).findFirst().orElse(null);
                    if (first != null) {
                        return first;
                    }
                }
            }
            return p.values().isEmpty() ? "" : p.values().get(0).code();
        }
        BigDecimal v = limits.sample(p.name(), n);
        if (p.min() != null && v.compareTo(p.min()) < 0) {
            v = p.min();
        }
        if (p.max() != null && v.compareTo(p.max()) > 0) {
            v = p.max();
        }
        return p.kind() == ActivityType.Kind.INTEGER ? (Object) v.intValue() : v;
    }

    private static ItemResult evaluate(RecognitionService service, String ruleSet, int year, Map<String, Object> item) {
        try {
            return service.evaluate(new RecognitionRequest(ruleSet, year, List.of(item))).items().get(0);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private String hours(ItemResult r, RowEdit edit) {
        if (r == null || !edit.row().id().equals(r.ruleId())) {
            return msg("sentence.sample.otherRule");
        }
        if (r.fullYear() != null && !"NONE".equals(r.fullYear())) {
            return msg("rules.words.subject.fullYear." + r.fullYear());
        }
        return msg("sentence.sample.hours", FeelText.number(r.hours()));
    }

    private String words(ActivityType type, Map<String, Object> item) {
        List<String> parts = new ArrayList<>();
        item.forEach((k, v) -> {
            if (!k.equals("activityType")) {
                ActivityType.Parameter p = type.parameter(k);
                String value = v instanceof BigDecimal b ? FeelText.number(b) : String.valueOf(v);
                parts.add(msg("sentence.cell", p.nameZh(), p.valueName(value, "zh")));
            }
        });
        return type.nameZh() + (parts.isEmpty() ? "" : "（" + String.join("，", parts) + "）");
    }

    private String msg(String key, Object... args) {
        return messages.getMessage(key, args, key, ZH);
    }
}
