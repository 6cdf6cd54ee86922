package cn.xueshi.system;

/**
 * A process the application starts was started by someone else (Tasklist, engine-rest, a script) without the
 * variables and the record it needs. Deliberately neither a ProcessEngineException nor a BpmnError: thrown by
 * the start listener before the first wait state or async boundary, it rolls the start back in the caller's
 * transaction, so no instance and no incident is left; the engine API answers it as a 400 with this message.
 */
public class ProcessStartRefused extends RuntimeException {

    public ProcessStartRefused(String message) {
        super(message);
    }
}
