package cn.xueshi.filing;

/** A filing that cannot be started; the message key says why. */
public class FilingRefused extends RuntimeException {

    private final String messageKey;

    public FilingRefused(String messageKey) {
        super(messageKey);
        this.messageKey = messageKey;
    }

    public String messageKey() {
        return messageKey;
    }
}
