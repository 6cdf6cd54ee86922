package cn.xueshi.review;

import cn.xueshi.claim.Claim;
import java.time.Instant;
import java.util.List;

/** One line of a reviewer's inbox: the task and the claim behind it. */
public record ReviewRow(String taskId, String assignee, Instant due, boolean overdue, Claim claim,
        String claimantName, String unitName, List<String> activityTypes) {

    public boolean unclaimed() {
        return assignee == null;
    }
}
