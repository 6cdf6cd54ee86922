package cn.xueshi.ruleedit;

import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A form shown again after an error keeps what was typed, field by field. The editors' forms are records of the
 * texts as typed, so the field names and their order are the record's own: a field added to a form is shown again
 * without a second list to keep in step (the maintainers' 新增活动类型 and 本级回归用例 forms).
 */
public final class TypedForm {

    private TypedForm() {
    }

    /** The record's components in declaration order → their values as typed (null where nothing was posted). */
    public static Map<String, String> echo(Record form) {
        Map<String, String> typed = new LinkedHashMap<>();
        for (RecordComponent c : form.getClass().getRecordComponents()) {
            if (c.getType() != String.class) {
                throw new IllegalArgumentException(form.getClass().getSimpleName() + "." + c.getName()
                        + " is not a text as typed");
            }
            try {
                // the forms are records nested in package-private classes: their accessors are not reachable otherwise
                c.getAccessor().setAccessible(true);
                typed.put(c.getName(), (String) c.getAccessor().invoke(form));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + c.getName() + " of " + form.getClass().getName(), e);
            }
        }
        return typed;
    }
}
