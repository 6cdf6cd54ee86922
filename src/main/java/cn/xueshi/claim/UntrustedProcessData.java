package cn.xueshi.claim;

/**
 * A process variable a lifecycle step trusts (which claim, who decided, what was decided) does not match the
 * product's own records. Deliberately not a BpmnError: the step runs in the transaction of the task
 * completion that reached it, so the completion rolls back, its caller gets this error, and no incident is
 * left behind. The message names the variable, never other people's records.
 */
public class UntrustedProcessData extends RuntimeException {

    public UntrustedProcessData(String variable) {
        super("Process variable '" + variable + "' does not match the product's records; nothing was changed");
    }
}
