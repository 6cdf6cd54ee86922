package cn.xueshi.claim;

import cn.xueshi.rules.RecognitionResult;
import cn.xueshi.rules.RecognitionService;
import cn.xueshi.rules.Requirement;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * A year's progress from the claims that count (approved), through the recognition service so
 * annual caps, full-year credits and the aggregation rule apply across claims. A claim whose hours
 * a reviewer adjusted counts with the adjusted hours: the adjustment is the unit's final word on it.
 */
@Service
public class ProgressService {

    private final ClaimRepository claims;
    private final ItemParameters parameters;
    private final RecognitionService recognition;
    private final HardshipAdjustments hardship;

    ProgressService(ClaimRepository claims, ItemParameters parameters, RecognitionService recognition,
            HardshipAdjustments hardship) {
        this.hardship = hardship;
        this.claims = claims;
        this.parameters = parameters;
        this.recognition = recognition;
    }

    /** The requirement less an approved reduction, never below zero. */
    public static Requirement lowered(Requirement base, HardshipAdjustments.Reduction reduction) {
        if (!reduction.any()) {
            return base;
        }
        BigDecimal pub = base.publicMin().subtract(reduction.publicHours()).max(BigDecimal.ZERO);
        BigDecimal prof = base.professionalMin().subtract(reduction.professionalHours()).max(BigDecimal.ZERO);
        BigDecimal total = base.total().subtract(reduction.total()).max(BigDecimal.ZERO);
        return new Requirement(total, pub, prof);
    }

    public Optional<YearProgress> of(String claimant, int year, String ruleSet) {
        List<Claim> counted = claims.countingFor(claimant, year,
                java.util.Arrays.stream(ClaimStatus.values()).filter(ClaimStatus::counts).toList());
        List<RecognitionService.DatedItems> items = new ArrayList<>();
        BigDecimal adjustedPublic = BigDecimal.ZERO;
        BigDecimal adjustedProfessional = BigDecimal.ZERO;
        for (Claim c : counted) {
            if (c.isAdjusted()) {
                adjustedPublic = adjustedPublic.add(c.getApprovedPublic());
                adjustedProfessional = adjustedProfessional.add(c.getApprovedProfessional());
            } else {
                // priced again by the version that priced the claim (its set on its date), not by a newer one
                items.add(new RecognitionService.DatedItems(c.getRuleSet(), c.pricingDate(), parameters.requestItems(c)));
            }
        }
        RecognitionResult r;
        try {
            r = recognition.evaluateYear(ruleSet, year, items);
        } catch (cn.xueshi.rules.RecognitionException e) {
            return Optional.empty();
        }
        BigDecimal pub = r.publicHours().add(adjustedPublic);
        BigDecimal prof = r.professionalHours().add(adjustedProfessional);
        BigDecimal total = pub.add(prof);
        HardshipAdjustments.Reduction reduction = hardship.reduction(claimant, year);
        Requirement required = lowered(r.requirement(), reduction);
        boolean compliant = total.compareTo(required.total()) >= 0
                && pub.compareTo(required.publicMin()) >= 0
                && prof.compareTo(required.professionalMin()) >= 0;
        return Optional.of(new YearProgress(year, ruleSet, pub, prof, total, required, compliant,
                counted.size(), reduction.total()));
    }
}
