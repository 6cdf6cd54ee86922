package cn.xueshi.paging;

import java.util.ArrayList;
import java.util.List;

/**
 * Which page of a list (the task lists, the people of a unit, the units table) a person asked for, read from the raw request parameters: a page or size that is
 * not a whole number in range is not obeyed and not a 500 — the default is used and {@link #errors()} holds the
 * message key to show beside the field, with what was typed kept in {@link #typedPage()} / {@link #typedSize()}.
 */
public record PageRequest(int page, int size, String typedPage, String typedSize, List<String> errors) {

    /** The largest page number accepted: beyond any real list, small enough that offset never overflows. */
    static final int MAX_PAGE = 1_000_000;

    /** {@code defaultSize} and {@code maxSize} come from configuration (xueshi.task-list.page-size, max-page-size). */
    public static PageRequest of(String page, String size, int defaultSize, int maxSize) {
        List<String> errors = new ArrayList<>();
        int p = parse(page, 1, MAX_PAGE, 1, "task.page.error.page", errors);
        int s = parse(size, 1, maxSize, defaultSize, "task.page.error.size", errors);
        return new PageRequest(p, s, page, size, List.copyOf(errors));
    }

    public static PageRequest first(int size) {
        return new PageRequest(1, size, null, null, List.of());
    }

    private static int parse(String raw, int min, int max, int fallback, String key, List<String> errors) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int v = Integer.parseInt(raw.trim());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // not a whole number: same message as out of range
        }
        errors.add(key);
        return fallback;
    }

    public long offset() {
        return (long) (page - 1) * size;
    }

    public boolean hasError(String key) {
        return errors.contains(key);
    }
}
