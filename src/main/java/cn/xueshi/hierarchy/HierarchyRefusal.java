package cn.xueshi.hierarchy;

/** A refused change of a derived rule set: the field it concerns and a Chinese message for beside it. */
public class HierarchyRefusal extends RuntimeException {

    private final String field;

    HierarchyRefusal(String field, String message) {
        super(message);
        this.field = field;
    }

    public String getField() {
        return field;
    }
}
