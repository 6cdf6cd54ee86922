package cn.xueshi.task;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Paging of every task list (xueshi.task-list.*): the rows a page shows unless the person picks another size,
 * the most a page may show (a caller's size beyond it is refused with a message, not obeyed), and how many
 * entries of each other task list the reviewer's inbox shows above its claims (the rest on the list's own pages).
 */
@ConfigurationProperties("xueshi.task-list")
public record TaskListProperties(@DefaultValue("50") int pageSize, @DefaultValue("200") int maxPageSize,
        @DefaultValue("10") int sectionPreview) {

    public TaskListProperties {
        if (pageSize < 1 || maxPageSize < pageSize || sectionPreview < 1) {
            throw new IllegalArgumentException("xueshi.task-list: need 1 <= page-size <= max-page-size");
        }
    }
}
