package cn.xueshi.claim;

import cn.xueshi.identity.Directory;
import org.springframework.stereotype.Component;

/**
 * The routing facts the claim lifecycle's {@code routeReview} reads from the product's records rather than from
 * process variables: the claimant's title series (职称系列, 青岛 2023 五) as it is when the claim goes to review.
 * A variable set at start could be forged or stale; the person's record is what the department routing must follow.
 */
@Component("claimRouting")
public class ClaimRouting {

    private final ClaimRepository claims;
    private final Directory directory;

    ClaimRouting(ClaimRepository claims, Directory directory) {
        this.claims = claims;
        this.directory = directory;
    }

    /** The claimant's title series code, or "" (none recorded, or no such claim: routing then falls to UNIT/BUREAU). */
    public String titleSeries(Object claimId) {
        if (!(claimId instanceof Long id)) {
            return "";
        }
        return claims.findById(id).map(c -> directory.titleSeriesOf(c.getClaimant())).orElse("");
    }
}
