package cn.xueshi.ruleedit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * A draft against the version in force, in words, row by row: "论文 · 省级刊物 · 第一作者：26 学时 → 30 学时",
 * added and removed rules, changed bases, a new order.
 */
@Component
public class WordDiff {

    private static final Locale ZH = Locale.SIMPLIFIED_CHINESE;

    private final RuleSentences sentences;
    private final RuleVocabulary vocabularies;
    private final MessageSource messages;

    public WordDiff(RuleSentences sentences, RuleVocabulary vocabularies, MessageSource messages) {
        this.sentences = sentences;
        this.vocabularies = vocabularies;
        this.messages = messages;
    }

    public enum Kind { CHANGED, ADDED, REMOVED, BASIS, ORDER }

    /** One changed rule (or a table's new order), in words. */
    public record Line(String table, String ruleId, Kind kind, String text) {
    }

    public List<Line> describe(String ruleSet, String activeXml, String draftXml) {
        List<TableView> oldTables = DecisionTables.parse(activeXml).views();
        List<TableView> newTables = DecisionTables.parse(draftXml).views();
        Vocabulary oldWords = vocabularies.of(ruleSet, oldTables);
        Vocabulary newWords = vocabularies.of(ruleSet, newTables);
        Map<String, TableView> before = oldTables.stream().collect(Collectors.toMap(TableView::key, Function.identity(),
                (a, b) -> a, LinkedHashMap::new));
        List<Line> lines = new ArrayList<>();
        for (TableView now : newTables) {
            TableView was = before.get(now.key());
            List<Sentence> newRows = sentences.of(now, newWords);
            if (was == null) {
                newRows.forEach(s -> lines.add(new Line(now.name(), s.ruleId(), Kind.ADDED, msg("sentence.diff.added", s.text()))));
                continue;
            }
            Map<String, Sentence> oldRows = sentences.of(was, oldWords).stream()
                    .collect(Collectors.toMap(Sentence::ruleId, Function.identity(), (a, b) -> a, LinkedHashMap::new));
            List<String> oldOrder = oldRows.keySet().stream().filter(id -> newRows.stream().anyMatch(s -> s.ruleId().equals(id))).toList();
            List<String> newOrder = newRows.stream().map(Sentence::ruleId).filter(oldRows::containsKey).toList();
            if (!oldOrder.equals(newOrder)) {
                lines.add(new Line(now.name(), null, Kind.ORDER, msg("sentence.diff.order")));
            }
            for (Sentence s : newRows) {
                Sentence o = oldRows.get(s.ruleId());
                if (o == null) {
                    lines.add(new Line(now.name(), s.ruleId(), Kind.ADDED, msg("sentence.diff.added", s.text())));
                    continue;
                }
                if (!o.text().equals(s.text())) {
                    lines.add(new Line(now.name(), s.ruleId(), Kind.CHANGED, o.condition().equals(s.condition()) && !s.condition().isEmpty()
                            ? msg("sentence.diff.result", s.condition(), o.result(), s.result())
                            : msg("sentence.diff.changed", o.text(), s.text())));
                } else if (!o.cells().equals(s.cells())) {
                    // same words, different FEEL (e.g. 8 → 8.0): say which cells
                    lines.add(new Line(now.name(), s.ruleId(), Kind.CHANGED, msg("sentence.diff.cells", s.text(),
                            cellChanges(o, s))));
                }
                if (!Objects.equals(o.basis(), s.basis())) {
                    lines.add(new Line(now.name(), s.ruleId(), Kind.BASIS, msg("sentence.diff.basis", s.text(), s.basis())));
                }
            }
            for (Sentence o : oldRows.values()) {
                if (newRows.stream().noneMatch(s -> s.ruleId().equals(o.ruleId()))) {
                    lines.add(new Line(now.name(), o.ruleId(), Kind.REMOVED, msg("sentence.diff.removed", o.text())));
                }
            }
        }
        return lines;
    }

    private static String cellChanges(Sentence o, Sentence s) {
        Map<String, String> was = o.cells().stream().collect(Collectors.toMap(Sentence.Cell::label, Sentence.Cell::feel, (a, b) -> a));
        Map<String, String> now = s.cells().stream().collect(Collectors.toMap(Sentence.Cell::label, Sentence.Cell::feel, (a, b) -> a));
        List<String> parts = new ArrayList<>();
        now.forEach((k, v) -> {
            if (!v.equals(was.get(k))) {
                parts.add(k + " " + was.getOrDefault(k, "∅") + " → " + v);
            }
        });
        was.keySet().stream().filter(k -> !now.containsKey(k)).forEach(k -> parts.add(k + " " + was.get(k) + " → ∅"));
        return String.join("，", parts);
    }

    private String msg(String key, Object... args) {
        return messages.getMessage(key, args, key, ZH);
    }
}
