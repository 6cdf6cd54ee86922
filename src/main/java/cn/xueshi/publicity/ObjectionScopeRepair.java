package cn.xueshi.publicity;

import cn.xueshi.claim.ClaimService;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Start-up repair of claims stuck in publicity by the earlier objection model (issue 12, finding 5).
 * Versions of the lifecycle before the objection sub-process kept its own {@code objectionId} stored
 * every objection's id on the shared publicity scope, so all open objection tasks showed the latest
 * objection, the earlier ones were never decided and the claim stayed 公示中. For each running
 * instance of such a version this
 * <ol>
 * <li>gives each open objection task its own objection: open tasks oldest first are paired with the
 * claim's still-open objections oldest first (each objection opened exactly one task, in order), the
 * id written to the task's own scope, where the handler and the delegates read it first;</li>
 * <li>migrates the instance to the newest version (Camunda process instance migration, equal
 * activities mapped), so later objections get a scope of their own.</li>
 * </ol>
 * Runs on every start and is idempotent: repaired instances are on the newest version and are not
 * visited again. A failure is logged and leaves the instance as it was (start-up goes on).
 */
@Component
class ObjectionScopeRepair implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ObjectionScopeRepair.class);

    private final RepositoryService repository;
    private final RuntimeService runtime;
    private final TaskService tasks;
    private final ObjectionRepository objections;

    ObjectionScopeRepair(RepositoryService repository, RuntimeService runtime, TaskService tasks,
            ObjectionRepository objections) {
        this.repository = repository;
        this.runtime = runtime;
        this.tasks = tasks;
        this.objections = objections;
    }

    @Override
    public void run(ApplicationArguments args) {
        try {
            int repaired = repair();
            if (repaired > 0) {
                log.info("Objection scopes repaired: {} claim-lifecycle instance(s) migrated to the newest version",
                        repaired);
            }
        } catch (RuntimeException e) {
            log.warn("Objection scope repair failed; it runs again at the next start", e);
        }
    }

    /** Repairs and migrates every instance of an older-shaped lifecycle version; returns how many were migrated. */
    int repair() {
        ProcessDefinition latest = repository.createProcessDefinitionQuery()
                .processDefinitionKey(ClaimService.PROCESS_KEY).latestVersion().singleResult();
        if (latest == null || !scopesObjections(latest)) {
            return 0;
        }
        int migrated = 0;
        for (ProcessDefinition old : repository.createProcessDefinitionQuery()
                .processDefinitionKey(ClaimService.PROCESS_KEY).list()) {
            if (old.getId().equals(latest.getId()) || scopesObjections(old)) {
                continue;
            }
            List<ProcessInstance> instances = runtime.createProcessInstanceQuery().processDefinitionId(old.getId()).list();
            if (instances.isEmpty()) {
                continue;
            }
            instances.forEach(this::pairObjections);
            try {
                MigrationPlan plan = runtime.createMigrationPlan(old.getId(), latest.getId()).mapEqualActivities().build();
                runtime.newMigration(plan).processInstanceIds(instances.stream().map(ProcessInstance::getId).toList())
                        .execute();
                migrated += instances.size();
            } catch (ProcessEngineException e) {
                // the pairing above already lets each open objection be decided on the old version
                log.warn("Could not migrate {} instance(s) of {} to {}: {}", instances.size(), old.getId(),
                        latest.getId(), e.getMessage());
            }
        }
        return migrated;
    }

    /** Each open objection task of the instance gets its own still-open objection, in the order they were raised. */
    void pairObjections(ProcessInstance instance) {
        List<Task> open = tasks.createTaskQuery().processInstanceId(instance.getId())
                .taskDefinitionKey(PublicityService.OBJECTION_TASK).orderByTaskCreateTime().asc().list();
        if (open.isEmpty()) {
            return;
        }
        Object claimId = runtime.getVariable(instance.getId(), "claimId");
        if (!(claimId instanceof Long id)) {
            return;
        }
        List<Objection> waiting = objections.findByClaimIdAndStatusOrderById(id, Objection.Status.OPEN);
        for (int i = 0; i < Math.min(open.size(), waiting.size()); i++) {
            runtime.setVariableLocal(open.get(i).getExecutionId(), "objectionId", waiting.get(i).getId());
        }
        if (open.size() != waiting.size()) {
            log.warn("Claim {}: {} open objection task(s) but {} open objection(s); paired the first {}", id,
                    open.size(), waiting.size(), Math.min(open.size(), waiting.size()));
        }
    }

    /** Whether the version keeps each objection in its own event sub-process scope (the current model). */
    boolean scopesObjections(ProcessDefinition definition) {
        BpmnModelInstance model = repository.getBpmnModelInstance(definition.getId());
        if (!(model.getModelElementById("objectionHandling") instanceof SubProcess handling)) {
            return true; // no objections in this version: nothing to repair
        }
        ExtensionElements extensions = handling.getExtensionElements();
        if (extensions == null) {
            return false;
        }
        return extensions.getElementsQuery().filterByType(CamundaInputOutput.class).list().stream()
                .flatMap(io -> io.getCamundaInputParameters().stream())
                .anyMatch(p -> "objectionId".equals(p.getCamundaName()));
    }
}
