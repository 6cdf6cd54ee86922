/**
 * The shared task kernel: the user tasks a person may act on and their completion
 * ({@link cn.xueshi.task.HumanTasks}), a task that is not the person's ({@link cn.xueshi.task.NotYourTask}),
 * and the inbox's question to every capability that owns human tasks ({@link cn.xueshi.task.InboxSection}).
 * Capabilities with human steps (review, publicity, filing, make-up, claim correction) depend on it, never
 * on each other for it. Its message keys are in {@code i18n/task_*.properties}.
 */
package cn.xueshi.task;
