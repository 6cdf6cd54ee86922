package cn.xueshi.importing;

import cn.xueshi.clock.BusinessClock;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * xs_import and xs_import_row by JDBC. Job state and progress are written in transactions of their own
 * (REQUIRES_NEW), so while the commit's one long transaction runs, every node's page reads the progress, and a
 * failed commit still leaves its job marked FAILED.
 */
@Repository
class ImportJobs {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate own;

    ImportJobs(JdbcTemplate jdbc, PlatformTransactionManager tx) {
        this.jdbc = jdbc;
        this.own = new TransactionTemplate(tx);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    void create(String id, ImportKind kind, String createdBy, String fileName, int totalRows, String optionsJson) {
        own.executeWithoutResult(s -> jdbc.update("""
                INSERT INTO xs_import (id, kind, created_by, created_at, file_name, status, total_rows, options_json)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", id, kind.name(), createdBy, Timestamp.from(BusinessClock.now()),
                fileName, ImportStatus.CHECKING.name(), totalRows, optionsJson));
    }

    void progress(String id, ImportStatus status, int processed) {
        own.executeWithoutResult(s -> jdbc.update("UPDATE xs_import SET status = ?, processed_rows = ? WHERE id = ?",
                status.name(), processed, id));
    }

    /** Moves CHECKED → WRITING for exactly one caller: the second of two commits of the same dry run gets false. */
    boolean startWriting(String id) {
        return Boolean.TRUE.equals(own.execute(s -> jdbc.update(
                "UPDATE xs_import SET status = ?, processed_rows = 0 WHERE id = ? AND status = ?",
                ImportStatus.WRITING.name(), id, ImportStatus.CHECKED.name()) == 1));
    }

    void counts(String id, ImportStatus status, List<RowReport> reports) {
        int valid = 0;
        int duplicates = 0;
        int errors = 0;
        int warnings = 0;
        for (RowReport r : reports) {
            switch (r.outcome()) {
                case VALID -> valid++;
                case WARNING -> {
                    valid++;
                    warnings++;
                }
                case DUPLICATE -> duplicates++;
                case ERROR -> errors++;
            }
        }
        int v = valid;
        int d = duplicates;
        int e = errors;
        int w = warnings;
        own.executeWithoutResult(s -> jdbc.update("""
                UPDATE xs_import SET status = ?, processed_rows = total_rows, valid_rows = ?, duplicate_rows = ?,
                  error_rows = ?, warning_rows = ?, finished_at = ? WHERE id = ?""", status.name(), v, d, e, w,
                Timestamp.from(BusinessClock.now()), id));
    }

    void committed(String id, int created) {
        own.executeWithoutResult(s -> jdbc.update("""
                UPDATE xs_import SET status = ?, created_records = ?, processed_rows = total_rows, finished_at = ?
                WHERE id = ?""", ImportStatus.COMMITTED.name(), created, Timestamp.from(BusinessClock.now()), id));
    }

    void failed(String id, String message) {
        own.executeWithoutResult(s -> jdbc.update(
                "UPDATE xs_import SET status = ?, message = ?, finished_at = ? WHERE id = ?", ImportStatus.FAILED.name(),
                message == null ? null : message.substring(0, Math.min(message.length(), 1000)),
                Timestamp.from(BusinessClock.now()), id));
    }

    /** Replaces the stored rows with their data and outcomes (a dry run's, then the commit's re-check). */
    void storeRows(String id, List<String> dataJson, List<RowReport> reports) {
        own.executeWithoutResult(s -> {
            jdbc.update("DELETE FROM xs_import_row WHERE import_id = ?", id);
            List<Object[]> batch = new ArrayList<>(reports.size());
            for (int i = 0; i < reports.size(); i++) {
                RowReport r = reports.get(i);
                batch.add(new Object[] {id, r.row(), r.outcome().name(), r.field(), r.message(), dataJson.get(i)});
            }
            jdbc.batchUpdate("""
                    INSERT INTO xs_import_row (import_id, row_no, outcome, field, message, data_json)
                    VALUES (?, ?, ?, ?, ?, ?)""", batch);
        });
    }

    Optional<ImportJob> find(String id) {
        return jdbc.query("SELECT * FROM xs_import WHERE id = ?", ImportJobs::job, id).stream().findFirst();
    }

    List<ImportJob> recentBy(String userId, int limit) {
        return jdbc.query("SELECT * FROM xs_import WHERE created_by = ? ORDER BY created_at DESC LIMIT " + limit,
                ImportJobs::job, userId);
    }

    List<String> dataOf(String id) {
        return jdbc.queryForList("SELECT data_json FROM xs_import_row WHERE import_id = ? ORDER BY row_no",
                String.class, id);
    }

    List<RowReport> reportsOf(String id, boolean problemsOnly, int limit) {
        return jdbc.query("SELECT row_no, outcome, field, message FROM xs_import_row WHERE import_id = ?"
                + (problemsOnly ? " AND outcome <> 'VALID'" : "") + " ORDER BY row_no LIMIT " + limit,
                (rs, n) -> new RowReport(rs.getInt(1), RowOutcome.valueOf(rs.getString(2)), rs.getString(3),
                        rs.getString(4)), id);
    }

    private static ImportJob job(ResultSet rs, int n) throws SQLException {
        return new ImportJob(rs.getString("id"), ImportKind.valueOf(rs.getString("kind")), rs.getString("created_by"),
                instant(rs.getTimestamp("created_at")), rs.getString("file_name"),
                ImportStatus.valueOf(rs.getString("status")), rs.getInt("total_rows"), rs.getInt("processed_rows"),
                rs.getInt("valid_rows"), rs.getInt("duplicate_rows"), rs.getInt("error_rows"),
                rs.getInt("warning_rows"), rs.getInt("created_records"), rs.getString("options_json"),
                rs.getString("message"), instant(rs.getTimestamp("finished_at")));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
