package cn.xueshi.task;

import cn.xueshi.system.TaskLinkLoginSuccess;
import java.util.Arrays;
import java.util.Optional;

/**
 * The product's task forms, one per human step of bpmn/*.bpmn. A step's {@code camunda:formKey} is
 * {@link #key()}, a path of this application: Camunda Tasklist shows a key without an {@code embedded:} or
 * {@code app:} prefix as an external form and links to {@code <key>?taskId=…&callbackUrl=…}, which
 * {@code tasklist.TaskFormController} answers by sending the person to the form's page for that task. The form's
 * template is {@link #view()} under forms/. Tasks of process versions deployed before the keys were paths
 * carry the bare template name as key; {@link #byKey} resolves both.
 */
public enum TaskForm {

    REVIEW_CLAIM("claim/review-claim", Record.NONE, "/review/tasks/{task}"),
    HANDLE_OBJECTION("claim/handle-objection", Record.NONE, "/review/objections/{task}"),
    CORRECT_CLAIM("claim/correct-claim", Record.CLAIM, "/claims/{record}/correct"),
    COMPILE_FILING("filing/compile-filing", Record.FILING, "/filing/{record}"),
    VERIFY_FILING("filing/verify-filing", Record.FILING, "/filing/{record}"),
    REVIEW_REQUEST("makeup/review-request", Record.NONE, "/makeup/review/{task}"),
    SUPPLEMENT_REQUEST("makeup/supplement-request", Record.MAKEUP_REQUEST, "/makeup/{record}/supplement"),
    REVIEW_RULE_FILING("hierarchy/review-rule-filing", Record.NONE, "/rule-sets/filing-tasks/{task}"),
    REVISE_RULE_FILING("hierarchy/revise-rule-filing", Record.NONE, "/rule-sets/filing-tasks/{task}"),
    CHECK_PROOF("title/check-proof", Record.NONE, "/title/proofs/tasks/{task}");

    /** Where every form key points: {@code /task-form/<view>} (Tasklist appends the task's id). */
    public static final String PATH = TaskLinkLoginSuccess.TASK_FORM_PATH;

    /** The record a page is addressed by: none (the page takes the task id), or the one the task's instance carries. */
    public enum Record { NONE, CLAIM, FILING, MAKEUP_REQUEST }

    private final String view;
    private final Record record;
    private final String page;

    TaskForm(String view, Record record, String page) {
        this.view = view;
        this.record = record;
        this.page = page;
    }

    /** The template under forms/ (also the key of process versions deployed before keys were paths). */
    public String view() {
        return view;
    }

    /** The {@code camunda:formKey} of the step in the current models. */
    public String key() {
        return PATH + view;
    }

    public Record record() {
        return record;
    }

    /** The product page for the task; {@code recordId} is the id of {@link #record()} (null for none). */
    public String page(String taskId, Long recordId) {
        return page.replace("{task}", taskId).replace("{record}", String.valueOf(recordId));
    }

    /** The form a key names: the current path keys and the bare names of older deployed versions. */
    public static Optional<TaskForm> byKey(String key) {
        if (key == null) {
            return Optional.empty();
        }
        String name = key.startsWith(PATH) ? key.substring(PATH.length()) : key;
        return Arrays.stream(values()).filter(f -> f.view.equals(name)).findFirst();
    }
}
