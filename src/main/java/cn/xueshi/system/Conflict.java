package cn.xueshi.system;

import org.springframework.http.HttpStatus;

/**
 * Someone else completed or claimed the task first, the same request came twice, or a rate limit was
 * reached; the message key says which (with its arguments). Controllers that know where to go back
 * redirect with it as a flash message; anywhere else {@link ConflictAdvice} answers it with
 * {@link #status()} (409 unless told otherwise, e.g. 429 for a rate limit) and the message in Chinese.
 * It lives here, at the bottom, because every capability raises it (not only the task kernel).
 */
public class Conflict extends RuntimeException {

    private final String messageKey;
    private final HttpStatus status;
    private final transient Object[] args;

    public Conflict(String messageKey) {
        this(messageKey, HttpStatus.CONFLICT);
    }

    public Conflict(String messageKey, HttpStatus status, Object... args) {
        super(messageKey);
        this.messageKey = messageKey;
        this.status = status;
        this.args = args;
    }

    public String messageKey() {
        return messageKey;
    }

    public HttpStatus status() {
        return status;
    }

    public Object[] args() {
        return args.clone();
    }
}
