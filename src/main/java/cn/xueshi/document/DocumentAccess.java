package cn.xueshi.document;

import cn.xueshi.identity.CurrentUser;
import cn.xueshi.identity.Directory;
import cn.xueshi.identity.Groups;
import cn.xueshi.identity.Unit;
import cn.xueshi.identity.UnitRepository;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Who may fetch which document. An employee: only their own 登记表 and certificate. A unit's reviewers
 * and the bureau overseeing the unit's jurisdiction: the unit's summary and its members' 登记表.
 * Anything else is "not found", whatever id is put into the URL.
 */
@Service
class DocumentAccess {

    private final UnitRepository units;
    private final Directory directory;

    DocumentAccess(UnitRepository units, Directory directory) {
        this.units = units;
        this.directory = directory;
    }

    /** The unit, if {@code me} reviews it or oversees its jurisdiction as the bureau. */
    Unit unit(long unitId, CurrentUser me) {
        Unit unit = units.findById(unitId).orElseThrow(DocumentNotFound::new);
        if (!mayFileFor(unit, me)) {
            throw new DocumentNotFound();
        }
        return unit;
    }

    /** The unit, if {@code me} may see it and {@code userId} is one of its members. */
    Unit memberUnit(long unitId, String userId, CurrentUser me) {
        Unit unit = unit(unitId, me);
        if (!directory.membersOf(unitId).contains(userId)) {
            throw new DocumentNotFound();
        }
        return unit;
    }

    boolean mayFileFor(Unit unit, CurrentUser me) {
        return (me.isIn(Groups.REVIEWER) && me.reviews(unit.getId()))
                || (me.isIn(Groups.BUREAU) && me.oversees(unit.getJurisdiction()));
    }

    /** Units whose summary {@code me} may download, in code order. */
    List<Unit> unitsFor(CurrentUser me) {
        Map<Long, Unit> found = new LinkedHashMap<>();
        if (me.isIn(Groups.REVIEWER)) {
            me.reviewedUnits().forEach(u -> found.put(u.getId(), u));
        }
        if (me.isIn(Groups.BUREAU) && !me.jurisdictions().isEmpty()) {
            units.findByJurisdictionInOrderByCode(me.jurisdictions()).forEach(u -> found.put(u.getId(), u));
        }
        return found.values().stream().sorted(Comparator.comparing(Unit::getCode)).toList();
    }
}
