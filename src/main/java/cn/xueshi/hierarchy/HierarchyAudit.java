package cn.xueshi.hierarchy;

import cn.xueshi.clock.BusinessClock;
import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The audit trail of derived sets (xs_rule_set_audit): written in the transaction of the step it records. */
@Component
class HierarchyAudit {

    record Entry(String ruleSetKey, int version, String actor, String action, String detail, Timestamp at) {
    }

    private final JdbcTemplate jdbc;

    HierarchyAudit(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void record(String key, int version, String actor, String action, String detail) {
        String text = detail == null ? "" : detail.length() > 4000 ? detail.substring(0, 4000) : detail;
        jdbc.update("INSERT INTO xs_rule_set_audit (rule_set_key, version, actor, action, detail, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?)", key, version, actor, action, text, Timestamp.from(BusinessClock.now()));
    }

    List<Entry> of(String key) {
        return jdbc.query("SELECT rule_set_key, version, actor, action, detail, created_at FROM xs_rule_set_audit "
                + "WHERE rule_set_key = ? ORDER BY created_at, id", (rs, n) -> new Entry(rs.getString(1), rs.getInt(2),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getTimestamp(6)), key);
    }
}
