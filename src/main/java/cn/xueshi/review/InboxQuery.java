package cn.xueshi.review;

import cn.xueshi.paging.PageRequest;
import cn.xueshi.paging.ListPage;
import cn.xueshi.task.TaskRows;
import cn.xueshi.task.TaskSql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The reviewer's inbox as ONE SQL statement per page: the engine's open review tasks (ACT_RU_TASK) the person may
 * act on, joined with the claim by its own link to the process instance, filtered, sorted (overdue first, then
 * by due date) and paged in the database, with the total in the same statement ({@code count(*) over ()}).
 * <p>
 * Who may act is exactly what {@code HumanTasks.open} asks the engine (candidate user or one of the person's
 * groups on an unassigned task, or the assignee: {@link TaskSql#myTasks}), so a reviewer never sees another unit's
 * claims. The duplicate check is two EXISTS (same title; same type on the same date) so each uses its index. The inner
 * query picks the page; only its rows get the per-claim columns (activity types, the batch check), so a page
 * costs the same with 50 or 50,000 open tasks behind it. No engine or variable query per task.
 */
@Component
class InboxQuery {

    private static final String PAGE = """
            select pg.task_id, pg.assignee, pg.due, c.id as claim_id, pg.total,
                   c.claimant, c.rule_set, c.proposed_hours, un.name as unit_name,
                   p.LAST_ as last_name, p.FIRST_ as first_name,
                   (select string_agg(distinct i.activity_type, ',') from xs_claim_item i
                     where i.claim_id = c.id) as activity_types,
                   case when c.proposed_hours is not null
                         and (select count(*) from xs_claim_item i where i.claim_id = c.id) = 1
                         and not exists (
                             select 1 from xs_claim_item i
                             join xs_claim_item o on i.title is not null and lower(o.title) = lower(i.title)
                             join xs_claim oc on oc.id = o.claim_id
                             where i.claim_id = c.id and oc.unit_id = c.unit_id and oc.id <> c.id
                               and oc.status not in ('REJECTED', 'WITHDRAWN'))
                         and not exists (
                             select 1 from xs_claim_item i
                             join xs_claim_item o on o.activity_type = i.activity_type
                                                 and o.activity_date = i.activity_date
                             join xs_claim oc on oc.id = o.claim_id
                             where i.claim_id = c.id and oc.unit_id = c.unit_id and oc.id <> c.id
                               and oc.status not in ('REJECTED', 'WITHDRAWN'))
                        then 1 else 0 end as simple
            from (
                select t.ID_ as task_id, t.ASSIGNEE_ as assignee, t.DUE_DATE_ as due, t.CREATE_TIME_ as created,
                       t.PROC_INST_ID_ as instance, count(*) over () as total
                from MY_TASKS
                %s
                order by t.DUE_DATE_ asc nulls last, t.CREATE_TIME_ asc, t.ID_ asc
                limit :limit offset :offset
            ) pg
            join xs_claim c on c.process_instance_id = pg.instance
            join xs_unit un on un.id = c.unit_id
            left join ACT_ID_USER p on p.ID_ = c.claimant
            order by pg.due asc nulls last, pg.created asc, pg.task_id asc
            """.replace("MY_TASKS", TaskSql.myTasks("t.TASK_DEF_KEY_ = :key"));

    private final NamedParameterJdbcTemplate jdbc;

    InboxQuery(DataSource dataSource) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
    }

    /** The page of review tasks of the definition {@code key} that {@code userId} may act on. */
    ListPage<ReviewRow> page(String key, String userId, InboxFilter filter, PageRequest request, Instant now) {
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("key", key).addValue("me", userId)
                .addValue("limit", request.size()).addValue("offset", request.offset());
        // the claim (and the claimant's name) joins the whole list only when a filter needs it; otherwise only the
        // page's rows are joined: a review task always has its claim (submitted before the process starts)
        StringBuilder join = new StringBuilder();
        if (filter.type() != null || filter.person() != null) {
            join.append(" join xs_claim c on c.process_instance_id = t.PROC_INST_ID_");
        }
        if (filter.person() != null) {
            join.append(" left join ACT_ID_USER u on u.ID_ = c.claimant");
        }
        StringBuilder where = new StringBuilder(" where 1 = 1");
        if ("overdue".equals(filter.status())) {
            where.append(" and t.DUE_DATE_ < :now");
            params.addValue("now", Timestamp.from(now));
        } else if ("unclaimed".equals(filter.status())) {
            where.append(" and t.ASSIGNEE_ is null");
        } else if ("mine".equals(filter.status())) {
            where.append(" and t.ASSIGNEE_ = :me");
        }
        if (filter.type() != null) {
            where.append(" and exists (select 1 from xs_claim_item ft where ft.claim_id = c.id"
                    + " and ft.activity_type = :type)");
            params.addValue("type", filter.type());
        }
        if (filter.person() != null) {
            // part of the name as shown (姓 + 名), or the account exactly; the person's text is a value, never SQL
            where.append(" and (lower(c.claimant) = lower(:person)"
                    + " or concat(coalesce(u.LAST_, ''), coalesce(u.FIRST_, '')) like :personLike escape '!')");
            params.addValue("person", filter.person());
            params.addValue("personLike", "%" + likeEscaped(filter.person()) + "%");
        }
        long[] total = {0};
        List<ReviewRow> rows = new ArrayList<>();
        jdbc.query(PAGE.formatted(join.append(where)), params, rs -> {
            total[0] = rs.getLong("total");
            rows.add(row(rs, now));
        });
        return new ListPage<>(rows, request, total[0]);
    }

    private static ReviewRow row(ResultSet rs, Instant now) throws SQLException {
        Timestamp dueAt = rs.getTimestamp("due");
        Instant due = dueAt == null ? null : dueAt.toInstant();
        String types = rs.getString("activity_types");
        String claimant = rs.getString("claimant");
        String name = TaskRows.displayName(rs.getString("last_name"), rs.getString("first_name"), claimant);
        return new ReviewRow(rs.getString("task_id"), rs.getString("assignee"), due,
                due != null && due.isBefore(now), rs.getLong("claim_id"), claimant, rs.getString("rule_set"),
                rs.getBigDecimal("proposed_hours"), name, rs.getString("unit_name"),
                types == null ? List.of() : Arrays.stream(types.split(",")).sorted().toList(),
                rs.getInt("simple") == 1);
    }

    private static String likeEscaped(String s) {
        return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
