package cn.xueshi.rules;

/** A request the rules cannot evaluate; {@link #field()} names the offending field (e.g. items[2].rank). */
public class RecognitionException extends RuntimeException {

    private final String field;

    public RecognitionException(String field, String detail) {
        super(detail);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
