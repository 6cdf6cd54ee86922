package cn.xueshi.dashboard;

import cn.xueshi.rules.RecognitionService;
import cn.xueshi.rules.Requirement;
import cn.xueshi.rules.RuleSetHierarchy;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
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

    EffectiveRequirements(RecognitionService recognition, RuleSetHierarchy hierarchy, JdbcTemplate jdbc) {
        this.recognition = recognition;
        this.hierarchy = hierarchy;
        this.jdbc = jdbc;
    }

    /** The overrides of a year, for the departments and units owning a filed set (whatever the scope). */
    Overrides of(int year) {
        Set<String> departments = new HashSet<>();
        Set<Long> units = new HashSet<>();
        for (RuleSetHierarchy.Filed f : hierarchy.history()) {
            if ("DEPARTMENT".equals(f.ownerKind())) {
                departments.add(f.ownerCode());
            } else if ("UNIT".equals(f.ownerKind())) {
                try {
                    units.add(Long.parseLong(f.ownerCode()));
                } catch (NumberFormatException e) {
                    // not a unit id: owns nothing a dashboard counts
                }
            }
        }
        if (departments.isEmpty() && units.isEmpty()) {
            return Overrides.NONE;
        }
        Map<String, Requirement> byKey = new HashMap<>();
        Map<String, Requirement> byDepartment = new HashMap<>();
        for (String code : departments) {
            jdbc.queryForList("SELECT jurisdiction FROM xs_department WHERE code = ?", String.class, code).stream()
                    .findFirst().ifPresent(j -> differing(j, code, null, year, byKey)
                            .ifPresent(r -> byDepartment.put(code, r)));
        }
        Map<Long, Requirement> byUnit = new HashMap<>();
        for (Long id : units) {
            jdbc.query("SELECT jurisdiction, department_code FROM xs_unit WHERE id = ?", rs -> {
                String j = rs.getString(1);
                String dept = rs.getString(2);
                Optional<Requirement> own = differing(j, dept, id, year, byKey);
                // the unit's own set (or, when it does not apply, its department's) decides; else the jurisdiction's
                byUnit.put(id, own.orElseGet(() -> recognition.ruleSetFor(j, year)
                        .flatMap(k -> requirement(k, year, byKey)).orElse(null)));
            }, id);
        }
        byUnit.values().removeIf(java.util.Objects::isNull);
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
