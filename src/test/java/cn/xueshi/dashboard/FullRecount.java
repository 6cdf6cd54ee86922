package cn.xueshi.dashboard;

import cn.xueshi.dashboard.ClaimFlowQueries.Holder;
import cn.xueshi.dashboard.ClaimFlowQueries.StepBacklog;
import cn.xueshi.dashboard.ClaimFlowQueries.StepTime;
import cn.xueshi.dashboard.ClaimFlowQueries.Week;
import cn.xueshi.dashboard.ComplianceQueries.HoursByType;
import cn.xueshi.dashboard.ComplianceQueries.PersonRow;
import cn.xueshi.dashboard.ComplianceQueries.UnitRow;
import cn.xueshi.rules.Requirement;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The dashboard figures counted the slow way, straight from the claims (the queries the dashboard ran
 * before the rollups of V95): the recount test requires the rollups to give exactly these.
 */
@Component
class FullRecount {

    static final String COUNTED = "c.status IN ('REGISTERED', 'FILED') AND COALESCE(c.makeup_for_year, c.claim_year) = :year";

    static final String REDUCTIONS = "SELECT claimant, SUM(COALESCE(approved_public, 0)) AS rp,"
            + " SUM(COALESCE(approved_professional, 0)) AS rf FROM xs_makeup_request"
            + " WHERE status = 'APPROVED' AND remedy = 'REDUCTION' AND request_year = :year GROUP BY claimant";

    static final String MEETS = "r.jurisdiction IS NOT NULL"
            + " AND pp.pub >= r.req_public - COALESCE(rd.rp, 0)"
            + " AND pp.prof >= r.req_professional - COALESCE(rd.rf, 0)"
            + " AND pp.pub + pp.prof >= r.req_total - COALESCE(rd.rp, 0) - COALESCE(rd.rf, 0)";

    private static final String CLAIMS = " FROM xs_claim c JOIN xs_unit u ON u.id = c.unit_id WHERE 1 = 1";

    private final NamedParameterJdbcTemplate jdbc;

    FullRecount(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Per person of the scope: hours of the counted claims of the year (the unit and jurisdiction with it). */
    private static String perPerson(DashboardScope s) {
        return "SELECT p.user_id, p.unit_id, u.jurisdiction, COUNT(c.id) AS claims,"
                + " COALESCE(SUM(c.approved_public), 0) AS pub, COALESCE(SUM(c.approved_professional), 0) AS prof"
                + " FROM xs_person p JOIN xs_unit u ON u.id = p.unit_id"
                + " LEFT JOIN xs_claim c ON c.claimant = p.user_id AND " + COUNTED
                + " WHERE 1 = 1" + s.where("u") + " GROUP BY p.user_id, p.unit_id, u.jurisdiction";
    }

    /** The requirements as a derived table (jurisdiction, req_total, req_public, req_professional). */
    private static String requirements(Map<String, Requirement> byJurisdiction, MapSqlParameterSource p) {
        if (byJurisdiction.isEmpty()) {
            return "SELECT CAST(NULL AS VARCHAR(20)) AS jurisdiction, CAST(NULL AS DECIMAL(7, 1)) AS req_total,"
                    + " CAST(NULL AS DECIMAL(7, 1)) AS req_public, CAST(NULL AS DECIMAL(7, 1)) AS req_professional"
                    + " FROM xs_jurisdiction WHERE 1 = 0";
        }
        List<String> rows = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, Requirement> e : byJurisdiction.entrySet()) {
            p.addValue("rj" + i, e.getKey());
            p.addValue("rt" + i, e.getValue().total());
            p.addValue("rp" + i, e.getValue().publicMin());
            p.addValue("rf" + i, e.getValue().professionalMin());
            rows.add("SELECT CAST(:rj" + i + " AS VARCHAR(20)) AS jurisdiction, CAST(:rt" + i + " AS DECIMAL(7, 1)) AS req_total,"
                    + " CAST(:rp" + i + " AS DECIMAL(7, 1)) AS req_public, CAST(:rf" + i + " AS DECIMAL(7, 1)) AS req_professional");
            i++;
        }
        return String.join(" UNION ALL ", rows);
    }

    List<UnitRow> units(DashboardScope s, Map<String, Requirement> requirements, LocalDate today) {
        MapSqlParameterSource p = s.params(Map.of("today", Date.valueOf(today)));
        Map<Long, long[]> compliance = new HashMap<>();
        jdbc.query("SELECT pp.unit_id, COUNT(*) AS persons, SUM(CASE WHEN r.jurisdiction IS NULL THEN 0 ELSE 1 END) AS judged,"
                + " SUM(CASE WHEN " + MEETS + " THEN 1 ELSE 0 END) AS compliant"
                + " FROM (" + perPerson(s) + ") pp"
                + " LEFT JOIN (" + requirements(requirements, p) + ") r ON r.jurisdiction = pp.jurisdiction"
                + " LEFT JOIN (" + REDUCTIONS + ") rd ON rd.claimant = pp.user_id"
                + " GROUP BY pp.unit_id", p, rs -> {
                    compliance.put(rs.getLong(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4)});
                });
        Map<Long, long[]> obligations = new HashMap<>();
        jdbc.query("SELECT o.unit_id, COUNT(*) AS n, SUM(CASE WHEN o.due_date < :today THEN 1 ELSE 0 END) AS overdue"
                + " FROM xs_makeup_obligation o JOIN xs_unit u ON u.id = o.unit_id"
                + " WHERE o.status = 'OPEN' AND o.obligation_year = :year" + s.where("u") + " GROUP BY o.unit_id", p, rs -> {
                    obligations.put(rs.getLong(1), new long[] {rs.getLong(2), rs.getLong(3)});
                });
        return jdbc.query("SELECT u.id, u.code, u.name, u.jurisdiction, f.status, f.deadline FROM xs_unit u"
                + " LEFT JOIN xs_unit_filing f ON f.unit_id = u.id AND f.filing_year = :year"
                + " WHERE 1 = 1" + s.where("u") + " ORDER BY u.jurisdiction, u.code", p, (rs, i) -> {
                    long id = rs.getLong(1);
                    long[] c = compliance.getOrDefault(id, new long[3]);
                    long[] o = obligations.getOrDefault(id, new long[2]);
                    Date deadline = rs.getDate(6);
                    return new UnitRow(id, rs.getString(2), rs.getString(3), rs.getString(4), c[0], c[1], c[2],
                            rs.getString(5), deadline == null ? null : deadline.toLocalDate(), o[0], o[1]);
                });
    }

    List<HoursByType> hoursByType(DashboardScope s) {
        return jdbc.query("SELECT i.activity_type, COUNT(*) AS n, COALESCE(SUM(i.public_hours), 0) AS pub,"
                + " COALESCE(SUM(i.professional_hours), 0) AS prof"
                + " FROM xs_claim_item i JOIN xs_claim c ON c.id = i.claim_id JOIN xs_unit u ON u.id = c.unit_id"
                + " WHERE " + COUNTED + s.where("u") + " GROUP BY i.activity_type ORDER BY i.activity_type", s.params(),
                (rs, i) -> new HoursByType(rs.getString(1), rs.getLong(2), rs.getBigDecimal(3), rs.getBigDecimal(4)));
    }

    List<PersonRow> people(DashboardScope s, Requirement requirement) {
        MapSqlParameterSource p = s.params();
        return jdbc.query("SELECT pp.user_id, au.LAST_, au.FIRST_, pp.claims, pp.pub, pp.prof,"
                + " COALESCE(rd.rp, 0) AS rp, COALESCE(rd.rf, 0) AS rf"
                + " FROM (" + perPerson(s) + ") pp"
                + " LEFT JOIN ACT_ID_USER au ON au.ID_ = pp.user_id"
                + " LEFT JOIN (" + REDUCTIONS + ") rd ON rd.claimant = pp.user_id"
                + " ORDER BY pp.user_id", p, (rs, i) -> {
                    BigDecimal pub = rs.getBigDecimal(5);
                    BigDecimal prof = rs.getBigDecimal(6);
                    BigDecimal rp = rs.getBigDecimal(7);
                    BigDecimal rf = rs.getBigDecimal(8);
                    String name = ((rs.getString(2) == null ? "" : rs.getString(2))
                            + (rs.getString(3) == null ? "" : rs.getString(3))).trim();
                    return new PersonRow(rs.getString(1), name.isEmpty() ? rs.getString(1) : name, rs.getLong(4), pub,
                            prof, rp, rf, requirement == null ? null : ComplianceQueries.meets(requirement, pub, prof, rp, rf));
                });
    }

    Map<String, Long> claimsByState(DashboardScope s) {
        Map<String, Long> counts = new LinkedHashMap<>();
        ClaimFlowQueries.STATES.forEach(st -> counts.put(st, 0L));
        jdbc.query("SELECT c.status, COUNT(*) AS n" + CLAIMS + " AND c.claim_year = :year" + s.where("u")
                + " GROUP BY c.status", s.params(), rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        return counts;
    }

    List<Week> throughput(DashboardScope s) {
        LocalDate first = LocalDate.of(s.year(), 1, 1);
        MapSqlParameterSource p = s.params(Map.of("from", Timestamp.valueOf(first.atStartOfDay()),
                "to", Timestamp.valueOf(first.plusYears(1).atStartOfDay())));
        TreeMap<LocalDate, long[]> weeks = new TreeMap<>();
        for (int column = 0; column < 2; column++) {
            String at = column == 0 ? "c.submitted_at" : "c.registered_at";
            int col = column;
            jdbc.query("SELECT CAST(" + at + " AS DATE) AS d, COUNT(*) AS n" + CLAIMS + " AND " + at + " >= :from AND "
                    + at + " < :to" + s.where("u") + " GROUP BY CAST(" + at + " AS DATE)", p, rs -> {
                        LocalDate monday = rs.getDate(1).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                        weeks.computeIfAbsent(monday, m -> new long[2])[col] += rs.getLong(2);
                    });
        }
        List<Week> result = new ArrayList<>();
        weeks.forEach((monday, n) -> result.add(new Week(monday, n[0], n[1])));
        return result;
    }


    Map<String, Long> objections(DashboardScope s) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String st : List.of("OPEN", "DISMISSED", "UPHELD")) {
            counts.put(st, 0L);
        }
        jdbc.query("SELECT o.status, COUNT(*) FROM xs_objection o JOIN xs_claim c ON c.id = o.claim_id"
                + " JOIN xs_unit u ON u.id = c.unit_id WHERE c.claim_year = :year" + s.where("u")
                + " GROUP BY o.status", s.params(), rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        return counts;
    }

    private static final String OPEN_TASKS = " FROM ACT_RU_TASK t JOIN xs_claim c ON c.process_instance_id = t.PROC_INST_ID_"
            + " JOIN xs_unit u ON u.id = c.unit_id";

    /** The scan the dashboard ran before V130: open tasks of the year's claims per step. */
    List<StepBacklog> backlog(DashboardScope s, LocalDateTime now) {
        return jdbc.query("SELECT t.TASK_DEF_KEY_, COUNT(*) AS n,"
                + " SUM(CASE WHEN t.DUE_DATE_ < :now THEN 1 ELSE 0 END) AS overdue" + OPEN_TASKS
                + " WHERE c.claim_year = :year" + s.where("u") + " GROUP BY t.TASK_DEF_KEY_ ORDER BY t.TASK_DEF_KEY_",
                s.params(Map.of("now", Timestamp.valueOf(now))),
                (rs, i) -> new StepBacklog(rs.getString(1), rs.getLong(2), rs.getLong(3)));
    }

    /** The scan before V130: who holds the open tasks, the busiest first. */
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

    /** Every finished task duration of the year's claims, per step, ascending (for the exact p90 and its bucket). */
    Map<String, List<Long>> durations(DashboardScope s) {
        Map<String, List<Long>> bySteps = new TreeMap<>();
        jdbc.query("SELECT h.TASK_DEF_KEY_, h.DURATION_ FROM ACT_HI_TASKINST h"
                + " JOIN xs_claim c ON c.process_instance_id = h.PROC_INST_ID_ JOIN xs_unit u ON u.id = c.unit_id"
                + " WHERE h.END_TIME_ IS NOT NULL AND h.DURATION_ IS NOT NULL AND c.claim_year = :year" + s.where("u")
                + " ORDER BY h.TASK_DEF_KEY_, h.DURATION_", s.params(), rs -> {
                    bySteps.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getLong(2));
                });
        return bySteps;
    }

    /**
     * Time per step counted from every row: count, mean, and the p90 as the buckets give it — the longest
     * duration in the bucket of the exact discrete p90 (rank ⌈0.9·n⌉).
     */
    List<StepTime> stepTimes(DashboardScope s, StepTimeBuckets buckets) {
        List<StepTime> result = new ArrayList<>();
        durations(s).forEach((step, d) -> {
            long exact = exactP90(d);
            int bucket = buckets.of(exact);
            long inBucket = d.stream().filter(x -> buckets.of(x) == bucket).mapToLong(Long::longValue).max().orElseThrow();
            result.add(new StepTime(step, d.size(), d.stream().mapToLong(Long::longValue).average().orElseThrow(), inBucket));
        });
        return result;
    }

    /** PERCENTILE_DISC(0.9) of ascending durations. */
    static long exactP90(List<Long> ascending) {
        int rank = (9 * ascending.size() + 9) / 10;
        return ascending.get(rank - 1);
    }

    /** Persons per unit of the scope, counted from xs_person. */
    Map<Long, Long> headcounts(DashboardScope s) {
        Map<Long, Long> n = new TreeMap<>();
        jdbc.query("SELECT p.unit_id, COUNT(*) FROM xs_person p JOIN xs_unit u ON u.id = p.unit_id WHERE 1 = 1" + s.where("u")
                + " GROUP BY p.unit_id", s.params(), rs -> {
                    n.put(rs.getLong(1), rs.getLong(2));
                });
        return n;
    }
}
