package cn.xueshi.evidence;

import cn.xueshi.claim.Claim;
import cn.xueshi.claim.ClaimNotFound;
import cn.xueshi.claim.ClaimService;
import cn.xueshi.identity.CurrentUser;
import cn.xueshi.identity.CurrentUserService;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** Shows an evidence file inline to those who may see it: the claimant, the claim's reviewers, the bureau, admins. */
@Controller
class EvidenceController {

    private final EvidenceStore store;
    private final ClaimService claims;
    private final CurrentUserService currentUsers;

    EvidenceController(EvidenceStore store, ClaimService claims, CurrentUserService currentUsers) {
        this.store = store;
        this.claims = claims;
        this.currentUsers = currentUsers;
    }

    @GetMapping("/claims/{claimId}/evidence/{evidenceId}")
    ResponseEntity<byte[]> show(@PathVariable long claimId, @PathVariable long evidenceId) {
        CurrentUser me = currentUsers.current();
        Claim claim = claims.viewable(claimId, me);
        if (!claims.canSeeEvidence(claim, me)) {
            throw new ClaimNotFound();
        }
        EvidenceFile file = store.find(claimId, evidenceId).orElseThrow(ClaimNotFound::new);
        return InlineFile.of(file, store.content(evidenceId));
    }
}
