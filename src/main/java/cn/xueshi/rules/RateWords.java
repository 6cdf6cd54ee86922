package cn.xueshi.rules;

import cn.xueshi.rules.RuleSetStandards.Cap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** Puts a DMN row's conditions and formula terms into Chinese words (wording in the rules bundle). */
@Component
public class RateWords {

    private static final Locale ZH = Locale.SIMPLIFIED_CHINESE;
    private final MessageSource messages;

    RateWords(MessageSource messages) {
        this.messages = messages;
    }

    public String condition(String label, String entry) {
        String e = switch (entry) {
            case "true" -> msg("rules.words.yes");
            case "false" -> msg("rules.words.no");
            default -> entry;
        };
        return msg("rules.words.condition", label, e);
    }

    public String subject(Map<String, String> o) {
        String fullYear = o.get("fullYear");
        if (fullYear != null && !HourFormula.NONE.equals(fullYear)) {
            return msg("rules.words.subject.fullYear." + fullYear);
        }
        return msg("rules.words.subject." + o.getOrDefault("subject", "PROFESSIONAL"));
    }

    public String formula(Map<String, String> o, Map<String, Cap> caps) {
        List<String> parts = new ArrayList<>();
        String fullYear = o.get("fullYear");
        if (fullYear != null && !HourFormula.NONE.equals(fullYear)) {
            parts.add(msg("rules.words.fullYear." + fullYear));
        }
        if (o.containsKey("base")) {
            parts.add(o.containsKey("rankDecrement") ? msg("rules.words.baseRank", o.get("base"), o.get("rankDecrement"))
                    : msg("rules.words.base", o.get("base")));
        }
        term(parts, o, "perDay");
        term(parts, o, "perPartialDay");
        if (o.containsKey("minuteBlock")) {
            parts.add(msg("rules.words.minutes", o.get("minuteBlock"), o.getOrDefault("perMinuteBlock", "1"),
                    o.getOrDefault("partialDayCap", "-")));
        }
        term(parts, o, "perMonth");
        term(parts, o, "perCount");
        term(parts, o, "perHour");
        if (o.containsKey("characterBlock")) {
            parts.add(msg("rules.words.characters", o.get("characterBlock"), o.getOrDefault("perCharacterBlock", "1")));
        }
        term(parts, o, "dailyHourCap");
        term(parts, o, "maxHours");
        if (o.containsKey("publicShare") && "SPLIT".equals(o.get("subject"))) {
            parts.add(msg("rules.words.publicShare", o.get("publicShare")));
        }
        if (o.containsKey("capGroup")) {
            Cap cap = caps.get(o.get("capGroup"));
            parts.add(cap == null ? msg("rules.words.capGroup", o.get("capGroup"), "-")
                    : msg("rules.words.capGroup", cap.nameZh(), cap.cap().stripTrailingZeros().toPlainString()));
        }
        if (parts.isEmpty()) {
            parts.add(msg("rules.words.base", "0"));
        }
        return String.join("，", parts);
    }

    private void term(List<String> parts, Map<String, String> o, String name) {
        if (o.containsKey(name)) {
            parts.add(msg("rules.words." + name, o.get(name)));
        }
    }

    private String msg(String key, Object... args) {
        return messages.getMessage(key, args, key, ZH);
    }
}
