package cn.xueshi.task;

import java.time.Instant;

/**
 * One open task in an {@link InboxSection}: where its form is, its title (message key with one
 * argument), when it arose and a line of detail (e.g. the objection's reason).
 */
public record InboxEntry(String taskId, String href, String titleKey, String titleArg, Instant at, String detail) {
}
