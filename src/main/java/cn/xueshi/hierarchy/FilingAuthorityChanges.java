package cn.xueshi.hierarchy;

import cn.xueshi.identity.DepartmentMemberRemoved;
import cn.xueshi.identity.Directory;
import cn.xueshi.system.Conflict;
import cn.xueshi.variable.ProcessVariables;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * A member who leaves a department (/admin/departments) leaves its rule-filing authority too — the membership row is
 * the same (FilingAuthority reads every member): the open filing reviews (备案机关审核) of that department's sets stop
 * naming them, and their {@code authorities} variable becomes the authority's members now, in the removal's
 * transaction. (The decision already re-checks the authority; this keeps their inbox and the candidates honest.)
 * The last member of a department whose open filing review it decides is not removed (a {@link Conflict}, which rolls
 * the removal back): the filing would wait for a decider nobody could be.
 */
@Component
class FilingAuthorityChanges {

    private final TaskService tasks;
    private final RuntimeService runtime;
    private final Derivations derivations;
    private final FilingAuthority authority;
    private final Directory directory;

    FilingAuthorityChanges(TaskService tasks, RuntimeService runtime, Derivations derivations,
            FilingAuthority authority, Directory directory) {
        this.directory = directory;
        this.tasks = tasks;
        this.runtime = runtime;
        this.derivations = derivations;
        this.authority = authority;
    }

    @EventListener
    void memberRemoved(DepartmentMemberRemoved removed) {
        for (Task t : tasks.createTaskQuery().processDefinitionKey(RuleFiling.PROCESS).taskDefinitionKey(RuleFiling.REVIEW)
                .taskCandidateUser(removed.userId()).includeAssignedTasks().list()) {
            derivations.versionByInstance(t.getProcessInstanceId()).ifPresent(v -> {
                DerivedRuleSet set = derivations.set(v.getRuleSetKey());
                boolean concerned = authority.department(set).map(d -> d.getCode().equals(removed.departmentCode()))
                        .orElse(false);
                if (concerned && "DEPARTMENT".equals(authority.route(set).authority())) {
                    if (authority.usersOf(set).isEmpty()) {
                        throw new Conflict("department.admin.error.lastFiler", HttpStatus.CONFLICT,
                                directory.displayName(removed.userId()), set.getNameZh());
                    }
                    tasks.deleteCandidateUser(t.getId(), removed.userId());
                    if (removed.userId().equals(t.getAssignee())) {
                        tasks.setAssignee(t.getId(), null);
                    }
                    runtime.setVariable(t.getProcessInstanceId(), "authorities",
                            ProcessVariables.candidates(authority.usersOf(set)));
                }
            });
        }
    }
}
