package cn.xueshi.forecast;

import cn.xueshi.title.TitleApplication;
import java.math.BigDecimal;

/**
 * 差额预估 for one person: what the current year still lacks by subject, what the claims on their way (in review,
 * returned, in publicity) would add if approved as they stand (under the year's caps), the days left in the year, and the check of their
 * next title application.
 *
 * @param application the check of the application in {@code applicationYear}; null without a unit
 */
public record Forecast(String userId, String name, int year, BigDecimal missingPublic, BigDecimal missingProfessional,
        BigDecimal missingTotal, BigDecimal pendingPublic, BigDecimal pendingProfessional, int pendingClaims,
        long daysLeft, int applicationYear, TitleApplication application) {

    /** What would still be missing if every pending claim were approved as it stands (total, never below zero). */
    public BigDecimal missingAfterPending() {
        return plain(missingTotal.subtract(pendingPublic.add(pendingProfessional)).max(BigDecimal.ZERO));
    }

    public boolean complete() {
        return missingTotal.signum() == 0 && missingPublic.signum() == 0 && missingProfessional.signum() == 0;
    }

    static BigDecimal plain(BigDecimal b) {
        BigDecimal s = b.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }
}
