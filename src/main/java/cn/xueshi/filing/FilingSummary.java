package cn.xueshi.filing;

import cn.xueshi.claim.YearProgress;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** 登记备案汇总: per person of the unit, the year's registered hours, requirement and compliance. */
public record FilingSummary(List<PersonRow> people, BigDecimal publicHours, BigDecimal professionalHours,
        BigDecimal totalHours, long compliantCount, Map<String, Long> claimsByStatus) {

    /**
     * @param joinedOn the move date when the person came to the unit during the year (hours carried over are marked)
     * @param leftOn   the move date when they left it during the year (only the hours registered here are shown)
     */
    public record PersonRow(String userId, String name, YearProgress progress, long registeredClaims,
            java.time.LocalDate joinedOn, java.time.LocalDate leftOn) {
    }

    /** Claims of the year not yet registered (nor rejected or withdrawn): they will not be part of this filing. */
    public long unfinished() {
        return claimsByStatus.entrySet().stream()
                .filter(e -> !e.getKey().equals("REGISTERED") && !e.getKey().equals("FILED")
                        && !e.getKey().equals("REJECTED") && !e.getKey().equals("WITHDRAWN"))
                .mapToLong(Map.Entry::getValue).sum();
    }
}
