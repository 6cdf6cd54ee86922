package cn.xueshi.title;

/** A title-check input out of range: the field it concerns and the message key (with its arguments). */
class TitleInputRejected extends RuntimeException {

    private final String field;
    private final String messageKey;
    private final transient Object[] args;

    TitleInputRejected(String field, String messageKey, Object... args) {
        super(field + ": " + messageKey);
        this.field = field;
        this.messageKey = messageKey;
        this.args = args;
    }

    String field() {
        return field;
    }

    String messageKey() {
        return messageKey;
    }

    Object[] args() {
        return args;
    }
}
