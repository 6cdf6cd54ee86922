package cn.xueshi.claim;

import java.util.List;
import java.util.function.Predicate;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Moves the running claims of earlier lifecycle versions that lack a fix onto the newest version (Camunda process
 * instance migration, equal activities mapped), for the start-up repairs: a fix in the BPMN otherwise reaches only
 * claims started after it, and a claim can run for months (review, correction, publicity).
 */
@Component
public class LifecycleVersions {

    private static final Logger log = LoggerFactory.getLogger(LifecycleVersions.class);

    private final RepositoryService repository;
    private final RuntimeService runtime;

    LifecycleVersions(RepositoryService repository, RuntimeService runtime) {
        this.repository = repository;
        this.runtime = runtime;
    }

    /**
     * Migrates the instances of every lifecycle version whose model is not {@code fixed} to the newest version,
     * when that one is; returns the instances moved. A version that cannot be migrated is logged and left as it was.
     */
    public List<String> migrateUnfixed(Predicate<BpmnModelInstance> fixed) {
        ProcessDefinition latest = repository.createProcessDefinitionQuery().processDefinitionKey(ClaimService.PROCESS_KEY)
                .latestVersion().singleResult();
        if (latest == null || !fixed.test(model(latest))) {
            return List.of();
        }
        List<String> migrated = new java.util.ArrayList<>();
        for (ProcessDefinition old : repository.createProcessDefinitionQuery()
                .processDefinitionKey(ClaimService.PROCESS_KEY).list()) {
            if (old.getId().equals(latest.getId()) || fixed.test(model(old))) {
                continue;
            }
            List<String> instances = runtime.createProcessInstanceQuery().processDefinitionId(old.getId()).list()
                    .stream().map(ProcessInstance::getId).toList();
            if (instances.isEmpty()) {
                continue;
            }
            try {
                MigrationPlan plan = runtime.createMigrationPlan(old.getId(), latest.getId()).mapEqualActivities().build();
                runtime.newMigration(plan).processInstanceIds(instances).execute();
                migrated.addAll(instances);
            } catch (ProcessEngineException e) {
                log.warn("Could not migrate {} instance(s) of {} to {}: {}", instances.size(), old.getId(),
                        latest.getId(), e.getMessage());
            }
        }
        return migrated;
    }

    public ProcessDefinition definition(String id) {
        return repository.getProcessDefinition(id);
    }

    public BpmnModelInstance model(ProcessDefinition definition) {
        return repository.getBpmnModelInstance(definition.getId());
    }
}
