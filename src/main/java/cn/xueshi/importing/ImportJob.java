package cn.xueshi.importing;

import java.time.Instant;

/** An import as stored (xs_import): its counts and progress; the rows' outcomes are in xs_import_row. */
public record ImportJob(String id, ImportKind kind, String createdBy, Instant createdAt, String fileName,
        ImportStatus status, int totalRows, int processedRows, int valid, int duplicates, int errors, int warnings,
        int createdRecords, String optionsJson, String message, Instant finishedAt) {

    /** Percent of the current phase done (checking, then writing), for the progress bar. */
    public int percent() {
        if (!status.running()) {
            return 100;
        }
        return totalRows == 0 ? 0 : Math.min(100, processedRows * 100 / totalRows);
    }
}
