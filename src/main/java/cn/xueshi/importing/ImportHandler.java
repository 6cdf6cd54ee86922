package cn.xueshi.importing;

import cn.xueshi.identity.CurrentUser;
import java.util.List;
import java.util.Map;

/**
 * One kind of import ({@link ImportKind}): who may run it, its template columns, the per-row check of a dry run and
 * the commit. Rows are JSON-shaped maps (as the API takes them; a sheet's rows are converted by its columns). The
 * engine ({@link ImportService}) owns the job, the stored report, progress, background running and the transaction.
 */
public interface ImportHandler {

    ImportKind kind();

    /** May this person run imports of this kind at all? (Which rows they may import is the check's business.) */
    boolean allowed(CurrentUser me);

    List<ImportColumn> columns();

    /** Refuses options the kind cannot work with (a missing or foreign activity) before any job is made. */
    default void checkOptions(Map<String, String> options, CurrentUser me) {
    }

    /**
     * Checks every row without writing: the report (one line per row, in order) and, per row that would be written,
     * what the commit needs (null for the others). {@code options} are the caller's request parameters (an activity
     * id, a provider). {@code progress} is told every row checked.
     */
    Checked check(List<Map<String, Object>> rows, Map<String, String> options, CurrentUser me, Progress progress);

    /** Writes the rows the check prepared, inside the engine's one transaction; answers how many records it made. */
    int commit(Checked checked, Map<String, String> options, CurrentUser me, String importId, Progress progress);

    /** The report and, index for index, what each writable row prepared (null where nothing is written). */
    record Checked(List<RowReport> reports, List<Object> prepared) {

        /** What the rows to write prepared (those of {@code type}), in row order; progress counts every row. */
        public <T> List<T> toWrite(Class<T> type, Progress progress) {
            List<T> out = new java.util.ArrayList<>();
            for (Object o : prepared) {
                if (type.isInstance(o)) {
                    out.add(type.cast(o));
                }
                progress.rowDone();
            }
            return out;
        }
    }

    /** Counts rows done; the engine writes it to the job now and then, so any node's page shows it. */
    interface Progress {
        void rowDone();
    }
}
