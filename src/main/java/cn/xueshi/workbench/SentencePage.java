package cn.xueshi.workbench;

import cn.xueshi.ruleedit.TableView;
import cn.xueshi.ruleedit.DecisionTables;
import cn.xueshi.ruleedit.Vocabulary;
import cn.xueshi.ruleedit.RuleVocabulary;
import cn.xueshi.ruleedit.Sentence;
import cn.xueshi.ruleedit.RuleSentences;
import cn.xueshi.ruleedit.WordDiff;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The sentence view of a decision table on the workbench pages: its rules as sentences, grouped by activity
 * type (item rules) and filtered to one type on request; and a draft's changes against the version in force.
 */
@Component
class SentencePage {

    private final RuleSentences sentences;
    private final RuleVocabulary vocabularies;
    private final WordDiff diff;
    private final RuleSetVersions versions;

    SentencePage(RuleSentences sentences, RuleVocabulary vocabularies, WordDiff diff, RuleSetVersions versions) {
        this.sentences = sentences;
        this.vocabularies = vocabularies;
        this.diff = diff;
        this.versions = versions;
    }

    /** The rules of one activity type (code null: a table whose rules are not about activity types). */
    public record Group(String code, String name, List<Sentence> sentences) {
    }

    /** A choice of the type filter. */
    public record TypeOption(String code, String name) {
    }

    /** The model attributes of the sentence view: sentenceGroups, typeOptions, chosenType. */
    Map<String, Object> attributes(String ruleSet, List<TableView> tables, TableView table, String type) {
        Map<String, Object> model = new LinkedHashMap<>();
        if (table == null) {
            model.put("sentenceGroups", List.of());
            model.put("typeOptions", List.of());
            return model;
        }
        Vocabulary v = vocabularies.of(ruleSet, tables);
        List<Sentence> all = sentences.of(table, v);
        Map<String, List<Sentence>> byType = new LinkedHashMap<>();
        List<Sentence> general = new ArrayList<>();
        for (Sentence s : all) {
            if (s.activityTypes().isEmpty() || !table.key().equals(ruleSet + "-items")) {
                general.add(s);
            } else {
                byType.computeIfAbsent(s.activityTypes().get(0), k -> new ArrayList<>()).add(s);
            }
        }
        List<TypeOption> options = byType.keySet().stream().map(c -> new TypeOption(c, v.typeName(c))).toList();
        String chosen = type != null && byType.containsKey(type) ? type : null;
        List<Group> groups = new ArrayList<>();
        byType.forEach((code, rows) -> {
            if (chosen == null || chosen.equals(code)) {
                groups.add(new Group(code, v.typeName(code), rows));
            }
        });
        List<Sentence> shownGeneral = chosen == null ? general : general.stream().filter(s -> s.about(chosen)).toList();
        if (!shownGeneral.isEmpty()) {
            groups.add(new Group(null, null, shownGeneral));
        }
        model.put("sentenceGroups", groups);
        model.put("typeOptions", options);
        model.put("chosenType", chosen);
        return model;
    }

    /** Activity type names of the draft (code → Chinese name), for tables that list types by code. */
    Map<String, String> typeNames(Draft draft) {
        try {
            return vocabularies.of(draft.getRuleSet(), DecisionTables.parse(draft.getDmnXml()).views()).typeNames();
        } catch (IllegalArgumentException unreadable) {
            return Map.of();
        }
    }

    /** The draft against the active version, in words. */
    List<WordDiff.Line> changes(Draft draft) {
        try {
            return diff.describe(draft.getRuleSet(), versions.activeXml(draft.getRuleSet()), draft.getDmnXml());
        } catch (IllegalArgumentException unreadable) {
            return List.of();
        }
    }
}
