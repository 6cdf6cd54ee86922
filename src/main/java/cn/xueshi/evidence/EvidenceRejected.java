package cn.xueshi.evidence;

/** An upload that may not be kept; the message key and arguments explain why, in the user's language. */
public class EvidenceRejected extends RuntimeException {

    private final String messageKey;
    private final Object[] args;

    public EvidenceRejected(String messageKey, Object... args) {
        super(messageKey);
        this.messageKey = messageKey;
        this.args = args;
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] args() {
        return args;
    }
}
