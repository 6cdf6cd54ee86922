package cn.xueshi.document;

import cn.xueshi.claim.YearProgress;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One person's year as the 登记表 (Yuxi attachment 1) shows it: the counted activities in date order,
 * the year's totals against the requirement, the unit's opinion on each counted claim, and how many
 * claims are still on their way (in review or publicity) and so not in the totals yet.
 */
record YearRecord(String userId, String name, String familyName, long unitId, String unitName, int year,
        String ruleSet, String ruleSetName, List<Line> lines, YearProgress progress, List<Opinion> opinions,
        int pendingClaims, boolean allFiled) {

    /** One activity of a counted claim; evidence names only where the reader may see the claim's evidence. */
    record Line(LocalDate date, LocalDate end, String activityType, String content, BigDecimal publicHours,
            BigDecimal professionalHours, List<String> evidence, long claimId) {
    }

    /** 单位意见: the decision on one counted claim, by whom, when, with the comment or adjustment reason. */
    record Opinion(long claimId, String decisionZh, String reviewerName, LocalDate date, String comment) {
    }

    boolean hasCountedHours() {
        return progress.claimsCounted() > 0 && progress.totalHours().signum() > 0;
    }

    /** 已备案 once every counted claim is in the unit's verified filing, else 登记完成. */
    String statusCode() {
        return allFiled ? "FILED" : "REGISTERED";
    }
}
