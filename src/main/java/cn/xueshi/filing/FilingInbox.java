package cn.xueshi.filing;

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
 * The person's open annual-filing steps (年度备案): compiling the unit's filing (reviewers) and
 * verifying it (the HR bureau), listed in the inbox beside the claims; one query per page (task, filing, unit).
 */
@Component
class FilingInbox implements InboxSection {

    private static final String SQL = """
            select t.ID_ as task_id, t.TASK_DEF_KEY_ as step, t.CREATE_TIME_ as created, f.id as filing_id,
                   f.filing_year, un.name as unit_name, count(*) over () as total
            from %s
            join xs_unit_filing f on f.process_instance_id = t.PROC_INST_ID_
            join xs_unit un on un.id = f.unit_id
            where 1 = 1
            order by case when t.TASK_DEF_KEY_ = :compile then 0 else 1 end, t.CREATE_TIME_ asc, t.ID_ asc"""
            .formatted(TaskSql.myTasks("t.TASK_DEF_KEY_ in (:compile, :verify)"));

    private final TaskRows rows;

    FilingInbox(DataSource dataSource) {
        this.rows = new TaskRows(dataSource);
    }

    @Override
    public String id() {
        return "filing-tasks";
    }

    @Override
    public String headingKey() {
        return "filing.inbox.heading";
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public ListPage<InboxEntry> openFor(CurrentUser me, PageRequest request) {
        return rows.page(SQL, Map.of("compile", FilingService.COMPILE_TASK, "verify", FilingService.VERIFY_TASK,
                "me", me.userId()), request, rs -> new InboxEntry(rs.getString("task_id"),
                "/filing/" + rs.getLong("filing_id"),
                FilingService.COMPILE_TASK.equals(rs.getString("step")) ? "filing.inbox.compile" : "filing.inbox.verify",
                String.valueOf(rs.getInt("filing_year")), TaskRows.engineInstant(rs, "created"),
                rs.getString("unit_name")));
    }
}
