package cn.xueshi.hierarchy;

import cn.xueshi.hierarchy.DerivedRuleSet.OwnerKind;
import cn.xueshi.identity.CurrentUser;
import cn.xueshi.identity.Groups;
import cn.xueshi.system.NotFound;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Who may do what with a derived set. A rule maintainer (group {@code rulemaintainer}) changes only the sets of the
 * departments and units named for them in xs_rule_maintainer; the filing authority sees what is filed with it;
 * analysts, bureaus and supervisors of the jurisdiction read. Anyone else is answered 404, as if the set did not exist.
 */
@Component
class MaintainerScope {

    private final JdbcTemplate jdbc;
    private final FilingAuthority authority;

    MaintainerScope(JdbcTemplate jdbc, FilingAuthority authority) {
        this.jdbc = jdbc;
        this.authority = authority;
    }

    /** The departments or units a maintainer maintains (kind, code). */
    List<String[]> owners(String userId) {
        return jdbc.query("SELECT owner_kind, owner_code FROM xs_rule_maintainer WHERE user_id = ? "
                + "ORDER BY owner_kind, owner_code", (rs, n) -> new String[] {rs.getString(1), rs.getString(2)}, userId);
    }

    boolean maintainsOwner(CurrentUser me, OwnerKind kind, String code) {
        return me.isIn(Groups.RULE_MAINTAINER) && jdbc.queryForObject("SELECT COUNT(*) FROM xs_rule_maintainer "
                + "WHERE user_id = ? AND owner_kind = ? AND owner_code = ?", Long.class, me.userId(), kind.name(), code) > 0;
    }

    boolean maintains(CurrentUser me, DerivedRuleSet set) {
        return maintainsOwner(me, set.getOwnerKind(), set.getOwnerCode());
    }

    boolean mayView(CurrentUser me, DerivedRuleSet set) {
        return maintains(me, set) || me.isIn(Groups.ANALYST) || authority.usersOf(set).contains(me.userId())
                || (me.isIn(Groups.BUREAU) || me.isIn(Groups.SUPERVISOR)) && me.oversees(set.getJurisdiction());
    }

    /** The set if the person may read it; 404 otherwise. */
    DerivedRuleSet readable(CurrentUser me, DerivedRuleSet set) {
        if (!mayView(me, set)) {
            throw new NotFound();
        }
        return set;
    }

    /** The set if the person maintains it; 404 otherwise (a foreign set is not revealed). */
    DerivedRuleSet maintained(CurrentUser me, DerivedRuleSet set) {
        if (!maintains(me, set)) {
            throw new NotFound();
        }
        return set;
    }
}
