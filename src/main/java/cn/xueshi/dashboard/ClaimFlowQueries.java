package cn.xueshi.dashboard;

import cn.xueshi.claim.ClaimStatus;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * How claims move: counts by state, weekly throughput (from the rollups of V95, see {@link Rollups}), open review work, time per step and
 * objections. SQL aggregates only (the project's tables joined with Camunda's by process instance);
 * nothing is loaded row by row.
 */
@Repository
class ClaimFlowQueries {

    /** Lifecycle states of a claim, in the order of the lifecycle. */
    static final List<String> STATES = java.util.Arrays.stream(ClaimStatus.values()).map(Enum::name).toList();

    public record Week(LocalDate monday, long submitted, long registered) {
    }

    public record StepBacklog(String taskKey, long open, long overdue) {
    }

    public record Holder(String holder, long open, long overdue) {
    }

    public record StepTime(String taskKey, long count, double meanMillis, long p90Millis) {

        public java.math.BigDecimal meanHours() {
            return DashboardController.hours(meanMillis);
        }

        public java.math.BigDecimal p90Hours() {
            return DashboardController.hours(p90Millis);
        }
    }

    public record ProcessHealth(long incidents, long failedJobs) {
    }

    private final NamedParameterJdbcTemplate jdbc;

    private final Rollups rollups;

    ClaimFlowQueries(NamedParameterJdbcTemplate jdbc, Rollups rollups) {
        this.jdbc = jdbc;
        this.rollups = rollups;
    }

    /** Claims of the year by lifecycle state; every state is present, zero where none. */
    Map<String, Long> claimsByState(DashboardScope s) {
        Map<String, Long> counts = new LinkedHashMap<>();
        STATES.forEach(st -> counts.put(st, 0L));
        rollups.catchUp();
        jdbc.query("SELECT r.status, SUM(r.n) AS n FROM xs_rollup_state r JOIN xs_unit u ON u.id = r.unit_id"
                + " WHERE r.yr = :year" + s.where("u") + " GROUP BY r.status", s.params(), rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        return counts;
    }

    /**
     * Claims submitted and registered per calendar week (Monday first) of the year, whatever year the
     * claims are for. The database groups by day (portable); weeks are folded here from ≤ 366 rows.
     */
    List<Week> throughput(DashboardScope s) {
        LocalDate first = LocalDate.of(s.year(), 1, 1);
        MapSqlParameterSource p = s.params(Map.of("from", java.sql.Date.valueOf(first),
                "to", java.sql.Date.valueOf(first.plusYears(1))));
        rollups.catchUp();
        TreeMap<LocalDate, long[]> weeks = new TreeMap<>();
        jdbc.query("SELECT d.on_day, d.kind, SUM(d.n) AS n FROM xs_rollup_day d JOIN xs_unit u ON u.id = d.unit_id"
                + " WHERE d.on_day >= :from AND d.on_day < :to" + s.where("u") + " GROUP BY d.on_day, d.kind", p, rs -> {
                    LocalDate monday = rs.getDate(1).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                    weeks.computeIfAbsent(monday, m -> new long[2])["S".equals(rs.getString(2)) ? 0 : 1] += rs.getLong(3);
                });
        List<Week> result = new ArrayList<>();
        weeks.forEach((monday, n) -> result.add(new Week(monday, n[0], n[1])));
        return result;
    }

    private static final String OPEN_TASKS = " FROM ACT_RU_TASK t JOIN xs_claim c ON c.process_instance_id = t.PROC_INST_ID_"
            + " JOIN xs_unit u ON u.id = c.unit_id";

    /** Open user tasks of the year's claims per step, and how many are past their due date. */
    List<StepBacklog> backlog(DashboardScope s, LocalDateTime now) {
        return jdbc.query("SELECT t.TASK_DEF_KEY_, COUNT(*) AS n,"
                + " SUM(CASE WHEN t.DUE_DATE_ < :now THEN 1 ELSE 0 END) AS overdue" + OPEN_TASKS
                + " WHERE c.claim_year = :year" + s.where("u") + " GROUP BY t.TASK_DEF_KEY_ ORDER BY t.TASK_DEF_KEY_",
                s.params(Map.of("now", Timestamp.valueOf(now))),
                (rs, i) -> new StepBacklog(rs.getString(1), rs.getLong(2), rs.getLong(3)));
    }

    /**
     * Who holds the open tasks: the assignee, else each candidate user (a task offered to two
     * reviewers counts for both). The {@code limit} busiest first, most overdue first.
     */
    List<Holder> holders(DashboardScope s, LocalDateTime now, int limit) {
        return jdbc.query("SELECT h.holder, COUNT(*) AS n, SUM(h.overdue) AS overdue FROM ("
                + " SELECT COALESCE(t.ASSIGNEE_, l.USER_ID_, l.GROUP_ID_) AS holder,"
                + " CASE WHEN t.DUE_DATE_ < :now THEN 1 ELSE 0 END AS overdue" + OPEN_TASKS
                + " LEFT JOIN ACT_RU_IDENTITYLINK l ON l.TASK_ID_ = t.ID_ AND l.TYPE_ = 'candidate' AND t.ASSIGNEE_ IS NULL"
                + " WHERE c.claim_year = :year" + s.where("u") + ") h WHERE h.holder IS NOT NULL"
                + " GROUP BY h.holder ORDER BY SUM(h.overdue) DESC, COUNT(*) DESC, h.holder"
                + " FETCH FIRST " + limit + " ROWS ONLY",
                s.params(Map.of("now", Timestamp.valueOf(now))),
                (rs, i) -> new Holder(rs.getString(1), rs.getLong(2), rs.getLong(3)));
    }

    /** Finished user tasks of the year's claims: count, mean and 90th percentile (discrete) duration per step. */
    List<StepTime> stepTimes(DashboardScope s) {
        return jdbc.query("SELECT h.TASK_DEF_KEY_, COUNT(*) AS n, AVG(CAST(h.DURATION_ AS DOUBLE PRECISION)) AS mean,"
                + " PERCENTILE_DISC(0.9) WITHIN GROUP (ORDER BY h.DURATION_) AS p90"
                + " FROM ACT_HI_TASKINST h JOIN xs_claim c ON c.process_instance_id = h.PROC_INST_ID_"
                + " JOIN xs_unit u ON u.id = c.unit_id"
                + " WHERE h.END_TIME_ IS NOT NULL AND h.DURATION_ IS NOT NULL AND c.claim_year = :year" + s.where("u")
                + " GROUP BY h.TASK_DEF_KEY_ ORDER BY h.TASK_DEF_KEY_", s.params(),
                (rs, i) -> new StepTime(rs.getString(1), rs.getLong(2), rs.getDouble(3), rs.getLong(4)));
    }

    /** Objections (异议) raised against the year's claims, by outcome: OPEN, DISMISSED, UPHELD. */
    Map<String, Long> objections(DashboardScope s) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String st : List.of("OPEN", "DISMISSED", "UPHELD")) {
            counts.put(st, 0L);
        }
        rollups.catchUp();
        jdbc.query("SELECT r.status, SUM(r.n) FROM xs_rollup_objection r JOIN xs_unit u ON u.id = r.unit_id"
                + " WHERE r.yr = :year" + s.where("u") + " GROUP BY r.status", s.params(), rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        return counts;
    }

    /**
     * Incidents and failed jobs (retries used up). Unrestricted (admin, no filter): the whole engine;
     * otherwise those of claim processes in scope, whatever the year.
     */
    ProcessHealth health(DashboardScope s) {
        if (s.unrestricted()) {
            return new ProcessHealth(
                    jdbc.queryForObject("SELECT COUNT(*) FROM ACT_RU_INCIDENT", Map.of(), Long.class),
                    jdbc.queryForObject("SELECT COUNT(*) FROM ACT_RU_JOB WHERE RETRIES_ = 0", Map.of(), Long.class));
        }
        String units = " JOIN xs_unit u ON u.id = c.unit_id WHERE 1 = 1" + s.where("u");
        return new ProcessHealth(
                jdbc.queryForObject("SELECT COUNT(*) FROM ACT_RU_INCIDENT x"
                        + " JOIN xs_claim c ON c.process_instance_id = x.PROC_INST_ID_" + units, s.params(), Long.class),
                jdbc.queryForObject("SELECT COUNT(*) FROM ACT_RU_JOB x"
                        + " JOIN xs_claim c ON c.process_instance_id = x.PROCESS_INSTANCE_ID_" + units + " AND x.RETRIES_ = 0",
                        s.params(), Long.class));
    }
}
