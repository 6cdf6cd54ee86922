package cn.xueshi.dashboard;

import cn.xueshi.rules.RecognitionService;
import cn.xueshi.rules.Requirement;
import cn.xueshi.rules.RuleSetHierarchy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Where a person's requirement is not their jurisdiction's: a competent department's or a unit's filed set may
 * raise total, public or professional hours (参考 三（三）：行业主管部门有具体规定的，从其规定; the guardrails forbid
 * lowering them). Only departments and units that own a filed set can differ, so the dashboards ask for those few
 * and keep the jurisdiction's requirement for everyone else. Each is the set in force on 31 December of the year
 * ({@link RecognitionService#ruleSetFor(String, String, Long, int)}), the same set the person's year view judges by.
 */
@Component
class EffectiveRequirements {

    /** Requirements differing from the jurisdiction's: by department code (its units), by unit id (wins). */
    record Overrides(Map<String, Requirement> byDepartment, Map<Long, Requirement> byUnit) {

        static final Overrides NONE = new Overrides(Map.of(), Map.of());

        Optional<Requirement> of(Long unitId, String departmentCode) {
            Requirement r = byUnit.get(unitId);
            if (r == null && departmentCode != null) {
                r = byDepartment.get(departmentCode);
            }
            return Optional.ofNullable(r);
        }
    }

    private final RecognitionService recognition;
    private final RuleSetHierarchy hierarchy;
    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    EffectiveRequirements(RecognitionService recognition, RuleSetHierarchy hierarchy, JdbcTemplate jdbc,
            NamedParameterJdbcTemplate named) {
        this.recognition = recognition;
        this.hierarchy = hierarchy;
        this.jdbc = jdbc;
        this.named = named;
    }

    /** The overrides of a year, for every department and unit owning a filed set (the whole country's scope). */
    Overrides of(int year) {
        return of(new DashboardScope(year, null, null));
    }

    /** A filed set's owner whose set is any version filed ({@code %s}: the owner column's condition). */
    private static final String FILED_OWNER = " AND EXISTS (SELECT 1 FROM xs_rule_set s WHERE s.owner_kind = '%s'"
            + " AND s.owner_code = %s AND EXISTS (SELECT 1 FROM xs_rule_set_version v"
            + " WHERE v.rule_set_key = s.rule_set_key AND v.status = 'FILED'))";

    /**
     * The overrides of the scope's year for the departments and units of the scope owning a filed set: only those can
     * judge a person the scope's units count (a unit's own set by its id, its department's by the unit's department
     * code). Every filed set of the database was read before, and each owner cost a few statements, so one
     * province's overview paid for every other province's filings. One unit: {@link #ofOneUnit}.
     */
    Overrides of(DashboardScope scope) {
        if (scope.unitId() != null) {
            return ofOneUnit(scope.year(), scope.unitId());
        }
        int year = scope.year();
        // the departments of the scope's units that own a filed set, with the department's own jurisdiction
        List<String[]> departments = named.query("SELECT d.code, d.jurisdiction FROM xs_department d"
                + " WHERE d.code IN (SELECT u.department_code FROM xs_unit u WHERE u.department_code IS NOT NULL"
                + scope.where("u") + ")" + FILED_OWNER.formatted("DEPARTMENT", "d.code"), scope.params(),
                (rs, i) -> new String[] {rs.getString(1), rs.getString(2)});
        // the scope's units that own a filed set (the owner code of a unit's set is its id)
        List<Object[]> units = named.query("SELECT u.id, u.jurisdiction, u.department_code FROM xs_unit u WHERE 1 = 1"
                + scope.where("u") + FILED_OWNER.formatted("UNIT", "CAST(u.id AS VARCHAR(40))"), scope.params(),
                (rs, i) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3)});
        if (departments.isEmpty() && units.isEmpty()) {
            return Overrides.NONE;
        }
        Map<String, Requirement> byKey = new HashMap<>();
        Map<String, Requirement> byDepartment = new HashMap<>();
        for (String[] d : departments) {
            differing(d[1], d[0], null, year, byKey).ifPresent(r -> byDepartment.put(d[0], r));
        }
        Map<Long, Requirement> byUnit = new HashMap<>();
        for (Object[] u : units) {
            long id = (Long) u[0];
            String j = (String) u[1];
            String dept = (String) u[2];
            Optional<Requirement> own = differing(j, dept, id, year, byKey);
            // the unit's own set (or, when it does not apply, its department's) decides; else the jurisdiction's
            own.or(() -> recognition.ruleSetFor(j, year).flatMap(k -> requirement(k, year, byKey)))
                    .ifPresent(r -> byUnit.put(id, r));
        }
        return new Overrides(Map.copyOf(byDepartment), Map.copyOf(byUnit));
    }

    /**
     * {@link #of(int)}{@code .of(unitId, departmentCode)} for one unit, reading only that unit's and its department's
     * sets: a unit's people page needs no other, and {@link #of(int)} reads every department and unit owning a filed
     * set — a few statements each, so a province's filings would make every unit page slower.
     */
    Optional<Requirement> ofUnit(int year, long unitId, String jurisdiction, String departmentCode) {
        boolean unitFiled = false;
        boolean departmentFiled = false;
        for (RuleSetHierarchy.Filed f : hierarchy.history()) {
            unitFiled |= "UNIT".equals(f.ownerKind()) && String.valueOf(unitId).equals(f.ownerCode());
            departmentFiled |= "DEPARTMENT".equals(f.ownerKind()) && departmentCode != null
                    && departmentCode.equals(f.ownerCode());
        }
        Map<String, Requirement> byKey = new HashMap<>();
        if (unitFiled) {
            Optional<Requirement> own = differing(jurisdiction, departmentCode, unitId, year, byKey);
            Optional<Requirement> decides = own.isPresent() ? own
                    : recognition.ruleSetFor(jurisdiction, year).flatMap(k -> requirement(k, year, byKey));
            if (decides.isPresent()) {
                return decides;
            }
        }
        if (!departmentFiled) {
            return Optional.empty();
        }
        return jdbc.queryForList("SELECT jurisdiction FROM xs_department WHERE code = ?", String.class, departmentCode)
                .stream().findFirst().flatMap(j -> differing(j, departmentCode, null, year, byKey));
    }

    /** {@link #ofUnit(int, long, String, String)} of a unit whose jurisdiction and department are read here. */
    Optional<Requirement> ofUnit(int year, long unitId) {
        List<String[]> unit = jdbc.query("SELECT jurisdiction, department_code FROM xs_unit WHERE id = ?",
                (rs, i) -> new String[] {rs.getString(1), rs.getString(2)}, unitId);
        return unit.isEmpty() ? Optional.empty() : ofUnit(year, unitId, unit.get(0)[0], unit.get(0)[1]);
    }

    /** {@link #of(int)} narrowed to one unit (a one-unit dashboard), read as {@link #ofUnit} does. */
    Overrides ofOneUnit(int year, long unitId) {
        // the unit's entry already falls back to its department's set: the department's own entry is not needed
        return ofUnit(year, unitId).map(r -> new Overrides(Map.of(), Map.of(unitId, r))).orElse(Overrides.NONE);
    }

    /** The requirement of the set that applies, when it is a derived set and differs from the reference's. */
    private Optional<Requirement> differing(String jurisdiction, String department, Long unit, int year,
            Map<String, Requirement> byKey) {
        Optional<String> reference = recognition.ruleSetFor(jurisdiction, year);
        Optional<String> effective = recognition.ruleSetFor(jurisdiction, department, unit, year);
        if (effective.isEmpty() || effective.equals(reference)) {
            return Optional.empty();
        }
        Optional<Requirement> mine = requirement(effective.get(), year, byKey);
        Optional<Requirement> base = reference.flatMap(k -> requirement(k, year, byKey));
        return mine.filter(r -> base.isEmpty() || !same(r, base.get()));
    }

    private Optional<Requirement> requirement(String ruleSet, int year, Map<String, Requirement> byKey) {
        Requirement known = byKey.get(ruleSet);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<Requirement> r = recognition.requirement(ruleSet, year);
        r.ifPresent(x -> byKey.put(ruleSet, x));
        return r;
    }

    private static boolean same(Requirement a, Requirement b) {
        return a.total().compareTo(b.total()) == 0 && a.publicMin().compareTo(b.publicMin()) == 0
                && a.professionalMin().compareTo(b.professionalMin()) == 0;
    }
}
