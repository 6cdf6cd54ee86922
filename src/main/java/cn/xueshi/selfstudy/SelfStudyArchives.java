package cn.xueshi.selfstudy;

import cn.xueshi.clock.BusinessClock;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The units' self-study archives (xs_self_study_archive, one row per unit) and their append-only audit trail
 * (xs_self_study_archive_event). Who may act is the controller's business; this store checks only that the state it
 * changes is the one the person saw (version), so of two reviewers acting at once the second is told.
 */
@Component("selfStudyArchives")
public class SelfStudyArchives {

    private static final String COLUMNS = "unit_id, unit_code, established_from, established_by, established_at, note,"
            + " closed_from, closed_by, closed_at, version";

    private final JdbcTemplate jdbc;
    private final BusinessClock clock;

    SelfStudyArchives(JdbcTemplate jdbc, BusinessClock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<SelfStudyArchive> of(long unitId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM xs_self_study_archive WHERE unit_id = ?", SelfStudyArchives::row,
                unitId).stream().findFirst();
    }

    /** The periods in which the unit kept its archive, from the audit trail (one statement). */
    public ArchivePeriods periods(long unitId) {
        return ArchivePeriods.of(events(unitId));
    }

    /** The audit trail, oldest first. */
    public List<ArchiveEvent> events(long unitId) {
        return jdbc.query("SELECT kind, effective_from, note, actor, acted_at FROM xs_self_study_archive_event"
                + " WHERE unit_id = ? ORDER BY id", (rs, n) -> new ArchiveEvent(ArchiveEvent.Kind.valueOf(rs.getString(1)),
                        rs.getDate(2).toLocalDate(), rs.getString(3), rs.getString(4), rs.getTimestamp(5).toLocalDateTime()),
                unitId);
    }

    /**
     * Establishes the archive from a date: a unit without one gets its row; a closed one is kept again from the new
     * date ({@code seenVersion}: the version the person saw, null when they saw none). Anything else changed
     * meanwhile is {@link ArchiveChanged}.
     */
    @Transactional
    public SelfStudyArchive establish(long unitId, String unitCode, LocalDate from, String note, String by,
            Integer seenVersion) {
        LocalDateTime now = clock.localNow();
        if (seenVersion == null) {
            try {
                jdbc.update("INSERT INTO xs_self_study_archive (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, NULL, 0)",
                        unitId, unitCode, from, by, Timestamp.valueOf(now), note);
            } catch (DuplicateKeyException e) {
                throw new ArchiveChanged();
            }
        } else {
            int changed = jdbc.update("UPDATE xs_self_study_archive SET established_from = ?, established_by = ?,"
                    + " established_at = ?, note = ?, closed_from = NULL, closed_by = NULL, closed_at = NULL,"
                    + " version = version + 1 WHERE unit_id = ? AND version = ? AND closed_from IS NOT NULL",
                    from, by, Timestamp.valueOf(now), note, unitId, seenVersion);
            if (changed != 1) {
                throw new ArchiveChanged();
            }
        }
        event(unitId, ArchiveEvent.Kind.ESTABLISHED, from, note, by, now);
        return of(unitId).orElseThrow();
    }

    /** Closes an open archive from a date: items dated on or after it no longer count. */
    @Transactional
    public SelfStudyArchive close(long unitId, LocalDate from, String by, int seenVersion) {
        LocalDateTime now = clock.localNow();
        int changed = jdbc.update("UPDATE xs_self_study_archive SET closed_from = ?, closed_by = ?, closed_at = ?,"
                + " version = version + 1 WHERE unit_id = ? AND version = ? AND closed_from IS NULL",
                from, by, Timestamp.valueOf(now), unitId, seenVersion);
        if (changed != 1) {
            throw new ArchiveChanged();
        }
        event(unitId, ArchiveEvent.Kind.CLOSED, from, null, by, now);
        return of(unitId).orElseThrow();
    }

    private void event(long unitId, ArchiveEvent.Kind kind, LocalDate from, String note, String by, LocalDateTime at) {
        jdbc.update("INSERT INTO xs_self_study_archive_event (unit_id, kind, effective_from, note, actor, acted_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)", unitId, kind.name(), from, note, by, Timestamp.valueOf(at));
    }

    private static SelfStudyArchive row(ResultSet rs, int n) throws SQLException {
        Timestamp closedAt = rs.getTimestamp(9);
        java.sql.Date closedFrom = rs.getDate(7);
        return new SelfStudyArchive(rs.getLong(1), rs.getString(2), rs.getDate(3).toLocalDate(), rs.getString(4),
                rs.getTimestamp(5).toLocalDateTime(), rs.getString(6), closedFrom == null ? null : closedFrom.toLocalDate(),
                rs.getString(8), closedAt == null ? null : closedAt.toLocalDateTime(), rs.getInt(10));
    }
}
