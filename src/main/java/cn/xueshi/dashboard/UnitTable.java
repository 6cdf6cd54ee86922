package cn.xueshi.dashboard;

import cn.xueshi.dashboard.ComplianceQueries.UnitRow;
import cn.xueshi.paging.PageRequest;
import cn.xueshi.task.TaskListProperties;
import cn.xueshi.paging.ListPage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The overview's 各单位 table. A province has thousands of units and the whole country tens of thousands: the page
 * shows one page of them (xueshi.task-list.page-size, like every list), narrowed by a name or code the viewer types
 * and sorted as they choose — by default the lowest share meeting the requirement first, where a supervisor has to
 * act. It pages the rows the overview already holds (one rolled-up row per unit, computed once for the page or read
 * from the nationwide copy), so paging costs no query; the export still lists every unit.
 */
record UnitTable(ListPage<UnitRow> page, PageRequest request, boolean beyondLastPage, String query, Sort sort,
        List<String> errors, int maxQuery) {

    /** Orders of the table; the first is the default. */
    enum Sort {
        SHARE(Comparator.comparing((UnitRow u) -> u.compliantShare() == null ? Double.MAX_VALUE : u.compliantShare())),
        NAME(Comparator.comparing(UnitRow::name)),
        PERSONS(Comparator.comparingLong(UnitRow::persons).reversed()),
        OBLIGATIONS(Comparator.comparingLong(UnitRow::openObligations).reversed()),
        FILING(Comparator.comparing((UnitRow u) -> u.filingDeadline() == null ? java.time.LocalDate.MAX : u.filingDeadline()));

        private final Comparator<UnitRow> order;

        Sort(Comparator<UnitRow> order) {
            // ties in a stable order, so a unit never moves between pages from one request to the next
            this.order = order.thenComparing(UnitRow::jurisdiction).thenComparing(UnitRow::code)
                    .thenComparingLong(UnitRow::unitId);
        }

        /** The parameter's value for links and the select. */
        public String param() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The page asked for; a sort, page, size or search that is not acceptable is not obeyed and not a 500: the
     * default is used and {@link #errors()} holds the message key shown beside the field (what was typed is kept).
     */
    static UnitTable of(List<UnitRow> units, String query, String sort, String page, String size,
            TaskListProperties limits, int maxQuery) {
        List<String> errors = new ArrayList<>();
        Sort order = Sort.SHARE;
        if (sort != null && !sort.isBlank()) {
            order = Arrays.stream(Sort.values()).filter(s -> s.param().equals(sort.strip().toLowerCase(Locale.ROOT)))
                    .findFirst().orElse(null);
            if (order == null) {
                errors.add("dashboard.units.error.sort");
                order = Sort.SHARE;
            }
        }
        String q = query == null ? "" : query.strip();
        if (q.length() > maxQuery) {
            errors.add("dashboard.units.error.query");
            q = "";
        }
        String needle = q.toLowerCase(Locale.ROOT);
        List<UnitRow> matching = needle.isEmpty() ? units : units.stream()
                .filter(u -> u.name().toLowerCase(Locale.ROOT).contains(needle)
                        || u.code().toLowerCase(Locale.ROOT).contains(needle))
                .toList();
        List<UnitRow> sorted = matching.stream().sorted(order.order).toList();
        PageRequest asked = PageRequest.of(page, size, limits.pageSize(), limits.maxPageSize());
        errors.addAll(asked.errors());
        PageRequest request = asked.offset() < sorted.size() ? asked
                : new PageRequest(1, asked.size(), asked.typedPage(), asked.typedSize(), asked.errors());
        int from = (int) request.offset();
        int to = Math.min(sorted.size(), from + request.size());
        // a page after the last one shows the first page, and says so
        return new UnitTable(new ListPage<>(sorted.subList(from, to), request, sorted.size()), asked,
                asked.page() > 1 && request.page() == 1, q, order, List.copyOf(errors), maxQuery);
    }


    public boolean hasError(String key) {
        return errors.contains(key);
    }

    public List<Sort> sorts() {
        return List.of(Sort.values());
    }
}
