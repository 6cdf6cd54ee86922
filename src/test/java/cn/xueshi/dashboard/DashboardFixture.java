package cn.xueshi.dashboard;

import cn.xueshi.identity.Unit;
import cn.xueshi.identity.UnitType;
import cn.xueshi.support.TestUsers;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/** Writes claims, items, objections, reductions and task history straight into the tables, with exact values. */
@Component
class DashboardFixture {

    private final TestUsers users;
    private final JdbcTemplate jdbc;

    DashboardFixture(TestUsers users, JdbcTemplate jdbc) {
        this.users = users;
        this.jdbc = jdbc;
    }

    Unit unit(String name) {
        return users.unit(name + TestUsers.uniqueId("-"), UnitType.STATE_OWNED, "JILIN", "jilin-2026");
    }

    String member(Unit unit, String last, String first) {
        return users.member(unit, last, first);
    }

    /** A claim in the given state; approved hours null leaves them unset; returns its id (its process id is "pi-" + id). */
    long claim(Unit unit, String claimant, int year, Integer makeupFor, String status, BigDecimal pub, BigDecimal prof,
            LocalDateTime submitted, LocalDateTime registered) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        String process = "pi-" + UUID.randomUUID();
        jdbc.update(c -> {
            PreparedStatement ps = c.prepareStatement("INSERT INTO xs_claim (claimant, unit_id, rule_set, claim_year,"
                    + " status, submission_key, process_instance_id, approved_public, approved_professional,"
                    + " approved_hours, submitted_at, updated_at, registered_at, makeup_for_year)"
                    + " VALUES (?, ?, 'jilin-2026', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", new String[] {"id"});
            ps.setString(1, claimant);
            ps.setLong(2, unit.getId());
            ps.setInt(3, year);
            ps.setString(4, status);
            ps.setString(5, UUID.randomUUID().toString());
            ps.setString(6, process);
            ps.setBigDecimal(7, pub);
            ps.setBigDecimal(8, prof);
            ps.setBigDecimal(9, pub == null ? null : pub.add(prof));
            ps.setTimestamp(10, Timestamp.valueOf(submitted));
            ps.setTimestamp(11, Timestamp.valueOf(submitted));
            ps.setTimestamp(12, registered == null ? null : Timestamp.valueOf(registered));
            if (makeupFor == null) {
                ps.setNull(13, java.sql.Types.INTEGER);
            } else {
                ps.setInt(13, makeupFor);
            }
            return ps;
        }, key);
        // written straight into the table, past the entities: mark the change as the lifecycle does (RollupChanges)
        touched(claimant, year, makeupFor, submitted.getYear(), registered == null ? null : registered.getYear());
        return key.getKey().longValue();
    }

    /** Dirty marks for the dashboard rollups, as RollupChanges writes them for changes through the entities. */
    void touched(String claimant, Integer... years) {
        for (Integer y : new java.util.LinkedHashSet<>(java.util.Arrays.asList(years))) {
            if (y != null) {
                jdbc.update("INSERT INTO xs_rollup_dirty (user_id, yr) VALUES (?, ?)", claimant, y);
            }
        }
    }

    String processOf(long claimId) {
        return jdbc.queryForObject("SELECT process_instance_id FROM xs_claim WHERE id = ?", String.class, claimId);
    }

    void item(long claimId, String activityType, BigDecimal pub, BigDecimal prof) {
        jdbc.update("INSERT INTO xs_claim_item (claim_id, position, activity_type, params_json, activity_date,"
                + " hours, public_hours, professional_hours) VALUES (?, 0, ?, '{}', DATE '2026-03-01', ?, ?, ?)",
                claimId, activityType, pub.add(prof), pub, prof);
        // after the change, as the lifecycle's marks are (a fold between the mark and the change would miss it)
        Map<String, Object> c = jdbc.queryForMap("SELECT claimant, claim_year, makeup_for_year FROM xs_claim WHERE id = ?", claimId);
        touched((String) c.get("claimant"), ((Number) c.get("claim_year")).intValue(),
                c.get("makeup_for_year") == null ? null : ((Number) c.get("makeup_for_year")).intValue());
    }

    void objection(long claimId, String status) {
        jdbc.update("INSERT INTO xs_objection (claim_id, raised_by, reason, raised_at, status) VALUES (?, 'someone', '理由', ?, ?)",
                claimId, Timestamp.valueOf(LocalDateTime.of(2026, 3, 20, 9, 0)), status);
        jdbc.update("INSERT INTO xs_rollup_dirty (user_id, yr) SELECT claimant, claim_year FROM xs_claim WHERE id = ?", claimId);
    }

    void reduction(Unit unit, String claimant, int year, String status, BigDecimal pub, BigDecimal prof) {
        jdbc.update("INSERT INTO xs_makeup_request (claimant, unit_id, rule_set, request_year, reason, period_start,"
                + " period_end, description, remedy, approved_public, approved_professional, status, submission_key,"
                + " created_at) VALUES (?, ?, 'jilin-2026', ?, 'ILLNESS', DATE '2026-01-01', DATE '2026-03-01', '病假',"
                + " 'REDUCTION', ?, ?, ?, ?, ?)", claimant, unit.getId(), year, pub, prof, status,
                UUID.randomUUID().toString(), Timestamp.valueOf(LocalDateTime.of(2026, 3, 1, 9, 0)));
        touched(claimant, year);
    }

    void obligation(Unit unit, String claimant, int year, java.time.LocalDate due, String status) {
        Long request = jdbc.queryForObject("SELECT MIN(id) FROM xs_makeup_request WHERE unit_id = ?", Long.class, unit.getId());
        jdbc.update("INSERT INTO xs_makeup_obligation (request_id, claimant, unit_id, obligation_year, due_date, status)"
                + " VALUES (?, ?, ?, ?, ?, ?)", request, claimant, unit.getId(), year, java.sql.Date.valueOf(due), status);
    }

    void filing(Unit unit, int year, String status, java.time.LocalDate deadline) {
        jdbc.update("INSERT INTO xs_unit_filing (unit_id, filing_year, status, deadline, started_by, started_at)"
                + " VALUES (?, ?, ?, ?, 'someone', ?)", unit.getId(), year, status, java.sql.Date.valueOf(deadline),
                Timestamp.valueOf(LocalDateTime.of(2027, 1, 5, 9, 0)));
    }

    /** A finished (or, with hours null, still open) user task in Camunda's history of the claim's process. */
    void historicTask(long claimId, String taskKey, Long hours) {
        LocalDateTime start = LocalDateTime.of(2026, 3, 10, 9, 0);
        jdbc.update("INSERT INTO ACT_HI_TASKINST (ID_, TASK_DEF_KEY_, PROC_DEF_KEY_, PROC_INST_ID_, START_TIME_, END_TIME_,"
                + " DURATION_) VALUES (?, ?, 'claim-lifecycle', ?, ?, ?, ?)", "t-" + UUID.randomUUID(), taskKey,
                processOf(claimId), Timestamp.valueOf(start),
                hours == null ? null : Timestamp.valueOf(start.plusHours(hours)), hours == null ? null : hours * 3_600_000L);
        // the claim's claimant and claim year, as TaskRollupListener marks a task of the claim
        jdbc.update("INSERT INTO xs_rollup_dirty (user_id, yr) SELECT claimant, claim_year FROM xs_claim WHERE id = ?", claimId);
    }
}
