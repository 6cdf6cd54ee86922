package cn.xueshi.collective;

/** An activity form field that cannot be taken: which field and the Chinese message (with arguments). */
public class ActivityRefused extends RuntimeException {

    private final String field;
    private final String messageKey;
    private final transient Object[] args;

    public ActivityRefused(String field, String messageKey, Object... args) {
        super(messageKey);
        this.field = field;
        this.messageKey = messageKey;
        this.args = args;
    }

    public String field() {
        return field;
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] args() {
        return args;
    }
}
