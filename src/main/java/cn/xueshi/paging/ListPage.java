package cn.xueshi.paging;

import java.util.List;

/**
 * One page of a list (a task list, a unit's people): its rows, which page (from 1) of how many, and how many tasks match in all. Built
 * by the database in one query (rows and the total together), never by reading every task.
 */
public record ListPage<T>(List<T> rows, PageRequest request, long total) {

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
