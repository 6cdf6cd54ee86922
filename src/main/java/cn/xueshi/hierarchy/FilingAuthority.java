package cn.xueshi.hierarchy;

import cn.xueshi.hierarchy.DerivedRuleSet.OwnerKind;
import cn.xueshi.identity.Directory;
import cn.xueshi.identity.Groups;
import cn.xueshi.identity.Unit;
import cn.xueshi.identity.UnitRepository;
import cn.xueshi.rules.RecognitionService;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The filing authority (备案机关) of a derived set, routed by {@code dmn/rule-filing-routing.dmn}: a unit's rules are
 * filed with its competent department (that department's members), a provincial department's with the provincial HR
 * department and a city or county department's with the local HR bureau (the bureau users overseeing the
 * jurisdiction).
 */
@Component
class FilingAuthority {

    static final String ROUTING = "rule-filing-routing";

    /** Who files, and after how many working days they are reminded. */
    record Route(String authority, int reminderWorkingDays, String basis) {
    }

    private final RecognitionService recognition;
    private final JdbcTemplate jdbc;
    private final Directory directory;
    private final UnitRepository units;
    private final DepartmentRepository departments;

    FilingAuthority(RecognitionService recognition, JdbcTemplate jdbc, Directory directory, UnitRepository units,
            DepartmentRepository departments) {
        this.recognition = recognition;
        this.jdbc = jdbc;
        this.directory = directory;
        this.units = units;
        this.departments = departments;
    }

    /** The department a set's filing concerns: the owner itself, or the unit's competent department. */
    Optional<Department> department(DerivedRuleSet set) {
        if (set.getOwnerKind() == OwnerKind.DEPARTMENT) {
            return departments.findById(set.getOwnerCode());
        }
        return unit(set).map(Unit::getDepartmentCode).flatMap(departments::findById);
    }

    Optional<Unit> unit(DerivedRuleSet set) {
        if (set.getOwnerKind() != OwnerKind.UNIT) {
            return Optional.empty();
        }
        try {
            return units.findById(Long.parseLong(set.getOwnerCode()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    Route route(DerivedRuleSet set) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("ownerKind", set.getOwnerKind().name());
        vars.put("departmentLevel", department(set).map(Department::getLevel).orElse(null));
        Map<String, Object> row = recognition.firstRow(ROUTING, vars)
                .orElseThrow(() -> new IllegalStateException(ROUTING + " matched no row for " + set.getKey()));
        return new Route(String.valueOf(row.get("authority")), ((Number) row.get("reminderWorkingDays")).intValue(),
                String.valueOf(row.get("basis")));
    }

    /** The people who decide on the set's filing (empty when the authority has nobody yet). */
    List<String> usersOf(DerivedRuleSet set) {
        String authority = route(set).authority();
        if ("DEPARTMENT".equals(authority)) {
            return department(set).map(d -> jdbc.queryForList("SELECT user_id FROM xs_department_member "
                    + "WHERE department_code = ? ORDER BY user_id", String.class, d.getCode())).orElse(List.of());
        }
        return directory.overseers(set.getJurisdiction(), Groups.BUREAU);
    }
}
