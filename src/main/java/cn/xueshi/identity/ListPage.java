package cn.xueshi.identity;

import java.util.ArrayList;
import java.util.List;

/**
 * One page of a list of people, in the shape of the task lists' paging ({@code task.PageRequest}/{@code TaskPage}) so
 * that the shared paging fragment (templates/fragments/paging.html) renders it: identity is below the task package
 * (task depends on identity), so it cannot use those classes and keeps this small copy of their reading rules.
 */
public record ListPage<T>(List<T> rows, Request request, long total) {

    /**
     * The page and size asked for, read from the raw parameters: not a whole number in range is not obeyed and not
     * a 500: the default is used and {@link #errors()} holds the message key (the task list's) to show beside it.
     */
    public record Request(int page, int size, String typedPage, String typedSize, List<String> errors) {

        static final int MAX_PAGE = 1_000_000;

        public static Request of(String page, String size, int defaultSize, int maxSize) {
            List<String> errors = new ArrayList<>();
            int p = parse(page, 1, MAX_PAGE, 1, "task.page.error.page", errors);
            int s = parse(size, 1, maxSize, defaultSize, "task.page.error.size", errors);
            return new Request(p, s, page, size, List.copyOf(errors));
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
                // not a whole number: the same message as out of range
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

    public int totalPages() {
        return (int) Math.max(1, (total + request.size() - 1) / request.size());
    }

    public boolean hasPrevious() {
        return request.page() > 1;
    }

    public boolean hasNext() {
        return request.page() < totalPages();
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }
}
