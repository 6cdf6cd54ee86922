package cn.xueshi.importing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
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

    /** One row's verdict: its report line and what it prepared for the commit (null: nothing to write). */
    public record Verdict(RowReport line, Object prepared) {

        /** A row that is written: valid, with what its commit needs. */
        public static Verdict valid(int row, Object prepared) {
            return new Verdict(RowReport.valid(row), prepared);
        }

        /** A row that writes nothing (a duplicate): its report line only. */
        public static Verdict only(RowReport line) {
            return new Verdict(line, null);
        }
    }

    /** A handler's own check of one row (numbered {@code n}); a {@link RowFields.BadField} is the row's error. */
    @FunctionalInterface
    public interface RowCheck {
        Verdict check(Map<String, Object> row, int n);
    }

    /**
     * The check loop of a handler whose rows each make one claim: per row the engine's own checks, then the
     * handler's; a bad field becomes the row's error line and prepares nothing; progress counts every row.
     */
    public ImportHandler.Checked checkEach(List<Map<String, Object>> rows, ImportHandler.Progress progress,
            RowCheck check) {
        List<RowReport> out = new ArrayList<>(rows.size());
        List<Object> prepared = new ArrayList<>(rows.size());
        for (Map<String, Object> row : rows) {
            int n = RowFields.rowNo(row);
            Verdict verdict;
            try {
                RowFields.engineChecks(row);
                verdict = check.check(row, n);
            } catch (RowFields.BadField bad) {
                verdict = Verdict.only(error(n, bad));
            }
            out.add(verdict.line());
            prepared.add(verdict.prepared());
            progress.rowDone();
        }
        return new ImportHandler.Checked(out, prepared);
    }

    /**
     * The submission key of a claim an import makes ({@code prefix} names the import, {@code identity} what makes
     * the row that one claim): the same row imported again is the same claim, not a second one.
     */
    public static String submissionKey(String prefix, String identity) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return prefix + "-" + Base64.getUrlEncoder().withoutPadding().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String text(String messageKey, Object... args) {
        return messages.getMessage(messageKey, args, messageKey, LocaleContextHolder.getLocale());
    }
}
