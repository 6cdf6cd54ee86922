package cn.xueshi.title;

import cn.xueshi.identity.CurrentUser;
import cn.xueshi.identity.Directory;
import cn.xueshi.identity.Groups;
import cn.xueshi.identity.Unit;
import cn.xueshi.system.NotFound;
import org.springframework.stereotype.Component;

/**
 * Whose title check {@code me} may see: their own; a member's of a unit they review; a member's of a unit in a
 * jurisdiction they oversee as the bureau. Anyone else, or a person without a unit, is "not found".
 */
@Component
class TitleAccess {

    private final Directory directory;

    TitleAccess(Directory directory) {
        this.directory = directory;
    }

    /** The person's unit, if {@code me} may see their check. */
    Unit unitOf(String userId, CurrentUser me) {
        Unit unit = directory.unitOf(userId).orElseThrow(NotFound::new);
        boolean self = me.userId().equals(userId);
        boolean reviewer = me.isIn(Groups.REVIEWER) && me.reviews(unit.getId());
        boolean bureau = me.isIn(Groups.BUREAU) && me.oversees(unit.getJurisdiction());
        if (!self && !reviewer && !bureau) {
            throw new NotFound();
        }
        return unit;
    }
}
