package cn.xueshi.task;

import cn.xueshi.system.Conflict;
import cn.xueshi.system.NotFound;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.stereotype.Component;

/**
 * The user tasks a person may act on (candidate or assignee) and their completion, shared by every
 * capability with human steps: a task outside the person's reach is "not found", and a task someone
 * else completed first is a {@link Conflict}.
 */
@Component
public class HumanTasks {

    private final TaskService tasks;
    private final RuntimeService runtime;
    private final IdentityService identity;
    private final JdbcTemplate jdbc;

    HumanTasks(TaskService tasks, RuntimeService runtime, IdentityService identity, JdbcTemplate jdbc) {
        this.tasks = tasks;
        this.runtime = runtime;
        this.identity = identity;
        this.jdbc = jdbc;
    }

    /** A task the person may act on, as a decision needs it: its id, its process instance and its assignee. */
    public record Actionable(String id, String processInstanceId, String assignee) {
    }

    /**
     * {@link #findAsCandidate}'s rule in one statement: the open task of that step, assigned to the person, or
     * unassigned with the person or one of their groups as candidate ({@link TaskSql}'s rule for one task id).
     */
    private static final String ACTIONABLE = "select t.ID_, t.PROC_INST_ID_, t.ASSIGNEE_ from ACT_RU_TASK t"
            + " where t.ID_ = ? and t.TASK_DEF_KEY_ = ? and (t.ASSIGNEE_ = ? or (t.ASSIGNEE_ is null and exists ("
            + "select 1 from ACT_RU_IDENTITYLINK l where l.TASK_ID_ = t.ID_ and l.TYPE_ = 'candidate' and ("
            + "l.USER_ID_ = ? or l.GROUP_ID_ in (select m.GROUP_ID_ from ACT_ID_MEMBERSHIP m where m.USER_ID_ = ?)))))";

    /**
     * The same answer as {@link #findAsCandidate} for a caller that only acts on the task (a decision POST): one
     * query on the caller's connection instead of the engine's task query and its identity-link query, two
     * commands each with its own MyBatis mapping (issue 16's profile of the decision). Not found otherwise.
     */
    public Actionable actionable(String taskId, String definitionKey, String userId) {
        if (taskId == null || userId == null) {
            throw new NotFound();
        }
        List<Actionable> found = jdbc.query(ACTIONABLE, (rs, n) -> new Actionable(rs.getString(1), rs.getString(2),
                rs.getString(3)), taskId, definitionKey, userId, userId, userId);
        if (found.isEmpty()) {
            throw new NotFound();
        }
        return found.get(0);
    }

    private TaskQuery mine(String userId) {
        return tasks.createTaskQuery().or().taskCandidateUser(userId).taskAssignee(userId).endOr();
    }

    /** Open tasks of one step the person may act on, oldest first. */
    public List<Task> open(String definitionKey, String userId) {
        return mine(userId).taskDefinitionKey(definitionKey).orderByTaskCreateTime().asc().list();
    }

    /** The task if it is of that step and the person may act on it; otherwise not found. */
    public Task find(String taskId, String definitionKey, String userId) {
        Task t = mine(userId).taskId(taskId).taskDefinitionKey(definitionKey).singleResult();
        if (t == null) {
            throw new NotFound();
        }
        return t;
    }

    /**
     * The same answer as {@link #find}, from the task itself: the task by its id, then its candidate list read once
     * (the person's groups are read only when the task has candidate groups). {@link #find}'s candidate-or-assignee
     * query reads the person's groups first and joins the identity links of every task; for one known task id this
     * is two primary-key reads (the reviewer's decision POST: issue 16's profile put the query at 8 % of a claim).
     * Like Camunda's candidate query, a task someone else claimed is not the person's.
     */
    public Task findAsCandidate(String taskId, String definitionKey, String userId) {
        Task t = tasks.createTaskQuery().taskId(taskId).taskDefinitionKey(definitionKey).singleResult();
        if (t == null || userId == null) {
            throw new NotFound();
        }
        if (t.getAssignee() != null) {
            if (t.getAssignee().equals(userId)) {
                return t;
            }
            throw new NotFound();
        }
        List<IdentityLink> links = tasks.getIdentityLinksForTask(taskId);
        boolean groups = false;
        for (IdentityLink link : links) {
            if (IdentityLinkType.CANDIDATE.equals(link.getType())) {
                if (userId.equals(link.getUserId())) {
                    return t;
                }
                groups |= link.getGroupId() != null;
            }
        }
        if (groups) {
            java.util.Set<String> mine = new java.util.HashSet<>();
            identity.createGroupQuery().groupMember(userId).list().forEach(g -> mine.add(g.getId()));
            for (IdentityLink link : links) {
                if (IdentityLinkType.CANDIDATE.equals(link.getType()) && mine.contains(link.getGroupId())) {
                    return t;
                }
            }
        }
        throw new NotFound();
    }

    /** The one task of a process instance the person may act on, if any. */
    public Task ofInstance(String processInstanceId, String userId) {
        return mine(userId).processInstanceId(processInstanceId).singleResult();
    }

    /**
     * A variable as the task sees it (its own scope first, then up to the process instance), or empty
     * when the task ended meanwhile: another person completed it while a list was being read.
     */
    public Optional<Object> variable(Task task, String name) {
        try {
            return Optional.ofNullable(tasks.getVariable(task.getId(), name));
        } catch (NullValueException | NotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * A process-level variable of each task's process instance, read in one query and keyed by process
     * instance id. Instances that ended meanwhile are simply missing, so a list built from it skips
     * their tasks instead of failing.
     */
    public Map<String, Object> processVariable(Collection<Task> list, String name) {
        Map<String, Object> byInstance = new HashMap<>();
        if (list.isEmpty()) {
            return byInstance;
        }
        String[] instances = list.stream().map(Task::getProcessInstanceId).distinct().toArray(String[]::new);
        for (VariableInstance v : runtime.createVariableInstanceQuery().variableName(name)
                .processInstanceIdIn(instances).list()) {
            if (v.getProcessInstanceId().equals(v.getExecutionId())) {
                byInstance.put(v.getProcessInstanceId(), v.getValue());
            }
        }
        return byInstance;
    }

    /**
     * Completes the task with the variables local to the task's own execution (its sub-process scope),
     * so that tasks running side by side in one process instance never overwrite each other's
     * decision; if someone else completed it first, says so.
     */
    public void completeInOwnScope(Task task, Map<String, Object> variables) {
        try {
            runtime.setVariablesLocal(task.getExecutionId(), variables);
            tasks.complete(task.getId());
        } catch (RuntimeException e) {
            throw doneMeanwhile(task.getId(), e);
        }
    }

    /** Completes the task; if someone else completed it first, says so. */
    public void complete(String taskId, Map<String, Object> variables) {
        try {
            tasks.complete(taskId, variables);
        } catch (RuntimeException e) {
            throw doneMeanwhile(taskId, e);
        }
    }

    /**
     * A completion that failed because someone else completed the task first is a conflict with a clear
     * message. Besides the engine's own signals (optimistic locking, not found), a completion that began
     * while the winner committed can fail inside the engine with a NullPointerException (its execution was
     * removed under it, seen on H2 with twenty parallel approvals); when the task is gone afterwards, that is
     * the same race. On PostgreSQL two completions of one task can also meet as a deadlock (or a serialization
     * failure): the database rolls the loser back whole, so that is the same race too (and the loser's transaction
     * can no longer ask whether the task is gone). Anything else is rethrown.
     */
    private RuntimeException doneMeanwhile(String taskId, RuntimeException e) {
        boolean raceSignal = e instanceof NullValueException || e instanceof NotFoundException
                || e instanceof OptimisticLockingException || e instanceof ObjectOptimisticLockingFailureException
                || concurrencyFailure(e);
        if (raceSignal || gone(taskId)) {
            return new Conflict("review.conflict.done");
        }
        return e;
    }

    /** SQLSTATE 40P01 (deadlock detected) or 40001 (serialization failure) anywhere among the causes. */
    static boolean concurrencyFailure(Throwable e) {
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        java.util.Deque<Throwable> todo = new java.util.ArrayDeque<>(java.util.List.of(e));
        while (!todo.isEmpty()) {
            Throwable t = todo.pop();
            if (!seen.add(t)) {
                continue;
            }
            if (t instanceof java.sql.SQLException sql) {
                if ("40P01".equals(sql.getSQLState()) || "40001".equals(sql.getSQLState())) {
                    return true;
                }
                if (sql.getNextException() != null) {
                    todo.push(sql.getNextException());
                }
            }
            if (t.getCause() != null) {
                todo.push(t.getCause());
            }
        }
        return false;
    }

    private boolean gone(String taskId) {
        try {
            return tasks.createTaskQuery().taskId(taskId).count() == 0;
        } catch (RuntimeException unreadable) {
            return false;
        }
    }
}
