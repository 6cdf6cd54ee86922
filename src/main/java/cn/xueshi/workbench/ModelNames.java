package cn.xueshi.workbench;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * What the workbench pages call a model (templates: {@code ${@wbNames.of(key)}}): a policy table by its
 * Chinese name (审核分流, …), a rule set by its key, as elsewhere in the workbench.
 */
@Component("wbNames")
public class ModelNames {

    private final MessageSource messages;

    ModelNames(MessageSource messages) {
        this.messages = messages;
    }

    public String of(String key) {
        return PolicyTable.of(key).map(t -> messages.getMessage(t.getNameKey(), null, key, LocaleContextHolder.getLocale()))
                .orElse(key);
    }
}
