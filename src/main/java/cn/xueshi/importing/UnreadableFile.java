package cn.xueshi.importing;

/** The uploaded file cannot be read as rows at all (empty, not xlsx/csv, damaged, too large, too many rows). */
public class UnreadableFile extends RuntimeException {

    private final String messageKey;
    private final transient Object[] args;

    public UnreadableFile(String messageKey, Object... args) {
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
