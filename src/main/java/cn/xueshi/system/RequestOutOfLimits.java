package cn.xueshi.system;

/**
 * A request value beyond {@link RequestLimits}: answered with 400 and a Chinese message (a page for
 * pages, an RFC 7807 problem for the API) naming the field.
 */
public class RequestOutOfLimits extends RuntimeException {

    private final String field;
    private final String messageKey;
    private final transient Object[] args;

    private RequestOutOfLimits(String field, String messageKey, Object... args) {
        super(messageKey + " " + field);
        this.field = field;
        this.messageKey = messageKey;
        this.args = args;
    }

    static RequestOutOfLimits year(String field, String value, RequestLimits limits) {
        return new RequestOutOfLimits(field, "limits.error.year", field, shorten(value),
                String.valueOf(limits.minYear()), String.valueOf(limits.maxYear()));
    }

    static RequestOutOfLimits tooLong(String field, RequestLimits limits) {
        return new RequestOutOfLimits(field, "limits.error.length", shorten(field), limits.maxParameterLength());
    }

    static RequestOutOfLimits tooMany(String field, RequestLimits limits) {
        return new RequestOutOfLimits(field, "limits.error.values", shorten(field), limits.maxParameterValues());
    }

    /** A crafted value may be 100,000 characters long: the message quotes only its start. */
    private static String shorten(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }

    public String field() {
        return field;
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] args() {
        return args.clone();
    }
}
