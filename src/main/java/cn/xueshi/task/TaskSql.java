package cn.xueshi.task;

/**
 * The SQL every task list pages with, so that each list asks the database exactly what
 * {@link HumanTasks#open} asks the engine: the open tasks the person {@code :me} may act on — assigned to them,
 * or unassigned with them or one of their groups as candidate. A capability joins its own table to the derived
 * table {@code t} (the engine's ACT_RU_TASK columns) by process instance and pages with {@link #PAGE}, in one
 * statement.
 */
public final class TaskSql {

    /**
     * The person's tasks of the steps {@code keyCondition} selects (on the alias {@code t}, e.g.
     * {@code t.TASK_DEF_KEY_ = :key}), as a derived table {@code t}. Two disjoint halves joined by UNION ALL, so
     * each starts from an index of the engine's own (assignee; candidate user or group) and reads only this
     * person's tasks: an OR of the two, or a scan by step, would read every open task of the province.
     */
    public static String myTasks(String keyCondition) {
        return """
                (select t.* from ACT_RU_TASK t where t.ASSIGNEE_ = :me and KEY
                 union all
                 select t.* from ACT_RU_TASK t where t.ASSIGNEE_ is null and KEY and t.ID_ in (
                     select l.TASK_ID_ from ACT_RU_IDENTITYLINK l
                     where l.TYPE_ = 'candidate' and l.TASK_ID_ is not null
                       and (l.USER_ID_ = :me or l.GROUP_ID_ in (
                            select m.GROUP_ID_ from ACT_ID_MEMBERSHIP m where m.USER_ID_ = :me)))) t"""
                .replace("KEY", "(" + keyCondition + ")");
    }

    /** The page window: {@code :limit} rows from {@code :offset}; with {@code count(*) over () as total} in the select. */
    public static final String PAGE = " limit :limit offset :offset";

    private TaskSql() {
    }
}
