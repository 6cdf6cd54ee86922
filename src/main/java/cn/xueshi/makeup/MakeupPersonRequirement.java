package cn.xueshi.makeup;

import cn.xueshi.claim.HardshipAdjustments;
import cn.xueshi.claim.ProgressService;
import cn.xueshi.identity.CurrentUser;
import cn.xueshi.identity.CurrentUserService;
import cn.xueshi.identity.Directory;
import cn.xueshi.identity.Groups;
import cn.xueshi.identity.Unit;
import cn.xueshi.rules.PersonRequirement;
import cn.xueshi.rules.Requirement;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The recognition API's per-person requirement: the rule set's, less the person's approved reductions. */
@Component
class MakeupPersonRequirement implements PersonRequirement {

    private final HardshipAdjustments hardship;
    private final Directory directory;
    private final CurrentUserService currentUsers;

    MakeupPersonRequirement(HardshipAdjustments hardship, Directory directory, CurrentUserService currentUsers) {
        this.hardship = hardship;
        this.directory = directory;
        this.currentUsers = currentUsers;
    }

    @Override
    public Optional<Requirement> of(String person, int year, Requirement base, String caller) {
        Optional<Unit> unit = directory.unitOf(person);
        if (unit.isEmpty()) {
            return Optional.empty();
        }
        CurrentUser me = currentUsers.load(caller);
        boolean allowed = person.equals(caller) || me.isIn(Groups.ADMIN)
                || (me.isIn(Groups.REVIEWER) && me.reviews(unit.get().getId()))
                || ((me.isIn(Groups.BUREAU) || me.isIn(Groups.SUPERVISOR)) && me.oversees(unit.get().getJurisdiction()));
        if (!allowed) {
            return Optional.empty();
        }
        return Optional.of(ProgressService.lowered(base, hardship.reduction(person, year)));
    }
}
