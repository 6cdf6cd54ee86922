package cn.xueshi.review;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One line of a reviewer's inbox: the task and what the list shows of the claim behind it, read together in the
 * page's one query. {@code simple}: one item, hours proposed, no possible duplicate in the unit (batch-approvable).
 */
public record ReviewRow(String taskId, String assignee, Instant due, boolean overdue, long claimId, String claimant,
        String ruleSet, BigDecimal proposedHours, String claimantName, String unitName, List<String> activityTypes,
        boolean simple) {

    public boolean unclaimed() {
        return assignee == null;
    }
}
