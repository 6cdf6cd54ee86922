package cn.xueshi.rules;

import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * A rule set's name as pages show it ({@code ${@ruleSetNames.name(key)}}): a reference set by its message
 * ({@code ruleSet.<key>}, in the reader's language), a derived set (a department's 行业办法, a unit's 实施细则) by the
 * name it was filed under, which no bundle can know. Pages used to look every key up in the bundles, so a claim
 * priced by 吉林省人民医院's set showed ??ruleSet.jilin-jlph-2026_zh_CN?? to its claimant and reviewer.
 */
@Component("ruleSetNames")
public class RuleSetNames {

    private final MessageSource messages;
    private final RecognitionService recognition;

    RuleSetNames(MessageSource messages, RecognitionService recognition) {
        this.messages = messages;
        this.recognition = recognition;
    }

    /** The name in the current locale; the key itself for a set nobody knows (empty for none). */
    public String name(String ruleSet) {
        if (ruleSet == null || ruleSet.isBlank()) {
            return "";
        }
        Locale locale = LocaleContextHolder.getLocale();
        String message = messages.getMessage("ruleSet." + ruleSet, null, null, locale);
        if (message != null) {
            return message;
        }
        return recognition.standards(ruleSet).map(s -> "en".equals(locale.getLanguage()) && s.nameEn() != null
                && !s.nameEn().isBlank() ? s.nameEn() : s.nameZh()).filter(n -> n != null && !n.isBlank())
                .orElse(ruleSet);
    }
}
