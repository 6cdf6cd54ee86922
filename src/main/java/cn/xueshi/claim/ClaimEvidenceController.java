package cn.xueshi.claim;

import cn.xueshi.evidence.EvidenceFile;
import cn.xueshi.evidence.EvidenceStore;
import cn.xueshi.evidence.InlineFile;
import cn.xueshi.identity.CurrentUser;
import cn.xueshi.identity.CurrentUserService;
import cn.xueshi.system.NotFound;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Shows a claim's evidence file inline to those who may see it: the claimant, the claim's reviewers, the
 * bureau, admins. It sits beside the claim pages (as make-up's evidence sits beside make-up) because the
 * access rule is the claim's; {@code evidence} only stores and opens files.
 */
@Controller
class ClaimEvidenceController {

    private final EvidenceStore store;
    private final ClaimAccess claims;
    private final CurrentUserService currentUsers;

    ClaimEvidenceController(EvidenceStore store, ClaimAccess claims, CurrentUserService currentUsers) {
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
        EvidenceFile file = store.find(claimId, evidenceId).orElseThrow(NotFound::new);
        return InlineFile.of(file, store.content(evidenceId));
    }
}
