package cn.xueshi.claim;

import cn.xueshi.rules.RecognitionRequest;
import cn.xueshi.rules.RecognitionResult;
import cn.xueshi.rules.RecognitionService;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    private final ClaimService claimService;
    private final RecognitionService recognition;

    ProgressService(ClaimRepository claims, ClaimService claimService, RecognitionService recognition) {
        this.claims = claims;
        this.claimService = claimService;
        this.recognition = recognition;
    }

    public Optional<YearProgress> of(String claimant, int year, String ruleSet) {
        List<Claim> counted = claims.findByClaimantAndYearAndStatusIn(claimant, year,
                java.util.Arrays.stream(ClaimStatus.values()).filter(ClaimStatus::counts).toList());
        List<Map<String, Object>> items = new ArrayList<>();
        BigDecimal adjustedPublic = BigDecimal.ZERO;
        BigDecimal adjustedProfessional = BigDecimal.ZERO;
        for (Claim c : counted) {
            if (c.isAdjusted()) {
                adjustedPublic = adjustedPublic.add(c.getApprovedPublic());
                adjustedProfessional = adjustedProfessional.add(c.getApprovedProfessional());
            } else {
                items.addAll(claimService.requestItems(c));
            }
        }
        RecognitionResult r;
        try {
            r = recognition.evaluate(new RecognitionRequest(ruleSet, year, items));
        } catch (cn.xueshi.rules.RecognitionException e) {
            return Optional.empty();
        }
        BigDecimal pub = r.publicHours().add(adjustedPublic);
        BigDecimal prof = r.professionalHours().add(adjustedProfessional);
        BigDecimal total = pub.add(prof);
        boolean compliant = total.compareTo(r.requirement().total()) >= 0
                && pub.compareTo(r.requirement().publicMin()) >= 0
                && prof.compareTo(r.requirement().professionalMin()) >= 0;
        return Optional.of(new YearProgress(year, ruleSet, pub, prof, total, r.requirement(), compliant,
                counted.size()));
    }
}
