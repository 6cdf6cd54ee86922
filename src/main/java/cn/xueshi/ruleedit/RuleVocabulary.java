package cn.xueshi.ruleedit;

import cn.xueshi.rules.ActivityType;
import cn.xueshi.rules.RecognitionService;
import cn.xueshi.rules.RuleSetStandards.Cap;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Builds the {@link Vocabulary} of a rule set's draft (or active version) from its tables and the deployed names. */
@Component
public class RuleVocabulary {

    private final RecognitionService recognition;

    public RuleVocabulary(RecognitionService recognition) {
        this.recognition = recognition;
    }

    public Vocabulary of(String ruleSet, List<TableView> tables) {
        Map<String, Map<String, String>> enumNames = new LinkedHashMap<>();
        Map<String, String> parameterNames = new LinkedHashMap<>();
        Map<String, String> typeNames = new LinkedHashMap<>();
        Map<String, java.util.Set<String>> own = new LinkedHashMap<>();
        // enum value names are shared by all rule sets (recognition-parameters); read them from every one so a
        // value a draft starts to use is named too
        for (String rs : recognition.ruleSets()) {
            for (ActivityType t : recognition.activityTypes(rs)) {
                if (rs.equals(ruleSet)) {
                    typeNames.put(t.code(), t.nameZh());
                }
                for (ActivityType.Parameter p : t.parameters()) {
                    parameterNames.putIfAbsent(p.name(), p.nameZh());
                    for (ActivityType.EnumValue v : p.values()) {
                        enumNames.computeIfAbsent(p.name(), k -> new LinkedHashMap<>()).putIfAbsent(v.code(), v.nameZh());
                        if (rs.equals(ruleSet)) {
                            own.computeIfAbsent(p.name(), k -> new java.util.LinkedHashSet<>()).add(v.code());
                        }
                    }
                }
            }
        }
        Map<String, Cap> caps = new LinkedHashMap<>();
        for (TableView t : tables) {
            if (t.key().equals(ruleSet + "-activity-types")) {
                typeNames.clear();
                for (TableView.Row r : t.rows()) {
                    String code = output(t, r, "code");
                    if (!code.isEmpty()) {
                        typeNames.put(code, output(t, r, "nameZh"));
                    }
                }
            } else if (t.key().equals(ruleSet + "-caps")) {
                for (TableView.Row r : t.rows()) {
                    String group = output(t, r, "capGroup");
                    String cap = output(t, r, "cap");
                    if (!group.isEmpty()) {
                        caps.put(group, new Cap(group, output(t, r, "nameZh"), output(t, r, "nameEn"),
                                FeelText.isNumber(cap) ? new BigDecimal(cap.trim()) : BigDecimal.ZERO, output(t, r, "basis")));
                    }
                }
            }
        }
        Map<String, List<String>> ownValues = new LinkedHashMap<>();
        own.forEach((k, v) -> ownValues.put(k, List.copyOf(v)));
        return new Vocabulary(ruleSet, typeNames, caps, enumNames, ownValues, parameterNames);
    }

    /** The unquoted text of a row's output cell by output name ("" when the table has no such output). */
    public static String output(TableView t, TableView.Row r, String name) {
        for (int i = 0; i < t.outputs().size() && i < r.outputs().size(); i++) {
            if (name.equals(t.outputs().get(i).expression())) {
                return FeelText.unquote(r.outputs().get(i));
            }
        }
        return "";
    }
}
