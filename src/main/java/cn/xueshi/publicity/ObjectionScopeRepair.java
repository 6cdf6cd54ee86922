package cn.xueshi.publicity;

import cn.xueshi.claim.LifecycleVersions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Start-up repair of claims stuck in publicity by the earlier objection handling (issue 12, finding 5).
 * Before the fix every objection's id was set on the shared publicity scope, so all open objection
 * tasks showed the latest objection, the earlier ones were never decided, and the claim stayed 公示中.
 * On every start this
 * <ol>
 * <li>gives each open objection task that has no objection of its own (one created before the fix)
 * its own objection: such tasks, oldest first, are paired with the claim's open objections that no
 * task holds yet, oldest first (each objection opened exactly one task, in the same order); the id is
 * written to the task's own sub-process scope, where the task, the gateway and the delegates read it
 * first;</li>
 * <li>migrates instances of lifecycle versions without the pinning task listener to the newest version
 * (Camunda process instance migration, equal activities mapped), so later objections are pinned as
 * well.</li>
 * </ol>
 * Idempotent: paired tasks and migrated instances are not touched again. A failure is logged and
 * leaves the instance as it was; start-up goes on.
 */
@Component
class ObjectionScopeRepair implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ObjectionScopeRepair.class);

    private final LifecycleVersions versions;
    private final RuntimeService runtime;
    private final TaskService tasks;
    private final ObjectionRepository objections;

    ObjectionScopeRepair(LifecycleVersions versions, RuntimeService runtime, TaskService tasks,
            ObjectionRepository objections) {
        this.versions = versions;
        this.runtime = runtime;
        this.tasks = tasks;
        this.objections = objections;
    }

    @Override
    public void run(ApplicationArguments args) {
        try {
            int paired = pairObjections();
            int migrated = migrate();
            if (paired + migrated > 0) {
                log.info("Objection repair: {} task(s) given their own objection, {} instance(s) migrated", paired,
                        migrated);
            }
        } catch (RuntimeException e) {
            log.warn("Objection repair failed; it runs again at the next start", e);
        }
    }

    /** Pins an objection to every open objection task that has none of its own; returns how many. */
    int pairObjections() {
        Map<String, List<Task>> byInstance = new LinkedHashMap<>();
        for (Task t : tasks.createTaskQuery().taskDefinitionKey(PublicityService.OBJECTION_TASK)
                .orderByTaskCreateTime().asc().list()) {
            byInstance.computeIfAbsent(t.getProcessInstanceId(), k -> new ArrayList<>()).add(t);
        }
        int paired = 0;
        for (Map.Entry<String, List<Task>> e : byInstance.entrySet()) {
            try {
                paired += pair(e.getKey(), e.getValue());
            } catch (ProcessEngineException ex) {
                log.warn("Could not pair the objections of process instance {}: {}", e.getKey(), ex.getMessage());
            }
        }
        return paired;
    }

    private int pair(String instanceId, List<Task> open) {
        Set<Long> held = new HashSet<>();
        List<Task> unpinned = new ArrayList<>();
        for (Task t : open) {
            Object own = runtime.getVariableLocal(ObjectionScope.scopeOf(t), ObjectionScope.VARIABLE);
            if (own instanceof Long id) {
                held.add(id);
            } else {
                unpinned.add(t);
            }
        }
        if (unpinned.isEmpty() || !(runtime.getVariable(instanceId, "claimId") instanceof Long claimId)) {
            return 0;
        }
        List<Objection> free = objections.findByClaimIdAndStatusOrderById(claimId, Objection.Status.OPEN).stream()
                .filter(o -> !held.contains(o.getId())).toList();
        int n = Math.min(unpinned.size(), free.size());
        for (int i = 0; i < n; i++) {
            runtime.setVariableLocal(ObjectionScope.scopeOf(unpinned.get(i)), ObjectionScope.VARIABLE,
                    free.get(i).getId());
        }
        if (unpinned.size() != free.size()) {
            log.warn("Claim {}: {} objection task(s) without an objection, {} open objection(s) without a task; paired {}",
                    claimId, unpinned.size(), free.size(), n);
        }
        return n;
    }

    /** Migrates running instances of lifecycle versions that do not pin objections to the newest; returns how many. */
    int migrate() {
        // the pairing already lets each open objection be decided on a version that cannot be migrated
        return versions.migrateUnfixed(ObjectionScope::pins).size();
    }

    boolean pins(ProcessDefinition definition) {
        return ObjectionScope.pins(versions.model(definition));
    }
}
