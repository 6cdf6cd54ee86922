package cn.xueshi.hierarchy;

import cn.xueshi.identity.DepartmentMemberAdded;
import cn.xueshi.identity.DepartmentMemberRemoved;
import cn.xueshi.identity.Directory;
import cn.xueshi.system.Conflict;
import cn.xueshi.variable.ProcessVariables;
import java.util.function.BiConsumer;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * A member who leaves a department (/admin/departments) leaves its rule-filing authority too, and one who joins
 * joins it — the membership row is the same (FilingAuthority reads every member): the open filing reviews
 * (备案机关审核) of that department's sets stop (or start) naming them, and their {@code authorities} variable becomes
 * the authority's members now, in the change's transaction. (The decision already re-checks the authority; this keeps
 * the inboxes and the candidates honest.)
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
        decidedBy(removed.departmentCode(), tasks.createTaskQuery().taskCandidateUser(removed.userId())
                .includeAssignedTasks(), (t, set) -> {
                    if (authority.usersOf(set).isEmpty()) {
                        throw new Conflict("department.admin.error.lastFiler", HttpStatus.CONFLICT,
                                directory.displayName(removed.userId()), set.getNameZh());
                    }
                    tasks.deleteCandidateUser(t.getId(), removed.userId());
                    if (removed.userId().equals(t.getAssignee())) {
                        tasks.setAssignee(t.getId(), null);
                    }
                    followMembers(t, set);
                });
    }

    /** A newcomer decides the department's open filings with the members who were there when they were submitted. */
    @EventListener
    void memberAdded(DepartmentMemberAdded added) {
        decidedBy(added.departmentCode(), tasks.createTaskQuery(), (t, set) -> {
            tasks.addCandidateUser(t.getId(), added.userId());
            followMembers(t, set);
        });
    }

    /**
     * Each open filing review of {@code query} whose set the department decides (its own set or a unit's under it,
     * routed to the department by rule-filing-routing.dmn) — a filing the province decides is not the department's
     * members' to follow.
     */
    private void decidedBy(String departmentCode, TaskQuery query, BiConsumer<Task, DerivedRuleSet> action) {
        for (Task t : query.processDefinitionKey(RuleFiling.PROCESS).taskDefinitionKey(RuleFiling.REVIEW).list()) {
            derivations.versionByInstance(t.getProcessInstanceId()).ifPresent(v -> {
                DerivedRuleSet set = derivations.set(v.getRuleSetKey());
                boolean concerned = authority.department(set).map(d -> d.getCode().equals(departmentCode))
                        .orElse(false);
                if (concerned && "DEPARTMENT".equals(authority.route(set).authority())) {
                    action.accept(t, set);
                }
            });
        }
    }

    /** The instance's {@code authorities} (the candidates of a review created again) are the members now. */
    private void followMembers(Task t, DerivedRuleSet set) {
        runtime.setVariable(t.getProcessInstanceId(), "authorities", ProcessVariables.candidates(authority.usersOf(set)));
    }
}
