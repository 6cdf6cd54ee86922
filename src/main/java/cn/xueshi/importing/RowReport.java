package cn.xueshi.importing;

/** One row's line in an import report: row number (from 1, as sent or as Excel shows it), outcome, field, message. */
public record RowReport(int row, RowOutcome outcome, String field, String message) {

    public static RowReport valid(int row) {
        return new RowReport(row, RowOutcome.VALID, null, null);
    }
}
