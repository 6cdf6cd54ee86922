package cn.xueshi.dashboard;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Each person-year's part of the unit rollups (V132, xs_rollup_part): what the claims, items, objections, days,
 * finished and open tasks and the headcount of one person and year added to the rows of xs_rollup_state, _type,
 * _objection, _day, _step_time, _open_task, _holder and _unit when they were last folded. A unit row is the sum of
 * its parts (the rebuild derives it from them, so that holds from the start); a fold recounts the parts of the marked
 * person-years only — a person's few claims of the year and their tasks — and moves each unit row by after − before.
 * So a fold costs what the changed persons have, not what their unit-year has (issue 16: one claim in a hospital of
 * 8,000 claims recounted all 8,000 and their task history).
 *
 * <p>Why per person-year: the dirty marks are per person and year, and every change of a claim, its items,
 * objections and tasks marks its claimant's years (RollupChanges, TaskRollupListener), so recounting the marked
 * person-years is exactly what changed. A part carries the unit of its claims (claims keep their unit_id), so a person
 * who moves keeps their old claims' parts in the old unit; their headcount part (kind P, year 0) moves from the unit
 * left to the unit joined. A returned or re-reviewed claim, a claimed or unclaimed task, a deleted claim: the next
 * recount of the person-year gives its parts as they are now, and the difference is applied, whatever changed.
 * Changes committed while a fold runs leave their mark for the next fold, which recounts the person-year from the
 * committed data and corrects the parts; only the folder (under the rollup lock) writes parts and unit rows, in one
 * transaction, so unit row = sum of parts always holds.
 *
 * <p>The longest duration of a step bucket cannot be subtracted: it follows the largest part; when a part's
 * longest shrinks (a claim with history deleted or moved out of the person-year — durations of finished tasks never
 * change), that unit row's longest is recounted from the task history of its unit-year and step, a rare case.
 */
@Component
class RollupParts {

    /** The kinds of parts: the unit rollup they add to, its key and its count column. */
    enum Kind {
        STATE('S', "xs_rollup_state", List.of("unit_id", "yr", "status"), "n"),
        TYPE('T', "xs_rollup_type", List.of("unit_id", "yr", "activity_type"), "items"),
        OBJECTION('O', "xs_rollup_objection", List.of("unit_id", "yr", "status"), "n"),
        DAY('D', "xs_rollup_day", List.of("unit_id", "on_day", "kind"), "n"),
        STEP('H', "xs_rollup_step_time", List.of("unit_id", "yr", "task_key", "bucket"), "n"),
        OPEN('Q', "xs_rollup_open_task", List.of("unit_id", "yr", "task_key", "due"), "n"),
        HOLDER('W', "xs_rollup_holder", List.of("unit_id", "yr", "holder", "due"), "n"),
        HEADCOUNT('P', "xs_rollup_unit", List.of("unit_id"), "persons");

        final char code;
        final String table;
        final List<String> keys;
        final String count;

        Kind(char code, String table, List<String> keys, String count) {
            this.code = code;
            this.table = table;
            this.keys = keys;
            this.count = count;
        }

        static Kind of(char code) {
            for (Kind k : values()) {
                if (k.code == code) {
                    return k;
                }
            }
            throw new IllegalArgumentException("rollup part kind " + code);
        }

        /** The part column a key column of the unit rollup comes from. */
        static String partColumn(String key) {
            return switch (key) {
                case "status", "activity_type", "kind", "task_key", "holder" -> "k";
                default -> key;
            };
        }
    }

    static final String COLUMNS = "kind, user_id, yr, unit_id, k, bucket, due, on_day, n, pub, prof, sum_ms, max_ms";

    /** The parts of every person-year counted from the data; {@code %s} narrows the persons (or not). */
    private List<String> selects() {
        String none = ", 0, 0, 0, 0";
        return List.of(
                "SELECT 'S', c.claimant, c.claim_year, c.unit_id, c.status, 0, CAST(NULL AS TIMESTAMP), CAST(NULL AS DATE),"
                        + " COUNT(*)" + none + " FROM xs_claim c WHERE 1 = 1 %s GROUP BY c.claimant, c.claim_year, c.unit_id, c.status",
                "SELECT 'T', c.claimant, COALESCE(c.makeup_for_year, c.claim_year), c.unit_id, i.activity_type, 0,"
                        + " CAST(NULL AS TIMESTAMP), CAST(NULL AS DATE), COUNT(*), COALESCE(SUM(i.public_hours), 0),"
                        + " COALESCE(SUM(i.professional_hours), 0), 0, 0 FROM xs_claim_item i JOIN xs_claim c ON c.id = i.claim_id"
                        + " WHERE c.status IN " + Rollups.STATES + " %s"
                        + " GROUP BY c.claimant, COALESCE(c.makeup_for_year, c.claim_year), c.unit_id, i.activity_type",
                "SELECT 'O', c.claimant, c.claim_year, c.unit_id, o.status, 0, CAST(NULL AS TIMESTAMP), CAST(NULL AS DATE),"
                        + " COUNT(*)" + none + " FROM xs_objection o JOIN xs_claim c ON c.id = o.claim_id WHERE 1 = 1 %s"
                        + " GROUP BY c.claimant, c.claim_year, c.unit_id, o.status",
                day("submitted_at", "S"), day("registered_at", "R"),
                "SELECT 'H', claimant, claim_year, unit_id, task_key, bucket, CAST(NULL AS TIMESTAMP), CAST(NULL AS DATE),"
                        + " COUNT(*), 0, 0, SUM(duration), MAX(duration) FROM (SELECT c.claimant, c.claim_year, c.unit_id,"
                        + " h.TASK_DEF_KEY_ AS task_key, h.DURATION_ AS duration, " + buckets.sql("h.DURATION_") + " AS bucket"
                        + " FROM ACT_HI_TASKINST h JOIN xs_claim c ON c.process_instance_id = h.PROC_INST_ID_"
                        + " WHERE h.END_TIME_ IS NOT NULL AND h.DURATION_ IS NOT NULL AND h.TASK_DEF_KEY_ IS NOT NULL %s) d"
                        + " GROUP BY claimant, claim_year, unit_id, task_key, bucket",
                "SELECT 'Q', c.claimant, c.claim_year, c.unit_id, t.TASK_DEF_KEY_, 0, t.DUE_DATE_, CAST(NULL AS DATE),"
                        + " COUNT(*)" + none + " FROM ACT_RU_TASK t JOIN xs_claim c ON c.process_instance_id = t.PROC_INST_ID_"
                        + " WHERE t.TASK_DEF_KEY_ IS NOT NULL %s GROUP BY c.claimant, c.claim_year, c.unit_id, t.TASK_DEF_KEY_, t.DUE_DATE_",
                // who holds the open tasks: the assignee, else each candidate user or group (a task offered to two counts for both)
                "SELECT 'W', claimant, claim_year, unit_id, holder, 0, due, CAST(NULL AS DATE), COUNT(*)" + none
                        + " FROM (SELECT c.claimant, c.claim_year, c.unit_id, COALESCE(t.ASSIGNEE_, l.USER_ID_, l.GROUP_ID_) AS holder,"
                        + " t.DUE_DATE_ AS due FROM ACT_RU_TASK t JOIN xs_claim c ON c.process_instance_id = t.PROC_INST_ID_"
                        + " LEFT JOIN ACT_RU_IDENTITYLINK l ON l.TASK_ID_ = t.ID_ AND l.TYPE_ = 'candidate' AND t.ASSIGNEE_ IS NULL"
                        + " WHERE 1 = 1 %s) h WHERE holder IS NOT NULL GROUP BY claimant, claim_year, unit_id, holder, due",
                // the headcount: a person counts once, for their unit now (year 0: it is no year's)
                "SELECT 'P', c.user_id, 0, c.unit_id, '', 0, CAST(NULL AS TIMESTAMP), CAST(NULL AS DATE), 1" + none
                        + " FROM xs_person c WHERE 1 = 1 %s");
    }

    /** Claims submitted (S) or registered (R) per day; the year of the part is the day's. */
    private static String day(String column, String kind) {
        return "SELECT 'D', claimant, EXTRACT(YEAR FROM on_day), unit_id, '" + kind + "', 0, CAST(NULL AS TIMESTAMP), on_day, n,"
                + " 0, 0, 0, 0 FROM (SELECT c.claimant, c.unit_id, CAST(c." + column + " AS DATE) AS on_day, COUNT(*) AS n"
                + " FROM xs_claim c WHERE c." + column + " IS NOT NULL %s GROUP BY c.claimant, c.unit_id, CAST(c." + column
                + " AS DATE)) d";
    }

    /** The person column of each select: claims' claimant, the person's user id. */
    private static String narrowed(String select) {
        return select.formatted(select.startsWith("SELECT 'P'") ? "AND c.user_id IN (:users)" : "AND c.claimant IN (:users)");
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final StepTimeBuckets buckets;

    RollupParts(NamedParameterJdbcTemplate jdbc, StepTimeBuckets buckets) {
        this.jdbc = jdbc;
        this.buckets = buckets;
    }

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RollupParts.class);

    /** Runs one step of a rebuild and logs its time at DEBUG (where a province's rebuild spends its minutes). */
    static void timed(String step, Runnable work) {
        long t = System.nanoTime();
        work.run();
        log.debug("rollup rebuild: {} in {} ms", step, (System.nanoTime() - t) / 1_000_000);
    }

    /** The rebuild: every part from the data, then every unit row as the sum of its parts. */
    void rebuild() {
        MapSqlParameterSource none = new MapSqlParameterSource();
        timed("deleting the parts", () -> jdbc.update("DELETE FROM xs_rollup_part", none));
        for (String select : selects()) {
            timed("parts " + select.substring(0, 11), () -> jdbc.update("INSERT INTO xs_rollup_part (" + COLUMNS + ") "
                    + select.formatted(""), none));
        }
        for (Kind kind : Kind.values()) {
            String keys = String.join(", ", kind.keys);
            String from = kind.keys.stream().map(Kind::partColumn).reduce((a, b) -> a + ", " + b).orElseThrow();
            String values = switch (kind) {
                case TYPE -> ", pub, prof";
                case STEP -> ", sum_ms, max_ms";
                default -> "";
            };
            String sums = switch (kind) {
                case TYPE -> ", SUM(pub), SUM(prof)";
                case STEP -> ", SUM(sum_ms), MAX(max_ms)";
                default -> "";
            };
            timed("unit rows " + kind.table, () -> jdbc.update("INSERT INTO " + kind.table + " (" + keys + ", " + kind.count
                    + values + ") SELECT " + from + ", SUM(n)" + sums + " FROM xs_rollup_part WHERE kind = '" + kind.code
                    + "' GROUP BY " + from, none));
        }
    }

    /** A person-year. */
    record PersonYear(String user, int yr) {
    }

    /** A unit rollup row's key: the kind and its key columns (unused ones empty). */
    record Cell(char kind, long unit, int yr, String k, int bucket, Timestamp due, Date day) {
    }

    /** One part: whose, which cell, how much. */
    record Part(String user, int yr, Cell cell, long n, BigDecimal pub, BigDecimal prof, long sumMs, long maxMs) {

        /** Equal amounts (decimals by value: the database may give another scale). */
        boolean sameAs(Part o) {
            return o != null && n == o.n && pub.compareTo(o.pub) == 0 && prof.compareTo(o.prof) == 0 && sumMs == o.sumMs
                    && maxMs == o.maxMs;
        }
    }

    /** What a fold changes in one unit rollup row. */
    static final class Delta {
        long n;
        BigDecimal pub = BigDecimal.ZERO;
        BigDecimal prof = BigDecimal.ZERO;
        long sumMs;
        long maxMs;
        boolean maxShrank;
    }

    /**
     * Recounts the parts of these person-years (and the headcount part of their persons), stores them, and
     * returns what the unit rollup rows change by, per row.
     */
    Map<Cell, Delta> refold(Set<PersonYear> personYears) {
        Set<String> users = new LinkedHashSet<>();
        personYears.forEach(py -> users.add(py.user()));
        Set<PersonYear> counted = new LinkedHashSet<>(personYears);
        users.forEach(u -> counted.add(new PersonYear(u, 0)));
        Map<PersonYear, Map<Cell, Part>> before = new HashMap<>();
        Map<PersonYear, Map<Cell, Part>> after = new HashMap<>();
        List<String> all = new ArrayList<>(users);
        for (int i = 0; i < all.size(); i += 500) {
            MapSqlParameterSource p = new MapSqlParameterSource("users", all.subList(i, Math.min(all.size(), i + 500)));
            jdbc.query("SELECT " + COLUMNS + " FROM xs_rollup_part WHERE user_id IN (:users)", p,
                    rs -> {
                        keep(before, counted, part(rs));
                    });
            for (String select : selects()) {
                jdbc.query(narrowed(select), p, rs -> {
                    keep(after, counted, part(rs));
                });
            }
        }
        Map<Cell, Delta> deltas = new LinkedHashMap<>();
        List<MapSqlParameterSource> gone = new ArrayList<>();
        List<MapSqlParameterSource> stored = new ArrayList<>();
        for (PersonYear py : counted) {
            Map<Cell, Part> b = before.getOrDefault(py, Map.of());
            Map<Cell, Part> a = after.getOrDefault(py, Map.of());
            if (same(b, a)) {
                continue;
            }
            gone.add(new MapSqlParameterSource("user", py.user()).addValue("yr", py.yr()));
            a.values().forEach(part -> stored.add(params(part)));
            Set<Cell> cells = new LinkedHashSet<>(b.keySet());
            cells.addAll(a.keySet());
            for (Cell cell : cells) {
                Part was = b.get(cell);
                Part is = a.get(cell);
                if (is != null && is.sameAs(was)) {
                    continue;
                }
                Delta d = deltas.computeIfAbsent(cell, c -> new Delta());
                if (is != null) {
                    d.n += is.n();
                    d.pub = d.pub.add(is.pub());
                    d.prof = d.prof.add(is.prof());
                    d.sumMs += is.sumMs();
                    d.maxMs = Math.max(d.maxMs, is.maxMs());
                }
                if (was != null) {
                    d.n -= was.n();
                    d.pub = d.pub.subtract(was.pub());
                    d.prof = d.prof.subtract(was.prof());
                    d.sumMs -= was.sumMs();
                    d.maxShrank |= was.maxMs() > (is == null ? 0 : is.maxMs());
                }
            }
        }
        if (!gone.isEmpty()) {
            jdbc.batchUpdate("DELETE FROM xs_rollup_part WHERE user_id = :user AND yr = :yr",
                    gone.toArray(MapSqlParameterSource[]::new));
        }
        if (!stored.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO xs_rollup_part (" + COLUMNS + ") VALUES (:kind, :user, :yr, :unit, :k, :bucket, :due,"
                    + " :day, :n, :pub, :prof, :sum, :max)", stored.toArray(MapSqlParameterSource[]::new));
        }
        return deltas;
    }

    private static boolean same(Map<Cell, Part> b, Map<Cell, Part> a) {
        if (!b.keySet().equals(a.keySet())) {
            return false;
        }
        return a.entrySet().stream().allMatch(e -> e.getValue().sameAs(b.get(e.getKey())));
    }

    private static void keep(Map<PersonYear, Map<Cell, Part>> into, Set<PersonYear> counted, Part part) {
        PersonYear py = new PersonYear(part.user(), part.yr());
        if (counted.contains(py)) {
            into.computeIfAbsent(py, x -> new HashMap<>()).merge(part.cell(), part, (x, y) -> {
                throw new IllegalStateException("two parts of one cell: " + x + ", " + y);
            });
        }
    }

    private static Part part(ResultSet rs) throws SQLException {
        char kind = rs.getString(1).charAt(0);
        int yr = rs.getInt(3);
        Cell cell = new Cell(kind, rs.getLong(4), kind == 'D' || kind == 'P' ? 0 : yr, rs.getString(5), rs.getInt(6),
                rs.getTimestamp(7), rs.getDate(8));
        return new Part(rs.getString(2), yr, cell, rs.getLong(9), rs.getBigDecimal(10), rs.getBigDecimal(11), rs.getLong(12),
                rs.getLong(13));
    }

    private static MapSqlParameterSource params(Part part) {
        Cell c = part.cell();
        return new MapSqlParameterSource("kind", String.valueOf(c.kind())).addValue("user", part.user())
                .addValue("yr", part.yr()).addValue("unit", c.unit()).addValue("k", c.k()).addValue("bucket", c.bucket())
                .addValue("due", c.due(), java.sql.Types.TIMESTAMP).addValue("day", c.day(), java.sql.Types.DATE)
                .addValue("n", part.n()).addValue("pub", part.pub()).addValue("prof", part.prof())
                .addValue("sum", part.sumMs()).addValue("max", part.maxMs());
    }

    /** The parameter of {@link #apply} a key column of a unit rollup is matched with. */
    private static String param(String key) {
        return switch (key) {
            case "unit_id" -> ":unit";
            case "yr" -> ":yr";
            case "bucket" -> ":bucket";
            case "on_day" -> ":day";
            case "due" -> ":due";
            default -> ":k";
        };
    }

    /** Moves one unit rollup row by its delta: added, changed, or removed when nothing is left of it. */
    void apply(Cell cell, Delta d) {
        Kind kind = Kind.of(cell.kind());
        MapSqlParameterSource p = new MapSqlParameterSource("unit", cell.unit()).addValue("yr", cell.yr())
                .addValue("k", cell.k()).addValue("bucket", cell.bucket()).addValue("due", cell.due(), java.sql.Types.TIMESTAMP)
                .addValue("day", cell.day(), java.sql.Types.DATE).addValue("dn", d.n).addValue("dpub", d.pub)
                .addValue("dprof", d.prof).addValue("dsum", d.sumMs).addValue("mx", d.maxMs);
        List<String> where = new ArrayList<>();
        for (String key : kind.keys) {
            // a task without a due instant has a NULL due: no "=" for it
            where.add(key.equals("due") && cell.due() == null ? "due IS NULL" : key + " = " + param(key));
        }
        String match = " WHERE " + String.join(" AND ", where);
        String set = kind.count + " = " + kind.count + " + :dn" + switch (kind) {
            case TYPE -> ", pub = pub + :dpub, prof = prof + :dprof";
            case STEP -> ", sum_ms = sum_ms + :dsum, max_ms = CASE WHEN max_ms < :mx THEN :mx ELSE max_ms END";
            default -> "";
        };
        if (jdbc.update("UPDATE " + kind.table + " SET " + set + match, p) == 0) {
            String values = switch (kind) {
                case TYPE -> ", pub, prof";
                case STEP -> ", sum_ms, max_ms";
                default -> "";
            };
            String params = switch (kind) {
                case TYPE -> ", :dpub, :dprof";
                case STEP -> ", :dsum, :mx";
                default -> "";
            };
            List<String> keyParams = kind.keys.stream().map(RollupParts::param).toList();
            jdbc.update("INSERT INTO " + kind.table + " (" + String.join(", ", kind.keys) + ", " + kind.count + values
                    + ") VALUES (" + String.join(", ", keyParams) + ", :dn" + params + ")", p);
        }
        if (d.n < 0) {
            jdbc.update("DELETE FROM " + kind.table + match + " AND " + kind.count + " <= 0", p);
        }
        if (kind == Kind.STEP && d.maxShrank) {
            // the part that held the longest duration lost it (rare: durations of finished tasks never change): the
            // longest left in the unit-year's history, for this step and bucket
            jdbc.update("UPDATE xs_rollup_step_time SET max_ms = COALESCE((SELECT MAX(h.DURATION_) FROM ACT_HI_TASKINST h"
                    + " JOIN xs_claim c ON c.process_instance_id = h.PROC_INST_ID_ WHERE c.unit_id = :unit AND c.claim_year = :yr"
                    + " AND h.TASK_DEF_KEY_ = :k AND h.END_TIME_ IS NOT NULL AND h.DURATION_ IS NOT NULL AND "
                    + buckets.sql("h.DURATION_") + " = :bucket), 0)" + match, p);
        }
    }
}
