package cn.xueshi.dashboard;

import cn.xueshi.rules.ActivityType;
import cn.xueshi.rules.RecognitionService;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** Names shown for codes (states, steps, activity types) in the viewer's language, for charts and exports. */
@Component
class DashboardLabels {

    private final MessageSource messages;
    private final RecognitionService recognition;

    DashboardLabels(MessageSource messages, RecognitionService recognition) {
        this.messages = messages;
        this.recognition = recognition;
    }

    String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }

    String state(String status, Locale locale) {
        return text("claimStatus." + status, locale);
    }

    String objection(String status, Locale locale) {
        return text("dashboard.objection." + status, locale);
    }

    String step(String taskKey, Locale locale) {
        return messages.getMessage("dashboard.step." + taskKey, null, taskKey, locale);
    }

    String filing(String status, Locale locale) {
        return status == null ? text("dashboard.filing.none", locale) : text("filingStatus." + status, locale);
    }

    /** Activity type names of every configured rule set (the first rule set naming a code wins). */
    Map<String, String> activityTypes(Locale locale) {
        boolean english = Locale.ENGLISH.getLanguage().equals(locale.getLanguage());
        Map<String, String> names = new HashMap<>();
        for (String ruleSet : recognition.ruleSets()) {
            for (ActivityType t : recognition.activityTypes(ruleSet)) {
                names.putIfAbsent(t.code(), english ? t.nameEn() : t.nameZh());
            }
        }
        return names;
    }
}
