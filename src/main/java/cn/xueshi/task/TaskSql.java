package cn.xueshi.task;

/**
 * The SQL every task list pages with, so that each list asks the database exactly what
 * {@link HumanTasks#open} asks the engine: the open tasks the person {@code :me} may act on — assigned to them,
 * or unassigned with them or one of their groups as candidate. A capability joins its own table to the derived
 * table {@code t} (ID_, ASSIGNEE_, DUE_DATE_, CREATE_TIME_, PROC_INST_ID_, EXECUTION_ID_, TASK_DEF_KEY_ of the
 * engine's ACT_RU_TASK) by process instance and pages with {@link #PAGE}, in one
 * statement.
 */
public final class TaskSql {

    /**
     * The person's tasks of the steps {@code keyCondition} selects (on the alias {@code t}, e.g.
     * {@code t.TASK_DEF_KEY_ = :key}), as a derived table {@code t}. Two disjoint halves joined by UNION ALL, so
     * each starts from an index of the engine's own (assignee; candidate user; candidate group) and reads only
     * this person's tasks: an OR of them, or a scan by step, would read every open task of the province.
     */
    public static String myTasks(String keyCondition) {
        return """
                (select {COLUMNS} from ACT_RU_TASK t where t.ASSIGNEE_ = :me and {KEY}
                 union all
                 select {COLUMNS} from ACT_RU_TASK t where t.ASSIGNEE_ is null and {KEY} and t.ID_ in (
                     select l.TASK_ID_ from ACT_RU_IDENTITYLINK l
                     where l.TYPE_ = 'candidate' and l.USER_ID_ = :me
                     union
                     select l.TASK_ID_ from ACT_RU_IDENTITYLINK l
                     join ACT_ID_MEMBERSHIP m on m.GROUP_ID_ = l.GROUP_ID_
                     where l.TYPE_ = 'candidate' and m.USER_ID_ = :me)) t"""
                .replace("{COLUMNS}", COLUMNS).replace("{KEY}", "(" + keyCondition + ")");
    }

    /** The task columns the lists read (not t.*: the description and the rest would be carried through the sort). */
    private static final String COLUMNS = "t.ID_, t.ASSIGNEE_, t.DUE_DATE_, t.CREATE_TIME_, t.PROC_INST_ID_,"
            + " t.EXECUTION_ID_, t.TASK_DEF_KEY_";

    /** The page window: {@code :limit} rows from {@code :offset}; with {@code count(*) over () as total} in the select. */
    public static final String PAGE = " limit :limit offset :offset";

    private TaskSql() {
    }
}
