package cn.xueshi.makeup;

import cn.xueshi.identity.CurrentUser;
import cn.xueshi.task.InboxEntry;
import cn.xueshi.task.InboxSection;
import cn.xueshi.paging.PageRequest;
import cn.xueshi.paging.ListPage;
import cn.xueshi.task.TaskRows;
import cn.xueshi.task.TaskSql;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The reviewer's open make-up/reduction reviews (补学/减免), listed in the inbox beside the claims; one query per
 * page (task, request by its process instance, the claimant's name).
 */
@Component
class MakeupInbox implements InboxSection {

    private static final String SQL = """
            select t.ID_ as task_id, r.id as request_id, r.created_at, r.claimant, r.request_year, r.reason,
                   p.LAST_ as last_name, p.FIRST_ as first_name, count(*) over () as total
            from %s
            join xs_makeup_request r on r.process_instance_id = t.PROC_INST_ID_
            left join ACT_ID_USER p on p.ID_ = r.claimant
            where 1 = 1
            order by t.CREATE_TIME_ asc, t.ID_ asc""".formatted(TaskSql.myTasks("t.TASK_DEF_KEY_ = :key"));

    private final TaskRows rows;
    private final MessageSource messages;

    MakeupInbox(DataSource dataSource, MessageSource messages) {
        this.rows = new TaskRows(dataSource);
        this.messages = messages;
    }

    @Override
    public String id() {
        return "makeup-tasks";
    }

    @Override
    public String headingKey() {
        return "makeup.inbox.heading";
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public ListPage<InboxEntry> openFor(CurrentUser me, PageRequest request) {
        Locale locale = LocaleContextHolder.getLocale();
        return rows.page(SQL, Map.of("key", MakeupService.REVIEW_TASK, "me", me.userId()), request,
                rs -> new InboxEntry(rs.getString("task_id"), "/makeup/review/" + rs.getString("task_id"),
                        "makeup.inbox.entry", String.valueOf(rs.getLong("request_id")),
                        TaskRows.ownInstant(rs, "created_at"),
                        // "张三 · 2026 年度 · 减免" in the page's language
                        messages.getMessage("makeup.inbox.detail", new Object[] {
                                TaskRows.displayName(rs.getString("last_name"), rs.getString("first_name"),
                                        rs.getString("claimant")),
                                String.valueOf(rs.getInt("request_year")),
                                messages.getMessage("makeup.reason." + rs.getString("reason"), null,
                                        rs.getString("reason"), locale)}, locale)));
    }
}
