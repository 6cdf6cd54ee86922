package cn.xueshi.identity;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The directory's audit trail (xs_directory_audit, V147): one row per change of a person's title series or of an
 * industry department's membership, who made it and when. Rows are only ever appended: nothing here updates or
 * deletes one, so the trail says what the directory was at any time.
 */
@Component
public class DirectoryAudit {

    /** 职称系列 of a person: old and new code ("" for none). */
    public static final String TITLE_SERIES = "TITLE_SERIES";
    /** Membership of an industry department: new = its code when added, old = its code when removed. */
    public static final String DEPARTMENT_MEMBER = "DEPARTMENT_MEMBER";

    /** One change as the pages show it. */
    public record Entry(String actor, String subject, String field, String oldValue, String newValue, String source,
            Instant changedAt) {
    }

    private final JdbcTemplate jdbc;

    DirectoryAudit(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Appends one change, in the caller's transaction (the change and its row commit together or not at all). */
    public void record(String actor, String subject, String field, String oldValue, String newValue, String source) {
        jdbc.update("INSERT INTO xs_directory_audit (actor, subject, field, old_value, new_value, source, changed_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)", actor, subject, field, nz(oldValue), nz(newValue),
                source, Timestamp.from(cn.xueshi.clock.BusinessClock.now()));
    }

    /** The latest changes of one field for one person, newest first. */
    public List<Entry> of(String subject, String field, int limit) {
        return jdbc.query("SELECT actor, subject, field, old_value, new_value, source, changed_at FROM xs_directory_audit "
                + "WHERE subject = ? AND field = ? ORDER BY changed_at DESC, id DESC LIMIT ?",
                DirectoryAudit::entry, subject, field, limit);
    }

    /** The latest membership changes of one department, newest first. */
    public List<Entry> ofDepartment(String departmentCode, int limit) {
        return jdbc.query("SELECT actor, subject, field, old_value, new_value, source, changed_at FROM xs_directory_audit "
                + "WHERE field = ? AND (old_value = ? OR new_value = ?) ORDER BY changed_at DESC, id DESC "
                + "LIMIT ?", DirectoryAudit::entry, DEPARTMENT_MEMBER, departmentCode,
                departmentCode, limit);
    }

    private static Entry entry(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getTimestamp(7).toInstant());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
