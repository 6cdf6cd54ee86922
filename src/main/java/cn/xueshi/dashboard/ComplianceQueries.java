package cn.xueshi.dashboard;

import cn.xueshi.rules.Requirement;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Who meets the year's requirement, per unit and per person, and where the hours come from.
 *
 * <p>Hours of a person for year Y: the sum of the frozen approved public/professional hours of their
 * counted claims (REGISTERED or FILED) for Y — claim year Y, or a make-up claim with
 * {@code makeup_for_year = Y}. The requirement is the person's effective rule set's for Y — the unit's or its
 * competent department's filed set where it differs ({@link EffectiveRequirements}), else the jurisdiction's —
 * less approved reductions (减免). Annual caps that apply across claims are a rules-engine matter
 * ({@code ProgressService}); a dashboard over 1,000,000 people does not replay them, so a person near a cap
 * may show slightly more hours here than on their progress page.
 *
 * <p>Read from the rollups ({@link Rollups}, V95: a row per person and year with those sums, a row per
 * unit, year and activity type; V130: a unit's headcount), never by scanning the claims or the persons; each
 * read follows a fold of the pending changes: its own, or its request's one ({@link Rollups.Fresh}).
 */
@Repository
class ComplianceQueries {

    public record UnitRow(long unitId, String code, String name, String jurisdiction, long persons, long judged,
            long compliant, String filingStatus, LocalDate filingDeadline, long openObligations,
            long overdueObligations) {

        /** Share of judged persons meeting the requirement, 0–100; null when nobody could be judged. */
        public Double compliantShare() {
            return judged == 0 ? null : 100.0 * compliant / judged;
        }

        public boolean filingOverdue(LocalDate today) {
            return filingDeadline != null && !"FILED".equals(filingStatus) && filingDeadline.isBefore(today);
        }
    }

    public record HoursByType(String activityType, long items, BigDecimal publicHours, BigDecimal professionalHours) {
    }

    public record PersonRow(String userId, String name, long claims, BigDecimal publicHours, BigDecimal professionalHours,
            BigDecimal reducedPublic, BigDecimal reducedProfessional, Boolean compliant) {
    }

    public record ClaimRow(long id, int year, Integer makeupForYear, String status, BigDecimal approvedPublic,
            BigDecimal approvedProfessional, LocalDateTime submittedAt, LocalDateTime registeredAt) {
    }

    /**
     * Of a rollup row r of xs_rollup_person against the requirement of its person's effective rule set: the unit's
     * (qu) or its department's (qd) filed set where that differs, else the jurisdiction's (q).
     */
    private static final String MEETS = "q.jurisdiction IS NOT NULL"
            + " AND r.pub >= COALESCE(qu.req_public, qd.req_public, q.req_public) - r.rp"
            + " AND r.prof >= COALESCE(qu.req_professional, qd.req_professional, q.req_professional) - r.rf"
            + " AND r.pub + r.prof >= COALESCE(qu.req_total, qd.req_total, q.req_total) - r.rp - r.rf";

    private final NamedParameterJdbcTemplate jdbc;

    private final Rollups rollups;

    private final EffectiveRequirements effective;

    ComplianceQueries(NamedParameterJdbcTemplate jdbc, Rollups rollups, EffectiveRequirements effective) {
        this.jdbc = jdbc;
        this.rollups = rollups;
        this.effective = effective;
    }

    /** A derived table (key column, req_total, req_public, req_professional) of requirements by some key. */
    private static <K> String requirementsBy(String column, String sqlType, String prefix, Map<K, Requirement> by,
            MapSqlParameterSource p) {
        if (by.isEmpty()) {
            return "SELECT CAST(NULL AS " + sqlType + ") AS " + column + ", CAST(NULL AS DECIMAL(7, 1)) AS req_total,"
                    + " CAST(NULL AS DECIMAL(7, 1)) AS req_public, CAST(NULL AS DECIMAL(7, 1)) AS req_professional"
                    + " FROM xs_jurisdiction WHERE 1 = 0";
        }
        List<String> rows = new ArrayList<>();
        int i = 0;
        for (Map.Entry<K, Requirement> e : by.entrySet()) {
            String n = prefix + i++;
            p.addValue(n + "k", e.getKey());
            p.addValue(n + "t", e.getValue().total());
            p.addValue(n + "p", e.getValue().publicMin());
            p.addValue(n + "f", e.getValue().professionalMin());
            rows.add("SELECT CAST(:" + n + "k AS " + sqlType + ") AS " + column + ", CAST(:" + n + "t AS DECIMAL(7, 1))"
                    + " AS req_total, CAST(:" + n + "p AS DECIMAL(7, 1)) AS req_public, CAST(:" + n + "f AS DECIMAL(7, 1))"
                    + " AS req_professional");
        }
        return String.join(" UNION ALL ", rows);
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

    /**
     * Units of the scope with persons, persons judged (a rule set is in force), persons meeting the
     * requirement, the year's filing (status, deadline) and open make-up obligations of the year.
     */
    List<UnitRow> units(DashboardScope s, Map<String, Requirement> requirements, LocalDate today) {
        return units(s, requirements, today, rollups.caughtUp());
    }

    /** {@link #units(DashboardScope, Map, LocalDate)} of a request whose rollups were caught up ({@code fresh}). */
    List<UnitRow> units(DashboardScope s, Map<String, Requirement> requirements, LocalDate today, Rollups.Fresh fresh) {
        MapSqlParameterSource p = s.params(Map.of("today", Date.valueOf(today)));
        // judged where the jurisdiction has a rule set in force; by the department's or unit's set where it differs
        // (only the sets of the scope's units and their departments, not every filing's)
        EffectiveRequirements.Overrides overrides = requirements.isEmpty() ? EffectiveRequirements.Overrides.NONE
                : effective.of(s);
        // persons with hours or reductions of the year: one rollup row each; everyone else has none of either
        Map<Long, long[]> rolled = new HashMap<>();
        jdbc.query("SELECT r.unit_id, COUNT(*) AS n, SUM(CASE WHEN " + MEETS + " THEN 1 ELSE 0 END) AS compliant"
                + " FROM xs_rollup_person r JOIN xs_unit u ON u.id = r.unit_id"
                + " LEFT JOIN (" + requirements(requirements, p) + ") q ON q.jurisdiction = u.jurisdiction"
                + " LEFT JOIN (" + requirementsBy("department_code", "VARCHAR(40)", "qd", overrides.byDepartment(), p)
                + ") qd ON qd.department_code = u.department_code"
                + " LEFT JOIN (" + requirementsBy("unit_id", "BIGINT", "qu", overrides.byUnit(), p)
                + ") qu ON qu.unit_id = u.id"
                + " WHERE r.yr = :year" + s.where("u") + " GROUP BY r.unit_id", p, rs -> {
                    rolled.put(rs.getLong(1), new long[] {rs.getLong(2), rs.getLong(3)});
                });
        Map<Long, Long> persons = new HashMap<>();
        // headcounts from the rollup (V130), kept current by the fold when people join, leave or move
        jdbc.query("SELECT r.unit_id, r.persons FROM xs_rollup_unit r JOIN xs_unit u ON u.id = r.unit_id WHERE 1 = 1"
                + s.where("u"), p, rs -> {
                    persons.put(rs.getLong(1), rs.getLong(2));
                });
        Map<Long, long[]> obligations = new HashMap<>();
        jdbc.query("SELECT o.unit_id, COUNT(*) AS n, SUM(CASE WHEN o.due_date < :today THEN 1 ELSE 0 END) AS overdue"
                + " FROM xs_makeup_obligation o JOIN xs_unit u ON u.id = o.unit_id"
                + " WHERE o.status = 'OPEN' AND o.obligation_year = :year" + s.where("u") + " GROUP BY o.unit_id", p, rs -> {
                    obligations.put(rs.getLong(1), new long[] {rs.getLong(2), rs.getLong(3)});
                });
        return jdbc.query("SELECT u.id, u.code, u.name, u.jurisdiction, f.status, f.deadline, u.department_code"
                + " FROM xs_unit u"
                + " LEFT JOIN xs_unit_filing f ON f.unit_id = u.id AND f.filing_year = :year"
                + " WHERE 1 = 1" + s.where("u") + " ORDER BY u.jurisdiction, u.code", p, (rs, i) -> {
                    long id = rs.getLong(1);
                    long n = persons.getOrDefault(id, 0L);
                    long[] r = rolled.getOrDefault(id, new long[2]);
                    Requirement req = requirements.get(rs.getString(4));
                    if (req != null) {
                        req = overrides.of(id, rs.getString(7)).orElse(req);
                    }
                    long judged = req == null ? 0 : n;
                    // a person without a row has no hours and no reduction: they comply only if nothing is required
                    long compliant = req == null ? 0
                            : r[1] + (meets(req, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO) ? n - r[0] : 0);
                    long[] o = obligations.getOrDefault(id, new long[2]);
                    Date deadline = rs.getDate(6);
                    return new UnitRow(id, rs.getString(2), rs.getString(3), rs.getString(4), n, judged, compliant,
                            rs.getString(5), deadline == null ? null : deadline.toLocalDate(), o[0], o[1]);
                });
    }

    /** Per-item hours of the year's counted claims by activity type (as frozen when approved). */
    List<HoursByType> hoursByType(DashboardScope s) {
        return hoursByType(s, rollups.caughtUp());
    }

    /** {@link #hoursByType(DashboardScope)} of a request whose rollups were caught up ({@code fresh}). */
    List<HoursByType> hoursByType(DashboardScope s, Rollups.Fresh fresh) {
        return jdbc.query("SELECT t.activity_type, SUM(t.items) AS n, SUM(t.pub) AS pub, SUM(t.prof) AS prof"
                + " FROM xs_rollup_type t JOIN xs_unit u ON u.id = t.unit_id"
                + " WHERE t.yr = :year" + s.where("u") + " GROUP BY t.activity_type ORDER BY t.activity_type", s.params(),
                (rs, i) -> new HoursByType(rs.getString(1), rs.getLong(2), rs.getBigDecimal(3), rs.getBigDecimal(4)));
    }

    /** The people of one unit (the scope names it) with their hours, reductions and whether they comply. */
    List<PersonRow> people(DashboardScope s, Requirement jurisdictionRequirement) {
        return judged(s, jurisdictionRequirement == null || s.unitId() == null ? jurisdictionRequirement
                : effective.ofUnit(s.year(), s.unitId()).orElse(jurisdictionRequirement));
    }

    /** {@link #people(DashboardScope, Requirement)} of a unit whose jurisdiction and department the caller has read. */
    List<PersonRow> people(DashboardScope s, Requirement jurisdictionRequirement, String unitJurisdiction,
            String departmentCode) {
        return judged(s, jurisdictionRequirement == null || s.unitId() == null ? jurisdictionRequirement
                : effective.ofUnit(s.year(), s.unitId(), unitJurisdiction, departmentCode).orElse(jurisdictionRequirement));
    }

    /** The unit's people, judged by the requirement that applies to the unit (none: not judged). */
    private List<PersonRow> judged(DashboardScope s, Requirement requirement) {
        // the people page's only rollup read: its own catch-up is the request's one
        rollups.catchUp();
        MapSqlParameterSource p = s.params();
        return jdbc.query("SELECT p.user_id, au.LAST_, au.FIRST_, COALESCE(r.claims, 0), COALESCE(r.pub, 0),"
                + " COALESCE(r.prof, 0), COALESCE(r.rp, 0), COALESCE(r.rf, 0)"
                + " FROM xs_person p JOIN xs_unit u ON u.id = p.unit_id"
                + " LEFT JOIN xs_rollup_person r ON r.user_id = p.user_id AND r.yr = :year"
                + " LEFT JOIN ACT_ID_USER au ON au.ID_ = p.user_id"
                + " WHERE 1 = 1" + s.where("u") + " ORDER BY p.user_id", p, (rs, i) -> {
                    BigDecimal pub = rs.getBigDecimal(5);
                    BigDecimal prof = rs.getBigDecimal(6);
                    BigDecimal rp = rs.getBigDecimal(7);
                    BigDecimal rf = rs.getBigDecimal(8);
                    String name = ((rs.getString(2) == null ? "" : rs.getString(2))
                            + (rs.getString(3) == null ? "" : rs.getString(3))).trim();
                    return new PersonRow(rs.getString(1), name.isEmpty() ? rs.getString(1) : name, rs.getLong(4), pub,
                            prof, rp, rf, requirement == null ? null : meets(requirement, pub, prof, rp, rf));
                });
    }

    /** The same test as {@link #MEETS}, for one person. */
    static boolean meets(Requirement r, BigDecimal pub, BigDecimal prof, BigDecimal rp, BigDecimal rf) {
        return pub.compareTo(r.publicMin().subtract(rp)) >= 0 && prof.compareTo(r.professionalMin().subtract(rf)) >= 0
                && pub.add(prof).compareTo(r.total().subtract(rp).subtract(rf)) >= 0;
    }

    /** A person's claims for the year (claim year or make-up year), oldest first. */
    List<ClaimRow> claimsOf(String userId, int year) {
        return jdbc.query("SELECT c.id, c.claim_year, c.makeup_for_year, c.status, c.approved_public,"
                + " c.approved_professional, c.submitted_at, c.registered_at FROM xs_claim c"
                + " WHERE c.claimant = :userId AND (c.claim_year = :year OR c.makeup_for_year = :year)"
                + " ORDER BY c.submitted_at, c.id", new MapSqlParameterSource("userId", userId).addValue("year", year),
                (rs, i) -> {
                    Timestamp registered = rs.getTimestamp(8);
                    return new ClaimRow(rs.getLong(1), rs.getInt(2), (Integer) rs.getObject(3), rs.getString(4),
                            rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getTimestamp(7).toLocalDateTime(),
                            registered == null ? null : registered.toLocalDateTime());
                });
    }
}
