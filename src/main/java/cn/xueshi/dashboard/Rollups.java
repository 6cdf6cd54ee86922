package cn.xueshi.dashboard;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import net.javacrumbs.shedlock.core.ExtensibleLockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import net.javacrumbs.shedlock.support.KeepAliveLockProvider;
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
 * marks is folded in one transaction that recounts the marked person-years from the claims themselves — their
 * person rows, and their parts of the unit rows ({@link RollupParts}: the unit rows move by after − before, so a
 * fold costs what the marked persons have, not what their unit-year has) — and deletes exactly the marks it
 * read, so a change committed while the fold runs leaves its mark for the next fold — the rollups never miss a
 * change, they can only lag until the next fold (every {@code xueshi.dashboard.rollup-refresh}, and before every
 * dashboard read).
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

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final LockProvider locks;
    private final int batch;
    private final Duration lockAtMostFor;
    private final Duration wait;
    private final Duration poll;
    private final StepTimeBuckets buckets;
    private final RollupParts parts;
    /** The lock provider extending a fold's or rebuild's lock while it runs (none when the provider cannot extend). */
    private final LockProvider keepAlive;

    Rollups(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx, LockProvider locks,
            @Value("${xueshi.dashboard.rollup-batch}") int batch,
            @Value("${xueshi.dashboard.rollup-lock-at-most-for}") Duration lockAtMostFor,
            @Value("${xueshi.dashboard.rollup-wait}") Duration wait, @Value("${xueshi.dashboard.rollup-poll}") Duration poll,
            StepTimeBuckets buckets, RollupParts parts) {
        this.buckets = buckets;
        this.parts = parts;
        this.wait = wait;
        this.poll = poll;
        this.jdbc = jdbc;
        this.tx = tx;
        this.locks = locks;
        this.batch = batch;
        this.lockAtMostFor = lockAtMostFor;
        this.keepAlive = locks instanceof ExtensibleLockProvider extensible
                ? new KeepAliveLockProvider(extensible, Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "rollup-lock-keep-alive");
                    t.setDaemon(true);
                    return t;
                }))
                : null;
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
     * most that node's fold; false at once while the rollups are not built (the pages say so, nothing is folded).
     */
    boolean catchUp() {
        if (!ready()) {
            // not built yet (a node's start-up rebuild is under way, or about to be): that rebuild counts every claim and
            // drops the marks before it, and a fold now would add whole person-years to unit rows it is replacing
            return false;
        }
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

    /**
     * What the views of one request read after: the request's single {@link #catchUp()} (an overview's eight rollup
     * views each asked for pending marks before: eight SELECTs on xs_rollup_dirty per page, and as many lock attempts
     * and waits while marks were pending). Only {@link #caughtUp()} makes one, so a view that takes it cannot be read
     * before the request's marks were folded (or, when another node holds the lock, waited for as {@link #catchUp()}
     * does). {@link #complete()} is that catch-up's answer.
     */
    static final class Fresh {

        private final boolean complete;

        private Fresh(boolean complete) {
            this.complete = complete;
        }

        boolean complete() {
            return complete;
        }
    }

    /** {@link #catchUp()} once, for every view of a request (a page, an export) that reads the rollups. */
    Fresh caughtUp() {
        return new Fresh(catchUp());
    }

    private boolean pending() {
        return !jdbc.queryForList("SELECT id FROM xs_rollup_dirty ORDER BY id FETCH FIRST 1 ROWS ONLY",
                new MapSqlParameterSource(), Long.class).isEmpty();
    }

    /** Folds up to one batch of marks; true when there may be more. */
    private boolean foldBatch() {
        record Mark(long id, String user, int yr) {
        }
        // (the unit a move left, xs_rollup_dirty.unit_id, is not needed: the person's headcount part says which it was)
        List<Mark> marks = jdbc.query("SELECT id, user_id, yr FROM xs_rollup_dirty ORDER BY id FETCH FIRST " + batch
                + " ROWS ONLY", new MapSqlParameterSource(), (rs, i) -> new Mark(rs.getLong(1), rs.getString(2), rs.getInt(3)));
        if (marks.isEmpty()) {
            return false;
        }
        Set<RollupParts.PersonYear> personYears = new LinkedHashSet<>();
        marks.forEach(m -> personYears.add(new RollupParts.PersonYear(m.user(), m.yr())));
        for (RollupParts.PersonYear py : personYears) {
            MapSqlParameterSource p = new MapSqlParameterSource("user", py.user()).addValue("yr", py.yr());
            jdbc.update("DELETE FROM xs_rollup_person WHERE user_id = :user AND yr = :yr", p);
            jdbc.update(PERSON_ROWS.formatted(ONE_CLAIMANT, ONE_REQUESTER), p);
        }
        Map<RollupParts.Cell, RollupParts.Delta> deltas = parts.refold(personYears);
        // the time per step of each unit-year whose rows move, before and after: the jurisdiction's rows move by as much
        Map<List<Object>, Map<List<Object>, long[]>> stepsBefore = new LinkedHashMap<>();
        deltas.keySet().stream().filter(c -> c.kind() == RollupParts.Kind.STEP.code).forEach(c -> stepsBefore
                .computeIfAbsent(List.of(c.unit(), c.yr()), uy -> stepRows(unitYear(uy))));
        deltas.forEach(parts::apply);
        stepsBefore.forEach((uy, before) -> addToJurisdiction(unitYear(uy), before, stepRows(unitYear(uy))));
        List<Long> ids = marks.stream().map(Mark::id).toList();
        jdbc.update("DELETE FROM xs_rollup_dirty WHERE id IN (:ids)", new MapSqlParameterSource("ids", ids));
        return marks.size() == batch;
    }

    private static MapSqlParameterSource unitYear(List<Object> unitAndYear) {
        return new MapSqlParameterSource("unit", unitAndYear.get(0)).addValue("yr", unitAndYear.get(1));
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
            RollupParts.timed("deleting the rollups", () -> {
                for (String table : List.of("xs_rollup_person", "xs_rollup_state", "xs_rollup_type", "xs_rollup_objection",
                        "xs_rollup_day", "xs_rollup_step_time", "xs_rollup_step_time_j", "xs_rollup_open_task",
                        "xs_rollup_holder", "xs_rollup_unit")) {
                    jdbc.update("DELETE FROM " + table, none);
                }
            });
            RollupParts.timed("person-years", () -> jdbc.update(PERSON_ROWS.formatted("", ""), none));
            // the unit rows as the sums of the person-years' parts, which later folds move by their differences
            parts.rebuild();
            RollupParts.timed("step times by jurisdiction", () -> jdbc.update(
                    "INSERT INTO xs_rollup_step_time_j (jurisdiction, yr, task_key, bucket, n, sum_ms, max_ms)"
                    + " SELECT u.jurisdiction, r.yr, r.task_key, r.bucket, SUM(r.n), SUM(r.sum_ms), MAX(r.max_ms)"
                    + " FROM xs_rollup_step_time r JOIN xs_unit u ON u.id = r.unit_id WHERE u.jurisdiction IS NOT NULL"
                    + " GROUP BY u.jurisdiction, r.yr, r.task_key, r.bucket", none));
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

    /** Set once the rollups were seen built: only a migration or other buckets unbuild them, and both restart the node. */
    private volatile boolean builtSeen;

    /** {@link #built()}, asked only until the first true (a page asks before reading: no statement once built). */
    boolean ready() {
        if (!builtSeen && built()) {
            builtSeen = true;
        }
        return builtSeen;
    }

    /** Asks {@link #built()} again at the next {@link #ready()} (a test that removes the 'built' mark). */
    void forgetBuilt() {
        builtSeen = false;
    }

    private String bucketsMark() {
        return "step-time-buckets " + buckets.fingerprint();
    }

    /**
     * Runs {@code work} while this node holds {@value #LOCK}, extended while it runs (keep-alive): a province's rebuild
     * can take minutes (about 51 s per million claims measured, see BENCHMARK.md), and an expired lock would let a
     * starting node's backfill, which sees no 'built' mark until the rebuild commits, rebuild again beside it. So the
     * lock itself can be short: a node killed while folding (SIGKILL, no unlock) leaves it for at most
     * {@code rollup-lock-at-most-for}, during which every dashboard read on the other nodes waits {@code rollup-wait}
     * for a fold that never ends — with a lock of minutes, a node failure made the dashboards slow for minutes.
     */
    private boolean locked(Runnable work) {
        LockProvider provider = keepAlive != null ? keepAlive : locks;
        Optional<SimpleLock> lock = provider.lock(new LockConfiguration(Instant.now(), LOCK, lockAtMostFor, Duration.ZERO));
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
