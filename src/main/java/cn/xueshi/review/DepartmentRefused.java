package cn.xueshi.review;

/** A change of a department's reviewers that is refused: the form field it concerns and the message key saying why. */
class DepartmentRefused extends RuntimeException {

    private final String field;
    private final String messageKey;
    private final transient Object[] args;

    DepartmentRefused(String field, String messageKey, Object... args) {
        super(messageKey);
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
        return args.clone();
    }
}
