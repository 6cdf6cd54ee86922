package cn.xueshi.publicity;

import cn.xueshi.identity.CurrentUser;
import cn.xueshi.task.InboxEntry;
import cn.xueshi.task.InboxSection;
import cn.xueshi.paging.PageRequest;
import cn.xueshi.paging.ListPage;
import cn.xueshi.task.TaskRows;
import cn.xueshi.task.TaskSql;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * The reviewer's open objection tasks (异议), listed in the inbox as "待处理的公示异议". One query per page: the
 * task, the objection id pinned to the task's own sub-process scope ({@link ObjectionScope}) and the objection.
 */
@Component
class ObjectionInbox implements InboxSection {

    private static final String SQL = """
            select t.ID_ as task_id, o.claim_id, o.raised_at, o.reason, count(*) over () as total
            from %s
            join ACT_RU_VARIABLE v on v.EXECUTION_ID_ = t.EXECUTION_ID_ and v.NAME_ = 'objectionId'
                                  and v.TASK_ID_ is null
            join xs_objection o on o.id = v.LONG_
            where 1 = 1
            order by t.CREATE_TIME_ asc, t.ID_ asc""".formatted(TaskSql.myTasks("t.TASK_DEF_KEY_ = :key"));

    private final TaskRows rows;

    ObjectionInbox(DataSource dataSource) {
        this.rows = new TaskRows(dataSource);
    }

    @Override
    public String id() {
        return "objection-tasks";
    }

    @Override
    public String headingKey() {
        return "review.objections.heading";
    }

    @Override
    public ListPage<InboxEntry> openFor(CurrentUser me, PageRequest request) {
        return rows.page(SQL, Map.of("key", PublicityService.OBJECTION_TASK, "me", me.userId()), request,
                rs -> new InboxEntry(rs.getString("task_id"), "/review/objections/" + rs.getString("task_id"),
                        "publicity.handle.title", String.valueOf(rs.getLong("claim_id")),
                        TaskRows.ownInstant(rs, "raised_at"), rs.getString("reason")));
    }
}
