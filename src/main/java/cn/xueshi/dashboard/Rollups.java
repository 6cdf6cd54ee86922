package cn.xueshi.dashboard;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The dashboard rollups (V95): folds the dirty marks the lifecycle writes ({@link RollupChanges}) into
 * per-person and per-unit aggregates, and rebuilds them all from the claims when asked.
 *
 * <p>Once per cluster: a fold or rebuild runs only while this node holds the ShedLock row
 * {@value #LOCK}; a node that finds it taken skips (the holder is doing the same work). Each batch of
 * marks is folded in one transaction that recounts the marked persons and the (unit, year) pairs they
 * touch from the claims themselves and deletes exactly the marks it read, so a change committed while
 * the fold runs leaves its mark for the next fold — the rollups never miss a change, they can only lag
 * until the next fold (every {@code xueshi.dashboard.rollup-refresh}, and before every dashboard read).
 */
@Component
class Rollups {

    static final String LOCK = "dashboard-rollups";

    static final String STATES = "('REGISTERED', 'FILED')";

    /** Counted claims of a person and year, with the approved reductions; {@code %s} narrows (or not) to one person-year. */
    private static final String PERSON_ROWS = "INSERT INTO xs_rollup_person (user_id, yr, unit_id, claims, pub, prof, rp, rf)"
            + " SELECT p.user_id, k.yr, p.unit_id, COALESCE(cl.n, 0), COALESCE(cl.pub, 0), COALESCE(cl.prof, 0),"
            + " COALESCE(rd.rp, 0), COALESCE(rd.rf, 0) FROM xs_person p"
            + " JOIN (SELECT claimant, COALESCE(makeup_for_year, claim_year) AS yr FROM xs_claim WHERE status IN " + STATES + " %1$s"
            + "   UNION SELECT claimant, request_year FROM xs_makeup_request WHERE status = 'APPROVED' AND remedy = 'REDUCTION' %2$s) k"
            + "   ON k.claimant = p.user_id"
            + " LEFT JOIN (SELECT claimant, COALESCE(makeup_for_year, claim_year) AS yr, COUNT(*) AS n,"
            + "   SUM(approved_public) AS pub, SUM(approved_professional) AS prof FROM xs_claim WHERE status IN " + STATES + " %1$s"
            + "   GROUP BY claimant, COALESCE(makeup_for_year, claim_year)) cl ON cl.claimant = k.claimant AND cl.yr = k.yr"
            + " LEFT JOIN (SELECT claimant, request_year AS yr, SUM(COALESCE(approved_public, 0)) AS rp,"
            + "   SUM(COALESCE(approved_professional, 0)) AS rf FROM xs_makeup_request"
            + "   WHERE status = 'APPROVED' AND remedy = 'REDUCTION' %2$s GROUP BY claimant, request_year) rd"
            + "   ON rd.claimant = k.claimant AND rd.yr = k.yr";

    private static final String ONE_CLAIMANT = "AND claimant = :user AND COALESCE(makeup_for_year, claim_year) = :yr";
    private static final String ONE_REQUESTER = "AND claimant = :user AND request_year = :yr";

    private static final String STATE_ROWS = "INSERT INTO xs_rollup_state (unit_id, yr, status, n)"
            + " SELECT unit_id, claim_year, status, COUNT(*) FROM xs_claim WHERE 1 = 1 %s GROUP BY unit_id, claim_year, status";

    private static final String TYPE_ROWS = "INSERT INTO xs_rollup_type (unit_id, yr, activity_type, items, pub, prof)"
            + " SELECT c.unit_id, COALESCE(c.makeup_for_year, c.claim_year), i.activity_type, COUNT(*),"
            + " COALESCE(SUM(i.public_hours), 0), COALESCE(SUM(i.professional_hours), 0)"
            + " FROM xs_claim_item i JOIN xs_claim c ON c.id = i.claim_id WHERE c.status IN " + STATES + " %s"
            + " GROUP BY c.unit_id, COALESCE(c.makeup_for_year, c.claim_year), i.activity_type";

    private static final String OBJECTION_ROWS = "INSERT INTO xs_rollup_objection (unit_id, yr, status, n)"
            + " SELECT c.unit_id, c.claim_year, o.status, COUNT(*) FROM xs_objection o JOIN xs_claim c ON c.id = o.claim_id"
            + " WHERE 1 = 1 %s GROUP BY c.unit_id, c.claim_year, o.status";

    /** Finished user tasks of claims per unit, claim year, step and duration bucket ({@code %1$s} the bucket, {@code %2$s} narrows). */
    private static final String STEP_ROWS = "INSERT INTO xs_rollup_step_time (unit_id, yr, task_key, bucket, n, sum_ms, max_ms)"
            + " SELECT unit_id, claim_year, task_key, bucket, COUNT(*), SUM(duration), MAX(duration) FROM ("
            + " SELECT c.unit_id, c.claim_year, h.TASK_DEF_KEY_ AS task_key, h.DURATION_ AS duration, %1$s AS bucket"
            + " FROM ACT_HI_TASKINST h JOIN xs_claim c ON c.process_instance_id = h.PROC_INST_ID_"
            + " WHERE h.END_TIME_ IS NOT NULL AND h.DURATION_ IS NOT NULL AND h.TASK_DEF_KEY_ IS NOT NULL %2$s) d"
            + " GROUP BY unit_id, claim_year, task_key, bucket";

    /** Open user tasks of claims per unit, claim year, step and due instant. */
    private static final String OPEN_ROWS = "INSERT INTO xs_rollup_open_task (unit_id, yr, task_key, due, n)"
            + " SELECT c.unit_id, c.claim_year, t.TASK_DEF_KEY_, t.DUE_DATE_, COUNT(*)"
            + " FROM ACT_RU_TASK t JOIN xs_claim c ON c.process_instance_id = t.PROC_INST_ID_"
            + " WHERE t.TASK_DEF_KEY_ IS NOT NULL %s GROUP BY c.unit_id, c.claim_year, t.TASK_DEF_KEY_, t.DUE_DATE_";

    /** Who holds them: the assignee, else each candidate user or group (a task offered to two counts for both). */
    private static final String HOLDER_ROWS = "INSERT INTO xs_rollup_holder (unit_id, yr, holder, due, n)"
            + " SELECT unit_id, claim_year, holder, due, COUNT(*) FROM ("
            + " SELECT c.unit_id, c.claim_year, COALESCE(t.ASSIGNEE_, l.USER_ID_, l.GROUP_ID_) AS holder, t.DUE_DATE_ AS due"
            + " FROM ACT_RU_TASK t JOIN xs_claim c ON c.process_instance_id = t.PROC_INST_ID_"
            + " LEFT JOIN ACT_RU_IDENTITYLINK l ON l.TASK_ID_ = t.ID_ AND l.TYPE_ = 'candidate' AND t.ASSIGNEE_ IS NULL"
            + " WHERE 1 = 1 %s) h WHERE holder IS NOT NULL GROUP BY unit_id, claim_year, holder, due";

    private static final String UNIT_ROWS = "INSERT INTO xs_rollup_unit (unit_id, persons)"
            + " SELECT unit_id, COUNT(*) FROM xs_person WHERE 1 = 1 %s GROUP BY unit_id";

    private static final String DAY_ROWS = "INSERT INTO xs_rollup_day (unit_id, on_day, kind, n)"
            + " SELECT unit_id, CAST(%1$s AS DATE), '%2$s', COUNT(*) FROM xs_claim WHERE %1$s IS NOT NULL %3$s"
            + " GROUP BY unit_id, CAST(%1$s AS DATE)";

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final LockProvider locks;
    private final int batch;
    private final Duration lockAtMostFor;
    private final Duration wait;
    private final Duration poll;
    private final StepTimeBuckets buckets;

    Rollups(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx, LockProvider locks,
            @Value("${xueshi.dashboard.rollup-batch}") int batch,
            @Value("${xueshi.dashboard.rollup-lock-at-most-for}") Duration lockAtMostFor,
            @Value("${xueshi.dashboard.rollup-wait}") Duration wait, @Value("${xueshi.dashboard.rollup-poll}") Duration poll,
            StepTimeBuckets buckets) {
        this.buckets = buckets;
        this.wait = wait;
        this.poll = poll;
        this.jdbc = jdbc;
        this.tx = tx;
        this.locks = locks;
        this.batch = batch;
        this.lockAtMostFor = lockAtMostFor;
    }

    /**
     * The background fold, on one node of the cluster at a time (the ShedLock of the schedule, like every
     * {@code @Scheduled} method; the fold itself takes {@value #LOCK}, which dashboard reads take too).
     */
    @Scheduled(fixedDelayString = "${xueshi.dashboard.rollup-refresh}", initialDelayString = "${xueshi.dashboard.rollup-refresh}")
    @SchedulerLock(name = "dashboard-rollups-refresh", lockAtMostFor = "${xueshi.dashboard.rollup-lock-at-most-for}")
    public void refresh() {
        catchUp();
    }

    /**
     * Folds every mark there is (before a dashboard is read, so the page agrees with the claims as of
     * now). Returns false when another node holds the lock: the page then reads rollups that lag by at
     * most that node's fold.
     */
    boolean catchUp() {
        Instant giveUp = Instant.now().plus(wait);
        while (pending()) {
            if (locked(() -> {
                while (Boolean.TRUE.equals(tx.execute(st -> foldBatch()))) {
                    // next batch
                }
            })) {
                return true;
            }
            // another node (or this node's scheduler) is folding: its fold covers these marks, or soon will
            if (Instant.now().isAfter(giveUp)) {
                return false;
            }
            try {
                Thread.sleep(poll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private boolean pending() {
        return !jdbc.queryForList("SELECT id FROM xs_rollup_dirty ORDER BY id FETCH FIRST 1 ROWS ONLY",
                new MapSqlParameterSource(), Long.class).isEmpty();
    }

    /** Folds up to one batch of marks; true when there may be more. */
    private boolean foldBatch() {
        record Mark(long id, String user, int yr, Long leftUnit) {
        }
        List<Mark> marks = jdbc.query("SELECT id, user_id, yr, unit_id FROM xs_rollup_dirty ORDER BY id FETCH FIRST " + batch
                + " ROWS ONLY", new MapSqlParameterSource(),
                (rs, i) -> new Mark(rs.getLong(1), rs.getString(2), rs.getInt(3), (Long) rs.getObject(4, Long.class)));
        if (marks.isEmpty()) {
            return false;
        }
        Set<List<Object>> personYears = new LinkedHashSet<>();
        marks.forEach(m -> personYears.add(List.of(m.user(), m.yr())));
        Set<List<Object>> unitYears = new LinkedHashSet<>();
        // a move marks the unit the person left: its headcount and figures change although nothing of it is left
        marks.stream().filter(m -> m.leftUnit() != null).forEach(m -> unitYears.add(List.of(m.leftUnit(), m.yr())));
        for (List<Object> py : personYears) {
            MapSqlParameterSource p = new MapSqlParameterSource("user", py.get(0)).addValue("yr", py.get(1));
            // the units whose figures this person's change may move: their claims' units, their unit now and before
            List<Long> touched = jdbc.queryForList("SELECT DISTINCT unit_id FROM xs_claim WHERE claimant = :user"
                    + " UNION SELECT unit_id FROM xs_person WHERE user_id = :user"
                    + " UNION SELECT unit_id FROM xs_rollup_person WHERE user_id = :user AND yr = :yr", p, Long.class);
            touched.stream().filter(java.util.Objects::nonNull).forEach(u -> unitYears.add(List.of(u, py.get(1))));
            jdbc.update("DELETE FROM xs_rollup_person WHERE user_id = :user AND yr = :yr", p);
            jdbc.update(PERSON_ROWS.formatted(ONE_CLAIMANT, ONE_REQUESTER), p);
        }
        Set<Long> headcounts = new LinkedHashSet<>();
        for (List<Object> uy : unitYears) {
            foldUnitYear((Long) uy.get(0), (Integer) uy.get(1));
            headcounts.add((Long) uy.get(0));
        }
        for (long unit : headcounts) {
            MapSqlParameterSource p = new MapSqlParameterSource("unit", unit);
            jdbc.update("DELETE FROM xs_rollup_unit WHERE unit_id = :unit", p);
            jdbc.update(UNIT_ROWS.formatted("AND unit_id = :unit"), p);
        }
        List<Long> ids = marks.stream().map(Mark::id).toList();
        jdbc.update("DELETE FROM xs_rollup_dirty WHERE id IN (:ids)", new MapSqlParameterSource("ids", ids));
        return marks.size() == batch;
    }

    /** Recounts one unit's claims of one year into the state, type, objection and day rollups. */
    private void foldUnitYear(long unit, int yr) {
        LocalDate first = LocalDate.of(yr, 1, 1);
        MapSqlParameterSource p = new MapSqlParameterSource("unit", unit).addValue("yr", yr)
                .addValue("fromDay", Date.valueOf(first)).addValue("toDay", Date.valueOf(first.plusYears(1)))
                .addValue("from", Timestamp.valueOf(first.atStartOfDay()))
                .addValue("to", Timestamp.valueOf(first.plusYears(1).atStartOfDay()));
        jdbc.update("DELETE FROM xs_rollup_state WHERE unit_id = :unit AND yr = :yr", p);
        jdbc.update(STATE_ROWS.formatted("AND unit_id = :unit AND claim_year = :yr"), p);
        jdbc.update("DELETE FROM xs_rollup_type WHERE unit_id = :unit AND yr = :yr", p);
        jdbc.update(TYPE_ROWS.formatted("AND c.unit_id = :unit AND COALESCE(c.makeup_for_year, c.claim_year) = :yr"), p);
        jdbc.update("DELETE FROM xs_rollup_objection WHERE unit_id = :unit AND yr = :yr", p);
        jdbc.update(OBJECTION_ROWS.formatted("AND c.unit_id = :unit AND c.claim_year = :yr"), p);
        jdbc.update("DELETE FROM xs_rollup_day WHERE unit_id = :unit AND on_day >= :fromDay AND on_day < :toDay", p);
        for (String[] kind : new String[][] {{"submitted_at", "S"}, {"registered_at", "R"}}) {
            jdbc.update(DAY_ROWS.formatted(kind[0], kind[1], "AND unit_id = :unit AND " + kind[0] + " >= :from AND "
                    + kind[0] + " < :to"), p);
        }
        // the unit-year's tasks: Camunda's rows of this unit's claims of the year (index on the process instance)
        String claims = "AND c.unit_id = :unit AND c.claim_year = :yr";
        Map<List<Object>, long[]> before = stepRows(p);
        jdbc.update("DELETE FROM xs_rollup_step_time WHERE unit_id = :unit AND yr = :yr", p);
        jdbc.update(STEP_ROWS.formatted(buckets.sql("h.DURATION_"), claims), p);
        addToJurisdiction(p, before, stepRows(p));
        jdbc.update("DELETE FROM xs_rollup_open_task WHERE unit_id = :unit AND yr = :yr", p);
        jdbc.update(OPEN_ROWS.formatted(claims), p);
        jdbc.update("DELETE FROM xs_rollup_holder WHERE unit_id = :unit AND yr = :yr", p);
        jdbc.update(HOLDER_ROWS.formatted(claims), p);
    }

    /** The unit-year's step-time rows: (step, bucket) → n, sum, max. */
    private Map<List<Object>, long[]> stepRows(MapSqlParameterSource p) {
        Map<List<Object>, long[]> rows = new HashMap<>();
        jdbc.query("SELECT task_key, bucket, n, sum_ms, max_ms FROM xs_rollup_step_time WHERE unit_id = :unit AND yr = :yr", p,
                rs -> {
                    rows.put(List.of(rs.getString(1), rs.getInt(2)), new long[] {rs.getLong(3), rs.getLong(4), rs.getLong(5)});
                });
        return rows;
    }

    /**
     * Moves the jurisdiction's step-time rows by the unit-year's change (after − before). Only the fold writes
     * them (under the lock), so read-modify-write is safe; the longest duration only grows.
     */
    private void addToJurisdiction(MapSqlParameterSource p, Map<List<Object>, long[]> before, Map<List<Object>, long[]> after) {
        List<String> jurisdiction = jdbc.queryForList("SELECT jurisdiction FROM xs_unit WHERE id = :unit", p, String.class);
        if (jurisdiction.isEmpty() || jurisdiction.get(0) == null) {
            return;
        }
        Set<List<Object>> keys = new LinkedHashSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (List<Object> key : keys) {
            long[] b = before.getOrDefault(key, new long[3]);
            long[] a = after.getOrDefault(key, new long[3]);
            if (a[0] == b[0] && a[1] == b[1] && a[2] <= b[2]) {
                continue;
            }
            MapSqlParameterSource d = new MapSqlParameterSource("j", jurisdiction.get(0)).addValue("yr", p.getValue("yr"))
                    .addValue("k", key.get(0)).addValue("b", key.get(1)).addValue("dn", a[0] - b[0])
                    .addValue("ds", a[1] - b[1]).addValue("mx", a[2]);
            if (jdbc.update("UPDATE xs_rollup_step_time_j SET n = n + :dn, sum_ms = sum_ms + :ds,"
                    + " max_ms = CASE WHEN max_ms < :mx THEN :mx ELSE max_ms END"
                    + " WHERE jurisdiction = :j AND yr = :yr AND task_key = :k AND bucket = :b", d) == 0) {
                jdbc.update("INSERT INTO xs_rollup_step_time_j (jurisdiction, yr, task_key, bucket, n, sum_ms, max_ms)"
                        + " VALUES (:j, :yr, :k, :b, :dn, :ds, :mx)", d);
            }
        }
    }

    /**
     * Builds every rollup from the claims (start-up backfill, and after a bulk load). Marks written
     * before the rebuild are dropped with it; marks written during it are folded afterwards.
     * False when another node holds the lock.
     */
    boolean rebuild() {
        return locked(this::rebuildNow);
    }

    /** The start-up backfill: a rebuild, unless one was done (checked under the lock, so once per cluster). */
    boolean rebuildUnlessBuilt() {
        return locked(() -> {
            if (!built()) {
                rebuildNow();
            }
        });
    }

    private void rebuildNow() {
        tx.executeWithoutResult(st -> {
            MapSqlParameterSource none = new MapSqlParameterSource();
            Long last = jdbc.queryForObject("SELECT MAX(id) FROM xs_rollup_dirty", none, Long.class);
            for (String table : List.of("xs_rollup_person", "xs_rollup_state", "xs_rollup_type", "xs_rollup_objection",
                    "xs_rollup_day", "xs_rollup_step_time", "xs_rollup_step_time_j", "xs_rollup_open_task", "xs_rollup_holder", "xs_rollup_unit")) {
                jdbc.update("DELETE FROM " + table, none);
            }
            jdbc.update(PERSON_ROWS.formatted("", ""), none);
            jdbc.update(STATE_ROWS.formatted(""), none);
            jdbc.update(TYPE_ROWS.formatted(""), none);
            jdbc.update(OBJECTION_ROWS.formatted(""), none);
            jdbc.update(DAY_ROWS.formatted("submitted_at", "S", ""), none);
            jdbc.update(DAY_ROWS.formatted("registered_at", "R", ""), none);
            jdbc.update(STEP_ROWS.formatted(buckets.sql("h.DURATION_"), ""), none);
            jdbc.update("INSERT INTO xs_rollup_step_time_j (jurisdiction, yr, task_key, bucket, n, sum_ms, max_ms)"
                    + " SELECT u.jurisdiction, r.yr, r.task_key, r.bucket, SUM(r.n), SUM(r.sum_ms), MAX(r.max_ms)"
                    + " FROM xs_rollup_step_time r JOIN xs_unit u ON u.id = r.unit_id WHERE u.jurisdiction IS NOT NULL"
                    + " GROUP BY u.jurisdiction, r.yr, r.task_key, r.bucket", none);
            jdbc.update(OPEN_ROWS.formatted(""), none);
            jdbc.update(HOLDER_ROWS.formatted(""), none);
            jdbc.update(UNIT_ROWS.formatted(""), none);
            if (last != null) {
                jdbc.update("DELETE FROM xs_rollup_dirty WHERE id <= :last", new MapSqlParameterSource("last", last));
            }
            jdbc.update("DELETE FROM xs_rollup_meta WHERE name = 'built' OR name LIKE 'step-time-buckets %'", none);
            MapSqlParameterSource at = new MapSqlParameterSource("at", Timestamp.from(Instant.now()));
            jdbc.update("INSERT INTO xs_rollup_meta (name, built_at) VALUES ('built', :at)", at);
            // the bucket bounds the step-time rows were counted with: other bounds in the configuration rebuild them
            jdbc.update("INSERT INTO xs_rollup_meta (name, built_at) VALUES (:name, :at)", at.addValue("name", bucketsMark()));
        });
    }

    /** True when the rollups were built, with the step-time buckets configured now. */
    boolean built() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM xs_rollup_meta WHERE name IN ('built', :buckets)",
                new MapSqlParameterSource("buckets", bucketsMark()), Long.class) == 2;
    }

    private String bucketsMark() {
        return "step-time-buckets " + buckets.fingerprint();
    }

    private boolean locked(Runnable work) {
        Optional<SimpleLock> lock = locks.lock(new LockConfiguration(Instant.now(), LOCK, lockAtMostFor, Duration.ZERO));
        if (lock.isEmpty()) {
            return false;
        }
        try {
            work.run();
            return true;
        } finally {
            lock.get().unlock();
        }
    }

    /** The years a change at these instants and years touches (a timestamp's year in the zones it may be stored in). */
    static List<Integer> years(Iterable<Object> values, java.time.ZoneId... zones) {
        Set<Integer> years = new LinkedHashSet<>();
        for (Object v : values) {
            if (v instanceof Integer y) {
                years.add(y);
            } else if (v instanceof Instant at) {
                for (java.time.ZoneId z : zones) {
                    years.add(at.atZone(z).getYear());
                }
            }
        }
        return new ArrayList<>(years);
    }
}
