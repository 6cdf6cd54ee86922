package cn.xueshi.makeup;

import cn.xueshi.claim.HardshipAdjustments;
import java.math.BigDecimal;
import org.springframework.stereotype.Component;

/** Approved reductions lower a year's requirement; an open obligation lets next year's claims count for it. */
@Component
class MakeupAdjustments implements HardshipAdjustments {

    private final MakeupRequestRepository requests;
    private final MakeupObligationRepository obligations;

    MakeupAdjustments(MakeupRequestRepository requests, MakeupObligationRepository obligations) {
        this.requests = requests;
        this.obligations = obligations;
    }

    @Override
    public Reduction reduction(String claimant, int year) {
        BigDecimal pub = BigDecimal.ZERO;
        BigDecimal prof = BigDecimal.ZERO;
        for (MakeupRequest r : requests.findByClaimantAndYearAndStatus(claimant, year, MakeupRequest.Status.APPROVED)) {
            if (r.getRemedy() == MakeupRequest.Remedy.REDUCTION) {
                pub = pub.add(nz(r.getApprovedPublic()));
                prof = prof.add(nz(r.getApprovedProfessional()));
            }
        }
        return new Reduction(pub, prof);
    }

    @Override
    public boolean openMakeup(String claimant, int year) {
        return obligations.findByClaimantAndYearAndStatus(claimant, year, MakeupObligation.Status.OPEN).isPresent();
    }

    private static BigDecimal nz(BigDecimal b) {
        return b == null ? BigDecimal.ZERO : b;
    }
}
