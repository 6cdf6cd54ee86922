package cn.xueshi.task;

/**
 * The SQL every task list pages with, so that each list asks the database exactly what
 * {@link HumanTasks#open} asks the engine: the open tasks ({@code ACT_RU_TASK t}) the person {@code :me} may act
 * on — assigned to them, or unassigned with them or one of their groups as candidate. A capability joins its own
 * table to {@code t} by process instance and pages with {@link #PAGE}, in one statement.
 */
public final class TaskSql {

    /** Condition on the task alias {@code t} and the parameter {@code :me}. */
    public static final String MAY_ACT_ON = """
            (t.ASSIGNEE_ = :me or (t.ASSIGNEE_ is null and exists (
                select 1 from ACT_RU_IDENTITYLINK l
                where l.TASK_ID_ = t.ID_ and l.TYPE_ = 'candidate'
                  and (l.USER_ID_ = :me or l.GROUP_ID_ in (
                       select m.GROUP_ID_ from ACT_ID_MEMBERSHIP m where m.USER_ID_ = :me)))))""";

    /** The page window: {@code :limit} rows from {@code :offset}; with {@code count(*) over () as total} in the select. */
    public static final String PAGE = " limit :limit offset :offset";

    private TaskSql() {
    }
}
