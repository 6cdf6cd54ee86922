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
 * How claims move: counts by state, weekly throughput, open review work, task holders, time per step and
 * objections, all read from the rollups ({@link Rollups}: V95, V96, V130) that the lifecycle and the engine's
 * task events keep current; only process health reads Camunda's tables (incidents and failed jobs are few).
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
        return claimsByState(s, rollups.caughtUp());
    }

    /** {@link #claimsByState(DashboardScope)} of a request whose rollups were caught up ({@code fresh}). */
    Map<String, Long> claimsByState(DashboardScope s, Rollups.Fresh fresh) {
        Map<String, Long> counts = new LinkedHashMap<>();
        STATES.forEach(st -> counts.put(st, 0L));
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
        return throughput(s, rollups.caughtUp());
    }

    /** {@link #throughput(DashboardScope)} of a request whose rollups were caught up ({@code fresh}). */
    List<Week> throughput(DashboardScope s, Rollups.Fresh fresh) {
        LocalDate first = LocalDate.of(s.year(), 1, 1);
        MapSqlParameterSource p = s.params(Map.of("from", java.sql.Date.valueOf(first),
                "to", java.sql.Date.valueOf(first.plusYears(1))));
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

    /** Open user tasks of the year's claims per step, and how many are past their due date (rollup of V130). */
    List<StepBacklog> backlog(DashboardScope s, LocalDateTime now) {
        return backlog(s, now, rollups.caughtUp());
    }

    /** {@link #backlog(DashboardScope, LocalDateTime)} of a request whose rollups were caught up ({@code fresh}). */
    List<StepBacklog> backlog(DashboardScope s, LocalDateTime now, Rollups.Fresh fresh) {
        return jdbc.query("SELECT r.task_key, SUM(r.n) AS n, SUM(CASE WHEN r.due < :now THEN r.n ELSE 0 END) AS overdue"
                + " FROM xs_rollup_open_task r JOIN xs_unit u ON u.id = r.unit_id"
                + " WHERE r.yr = :year" + s.where("u") + " GROUP BY r.task_key ORDER BY r.task_key",
                s.params(Map.of("now", Timestamp.valueOf(now))),
                (rs, i) -> new StepBacklog(rs.getString(1), rs.getLong(2), rs.getLong(3)));
    }

    /**
     * Who holds the open tasks: the assignee, else each candidate user (a task offered to two
     * reviewers counts for both). The {@code limit} busiest first, most overdue first (rollup of V130).
     */
    List<Holder> holders(DashboardScope s, LocalDateTime now, int limit) {
        return holders(s, now, limit, rollups.caughtUp());
    }

    /** {@link #holders(DashboardScope, LocalDateTime, int)} of a request whose rollups were caught up ({@code fresh}). */
    List<Holder> holders(DashboardScope s, LocalDateTime now, int limit, Rollups.Fresh fresh) {
        return jdbc.query("SELECT r.holder, SUM(r.n) AS n, SUM(CASE WHEN r.due < :now THEN r.n ELSE 0 END) AS overdue"
                + " FROM xs_rollup_holder r JOIN xs_unit u ON u.id = r.unit_id"
                + " WHERE r.yr = :year" + s.where("u")
                + " GROUP BY r.holder ORDER BY SUM(CASE WHEN r.due < :now THEN r.n ELSE 0 END) DESC, SUM(r.n) DESC, r.holder"
                + " FETCH FIRST " + limit + " ROWS ONLY",
                s.params(Map.of("now", Timestamp.valueOf(now))),
                (rs, i) -> new Holder(rs.getString(1), rs.getLong(2), rs.getLong(3)));
    }

    /**
     * Finished user tasks of the year's claims per step: count, mean and the 90th percentile read from the
     * duration buckets of the rollup (V130, {@link StepTimeBuckets}): at least the exact p90, below its bucket's bound.
     */
    List<StepTime> stepTimes(DashboardScope s) {
        return stepTimes(s, rollups.caughtUp());
    }

    /** {@link #stepTimes(DashboardScope)} of a request whose rollups were caught up ({@code fresh}). */
    List<StepTime> stepTimes(DashboardScope s, Rollups.Fresh fresh) {
        record Bucket(String step, long n, long sum, long max) {
        }
        // a unit reads its own rows; a province or the country the per-jurisdiction sums (a few dozen rows)
        String from = s.unitId() != null ? " FROM xs_rollup_step_time r JOIN xs_unit u ON u.id = r.unit_id"
                : " FROM xs_rollup_step_time_j r";
        String where = s.unitId() != null ? s.where("u") : new DashboardScope(s.year(), s.jurisdictions(), null).where("r");
        List<Bucket> rows = jdbc.query("SELECT r.task_key, r.bucket, SUM(r.n), SUM(r.sum_ms), MAX(r.max_ms)" + from
                + " WHERE r.yr = :year AND r.n > 0" + where + " GROUP BY r.task_key, r.bucket ORDER BY r.task_key, r.bucket",
                s.params(), (rs, i) -> new Bucket(rs.getString(1), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
        Map<String, List<Bucket>> bySteps = new TreeMap<>();
        rows.forEach(b -> bySteps.computeIfAbsent(b.step(), k -> new ArrayList<>()).add(b));
        List<StepTime> result = new ArrayList<>();
        bySteps.forEach((step, buckets) -> {
            long n = buckets.stream().mapToLong(Bucket::n).sum();
            long sum = buckets.stream().mapToLong(Bucket::sum).sum();
            long p90 = StepTimeBuckets.p90(buckets.stream().map(b -> new long[] {b.n(), b.max()}).toList());
            result.add(new StepTime(step, n, (double) sum / n, p90));
        });
        return result;
    }

    /** Objections (异议) raised against the year's claims, by outcome: OPEN, DISMISSED, UPHELD. */
    Map<String, Long> objections(DashboardScope s) {
        return objections(s, rollups.caughtUp());
    }

    /** {@link #objections(DashboardScope)} of a request whose rollups were caught up ({@code fresh}). */
    Map<String, Long> objections(DashboardScope s, Rollups.Fresh fresh) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String st : List.of("OPEN", "DISMISSED", "UPHELD")) {
            counts.put(st, 0L);
        }
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
