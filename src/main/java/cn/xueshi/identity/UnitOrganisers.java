package cn.xueshi.identity;

import cn.xueshi.clock.BusinessClock;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 单位活动组织者: who organises unit activities for which one unit (xs_unit_organiser, V114). Granting puts the
 * person in the group {@link Groups#ORGANISER}, revoking takes them out; the group alone gives no unit.
 */
@Service
public class UnitOrganisers {

    private final JdbcTemplate jdbc;
    private final IdentityService identity;
    private final UnitRepository units;

    UnitOrganisers(JdbcTemplate jdbc, IdentityService identity, UnitRepository units) {
        this.jdbc = jdbc;
        this.identity = identity;
        this.units = units;
    }

    /** The unit this person organises activities for, if they are an organiser. */
    public Optional<Unit> unitOf(String userId) {
        return jdbc.queryForList("SELECT unit_id FROM xs_unit_organiser WHERE user_id = ?", Long.class, userId)
                .stream().findFirst().flatMap(units::findById);
    }

    public List<String> organisersOf(long unitId) {
        return jdbc.queryForList("SELECT user_id FROM xs_unit_organiser WHERE unit_id = ? ORDER BY user_id",
                String.class, unitId);
    }

    /** Makes {@code userId} the organiser of {@code unitId}; answers the other unit they organise instead, if any. */
    @Transactional
    public Optional<Unit> grant(String userId, long unitId, String by) {
        Optional<Unit> other = unitOf(userId).filter(u -> u.getId() != unitId);
        if (other.isPresent()) {
            return other;
        }
        if (jdbc.update("UPDATE xs_unit_organiser SET granted_by = ?, granted_at = ? WHERE user_id = ?", by,
                Timestamp.from(BusinessClock.now()), userId) == 0) {
            jdbc.update("INSERT INTO xs_unit_organiser (user_id, unit_id, granted_by, granted_at) VALUES (?, ?, ?, ?)",
                    userId, unitId, by, Timestamp.from(BusinessClock.now()));
        }
        if (identity.createUserQuery().userId(userId).memberOfGroup(Groups.ORGANISER).count() == 0) {
            identity.createMembership(userId, Groups.ORGANISER);
        }
        return Optional.empty();
    }

    @Transactional
    public void revoke(String userId, long unitId) {
        if (jdbc.update("DELETE FROM xs_unit_organiser WHERE user_id = ? AND unit_id = ?", userId, unitId) > 0
                && identity.createUserQuery().userId(userId).memberOfGroup(Groups.ORGANISER).count() > 0) {
            identity.deleteMembership(userId, Groups.ORGANISER);
        }
    }
}
