package cn.xueshi.system;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Many values asked for in SQL {@code IN (…)} lists: cut into parts of {@link #MOST} values, because drivers and
 * databases cap the parameters of one statement (PostgreSQL's protocol: 32,767) and huge lists plan badly. One
 * place for the size the imports, the roster commit and the start guard share.
 */
public final class InLists {

    /** Values in one IN list. */
    public static final int MOST = 500;

    private InLists() {
    }

    /** The values in consecutive parts of at most {@link #MOST}, in order. */
    public static <T> List<List<T>> parts(Collection<T> values) {
        List<T> all = List.copyOf(values);
        List<List<T>> parts = new ArrayList<>();
        for (int i = 0; i < all.size(); i += MOST) {
            parts.add(all.subList(i, Math.min(all.size(), i + MOST)));
        }
        return parts;
    }

    /** {@code ?,?,…} for a part of {@code n} values (plain JDBC; named templates expand a list themselves). */
    public static String placeholders(int n) {
        return String.join(",", java.util.Collections.nCopies(n, "?"));
    }
}
