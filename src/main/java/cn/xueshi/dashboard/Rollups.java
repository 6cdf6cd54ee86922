package cn.xueshi.dashboard;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
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

    Rollups(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx, LockProvider locks,
            @Value("${xueshi.dashboard.rollup-batch}") int batch,
            @Value("${xueshi.dashboard.rollup-lock-at-most-for}") Duration lockAtMostFor,
            @Value("${xueshi.dashboard.rollup-wait}") Duration wait, @Value("${xueshi.dashboard.rollup-poll}") Duration poll) {
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
        record Mark(long id, String user, int yr) {
        }
        List<Mark> marks = jdbc.query("SELECT id, user_id, yr FROM xs_rollup_dirty ORDER BY id FETCH FIRST " + batch + " ROWS ONLY",
                new MapSqlParameterSource(), (rs, i) -> new Mark(rs.getLong(1), rs.getString(2), rs.getInt(3)));
        if (marks.isEmpty()) {
            return false;
        }
        Set<List<Object>> personYears = new LinkedHashSet<>();
        marks.forEach(m -> personYears.add(List.of(m.user(), m.yr())));
        Set<List<Object>> unitYears = new LinkedHashSet<>();
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
        for (List<Object> uy : unitYears) {
            foldUnitYear((Long) uy.get(0), (Integer) uy.get(1));
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
                    "xs_rollup_day")) {
                jdbc.update("DELETE FROM " + table, none);
            }
            jdbc.update(PERSON_ROWS.formatted("", ""), none);
            jdbc.update(STATE_ROWS.formatted(""), none);
            jdbc.update(TYPE_ROWS.formatted(""), none);
            jdbc.update(OBJECTION_ROWS.formatted(""), none);
            jdbc.update(DAY_ROWS.formatted("submitted_at", "S", ""), none);
            jdbc.update(DAY_ROWS.formatted("registered_at", "R", ""), none);
            if (last != null) {
                jdbc.update("DELETE FROM xs_rollup_dirty WHERE id <= :last", new MapSqlParameterSource("last", last));
            }
            jdbc.update("DELETE FROM xs_rollup_meta WHERE name = 'built'", none);
            jdbc.update("INSERT INTO xs_rollup_meta (name, built_at) VALUES ('built', :at)",
                    new MapSqlParameterSource("at", Timestamp.from(Instant.now())));
        });
    }

    boolean built() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM xs_rollup_meta WHERE name = 'built'", new MapSqlParameterSource(),
                Long.class) > 0;
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
