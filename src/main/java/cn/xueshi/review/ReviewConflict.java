package cn.xueshi.review;

/** Someone else completed or claimed the task first; the message key says which. */
public class ReviewConflict extends RuntimeException {

    private final String messageKey;

    public ReviewConflict(String messageKey) {
        super(messageKey);
        this.messageKey = messageKey;
    }

    public String messageKey() {
        return messageKey;
    }
}
