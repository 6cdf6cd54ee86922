package cn.xueshi.hierarchy;

import cn.xueshi.hierarchy.DerivedRuleSet.OwnerKind;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Whose people a derived set governs, for its impact preview: a unit's set → that unit; a department's set → the units
 * that name the department as their competent department. Never anyone else's.
 */
@Component
class OwnMembers {

    private final JdbcTemplate jdbc;

    OwnMembers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<Long> units(DerivedRuleSet set) {
        if (set.getOwnerKind() == OwnerKind.UNIT) {
            try {
                return List.of(Long.valueOf(set.getOwnerCode()));
            } catch (NumberFormatException notAUnitId) {
                return List.of();
            }
        }
        return jdbc.queryForList("SELECT id FROM xs_unit WHERE department_code = ? ORDER BY id", Long.class,
                set.getOwnerCode());
    }
}
