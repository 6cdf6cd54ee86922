package cn.xueshi.importing;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** Turns a bad field or an outcome's message key into the report line in the caller's language. */
@Component
public class RowReports {

    private final MessageSource messages;

    RowReports(MessageSource messages) {
        this.messages = messages;
    }

    public RowReport error(int row, RowFields.BadField bad) {
        return new RowReport(row, RowOutcome.ERROR, bad.field(), text(bad.messageKey(), bad.args()));
    }

    public RowReport error(int row, String field, String messageKey, Object... args) {
        return new RowReport(row, RowOutcome.ERROR, field, text(messageKey, args));
    }

    public RowReport duplicate(int row, String field, String messageKey, Object... args) {
        return new RowReport(row, RowOutcome.DUPLICATE, field, text(messageKey, args));
    }

    public RowReport warning(int row, String field, String messageKey, Object... args) {
        return new RowReport(row, RowOutcome.WARNING, field, text(messageKey, args));
    }

    public String text(String messageKey, Object... args) {
        return messages.getMessage(messageKey, args, messageKey, LocaleContextHolder.getLocale());
    }
}
