package cn.xueshi.review;

import cn.xueshi.claim.ClaimNotFound;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.stereotype.Component;

/**
 * The user tasks a person may act on (candidate or assignee) and their completion, shared by every
 * capability with human steps: a task outside the person's reach is "not found", and a task someone
 * else completed first is a {@link ReviewConflict}.
 */
@Component
public class HumanTasks {

    private final TaskService tasks;

    HumanTasks(TaskService tasks) {
        this.tasks = tasks;
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
            throw new ClaimNotFound();
        }
        return t;
    }

    /** The one task of a process instance the person may act on, if any. */
    public Task ofInstance(String processInstanceId, String userId) {
        return mine(userId).processInstanceId(processInstanceId).singleResult();
    }

    /** Completes the task; if someone else completed it first, says so. */
    public void complete(String taskId, Map<String, Object> variables) {
        try {
            tasks.complete(taskId, variables);
        } catch (NullValueException | OptimisticLockingException | ObjectOptimisticLockingFailureException e) {
            throw new ReviewConflict("review.conflict.done");
        }
    }
}
