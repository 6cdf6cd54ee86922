package cn.xueshi.workbench;

import java.time.Instant;

/**
 * One version of a rule set (the version of its {@code -items} decision): when and by whom it was
 * deployed, why, where it came from (SHIPPED with a release, ANALYST, OTHER), and how many claim items it evaluated.
 */
public record VersionRow(int version, String deploymentId, Instant deployedAt, String deployedBy, String comment,
        String source, String kind, boolean active, long evaluatedItems) {
}
