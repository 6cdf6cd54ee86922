package cn.xueshi.claim;

import cn.xueshi.identity.CurrentUser;
import cn.xueshi.identity.Directory;
import cn.xueshi.identity.Groups;
import cn.xueshi.identity.Unit;
import cn.xueshi.identity.UnitRepository;
import java.util.List;
import org.springframework.stereotype.Component;

/** Who may see which claim and its evidence; a claim outside the person's reach is "not found". */
@Component
public class ClaimAccess {

    private final ClaimRepository claims;
    private final UnitRepository units;
    private final Directory directory;

    ClaimAccess(ClaimRepository claims, UnitRepository units, Directory directory) {
        this.claims = claims;
        this.units = units;
        this.directory = directory;
    }

    /** The claim, if {@code me} may see it; otherwise not found (never reveal that it exists). */
    public Claim viewable(long claimId, CurrentUser me) {
        Claim claim = claims.findById(claimId).orElseThrow(ClaimNotFound::new);
        if (!canView(claim, me)) {
            throw new ClaimNotFound();
        }
        return claim;
    }

    /** Claimant, the claim's reviewers, the bureau of its jurisdiction, supervisors there, and admins. */
    public boolean canView(Claim claim, CurrentUser me) {
        return canSeeEvidence(claim, me) || (me.isIn(Groups.SUPERVISOR) && me.oversees(jurisdictionOf(claim)));
    }

    /** Evidence: the claimant, the claim's reviewers, the bureau of its jurisdiction and admins. */
    public boolean canSeeEvidence(Claim claim, CurrentUser me) {
        if (claim.getClaimant().equals(me.userId()) || me.isIn(Groups.ADMIN)) {
            return true;
        }
        if (me.isIn(Groups.BUREAU) && me.oversees(jurisdictionOf(claim))) {
            return true;
        }
        if ("DEPARTMENT".equals(claim.getReviewerKind())) {
            // routed to an industry department (青岛 2023 五): its reviewers, not the unit's
            return me.isIn(Groups.REVIEWER) && directory.departmentReviewers(claim.getReviewerDepartment())
                    .contains(me.userId());
        }
        return me.isIn(Groups.REVIEWER) && !"BUREAU".equals(claim.getReviewerKind()) && me.reviews(claim.getUnitId());
    }

    private String jurisdictionOf(Claim claim) {
        return units.findById(claim.getUnitId()).map(Unit::getJurisdiction).orElse("");
    }

    /** The signed-in person's own claims, newest first. */
    public List<Claim> mine(CurrentUser me) {
        return claims.findByClaimantOrderBySubmittedAtDesc(me.userId());
    }
}
