package cn.xueshi.rules;

import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationListener;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The parsed decisions of the latest deployed version of every decision key, held in memory so an
 * evaluation never reads the database. A deployment on this node bumps a counter after its commit
 * (engine plugin below); deployments by other cluster nodes (workbench deploys, roll-backs, engine-rest)
 * are noticed by a re-check of the latest versions (one query on ACT_RE_DECDEF) at most every
 * {@code xueshi.cluster.refresh}. Decisions are evaluated with a plain {@link DmnEngine}: no
 * history is written for a recognition, which is a calculation, not a business event. That engine is
 * built like every other DMN engine of the application ({@link DmnEngines}: FEEL only).
 */
@Component
class DeployedDecisions {

    /** Re-check interval for deployments made by other nodes of a cluster, when none is configured. */
    static final Duration DEFAULT_RECHECK = Duration.ofSeconds(3);

    /** Bumped after a deployment on this node commits. */
    static final AtomicLong LOCAL_DEPLOYMENTS = new AtomicLong();

    private static final ThreadLocal<String> FIRED_RULE = new ThreadLocal<>();

    private final RepositoryService repositoryService;
    private final DmnEngine dmnEngine;
    private final long recheckNanos;
    /** This node's deployment counter ({@link #LOCAL_DEPLOYMENTS}; a test plays another node with its own). */
    private final LongSupplier localDeployments;
    private volatile Snapshot snapshot;

    @Autowired
    DeployedDecisions(RepositoryService repositoryService,
            @Value("${xueshi.cluster.refresh:PT3S}") Duration recheck) {
        this(repositoryService, buildEngine(), recheck);
    }

    /** With another engine: the benchmark compares the service on legacy FEEL with the real one. */
    DeployedDecisions(RepositoryService repositoryService, DmnEngine dmnEngine) {
        this(repositoryService, dmnEngine, DEFAULT_RECHECK);
    }

    DeployedDecisions(RepositoryService repositoryService, DmnEngine dmnEngine, Duration recheck) {
        this(repositoryService, dmnEngine, recheck, LOCAL_DEPLOYMENTS::get);
    }

    DeployedDecisions(RepositoryService repositoryService, DmnEngine dmnEngine, Duration recheck,
            LongSupplier localDeployments) {
        this.repositoryService = repositoryService;
        this.dmnEngine = dmnEngine;
        this.recheckNanos = recheck.toNanos();
        this.localDeployments = localDeployments;
    }

    /**
     * The hardened engine of {@link DmnEngines} (standard FEEL, each cell parsed once, no JUEL, no
     * scripts) with the listener that records the fired rule.
     */
    static DmnEngine buildEngine() {
        return DmnEngines.build(List.of(new RuleRecorder()));
    }

    /** The decisions in force now; cheap unless a deployment happened. */
    Snapshot current() {
        Snapshot s = snapshot;
        long now = System.nanoTime();
        if (s == null || s.generation != localDeployments.getAsLong() || now - s.checkedAt > recheckNanos) {
            synchronized (this) {
                s = snapshot;
                if (s == null || s.generation != localDeployments.getAsLong() || now - s.checkedAt > recheckNanos) {
                    s = refresh(s);
                    snapshot = s;
                }
            }
        }
        return s;
    }

    private Snapshot refresh(Snapshot previous) {
        long generation = localDeployments.getAsLong();
        List<DecisionDefinition> latest = repositoryService.createDecisionDefinitionQuery().latestVersion().list();
        Set<String> ids = latest.stream().map(DecisionDefinition::getId).collect(Collectors.toSet());
        if (previous != null && previous.ids.equals(ids)) {
            previous.generation = generation;
            previous.checkedAt = System.nanoTime();
            return previous;
        }
        Map<String, Deployed> byKey = new HashMap<>();
        Map<String, List<DmnDecision>> parsedResources = new HashMap<>();
        for (DecisionDefinition d : latest) {
            Deployed old = previous == null ? null : previous.byKey.get(d.getKey());
            if (old != null && old.id().equals(d.getId())) {
                byKey.put(d.getKey(), old);
                continue;
            }
            List<DmnDecision> parsed = parsedResources.computeIfAbsent(d.getDeploymentId() + "/" + d.getResourceName(),
                    k -> parse(d.getDeploymentId(), d.getResourceName()));
            parsed.stream().filter(p -> p.getKey().equals(d.getKey())).findFirst()
                    .ifPresent(p -> byKey.put(d.getKey(), new Deployed(d.getKey(), d.getVersion(), d.getId(), p)));
        }
        return new Snapshot(Map.copyOf(byKey), ids, generation);
    }

    /**
     * The snapshot with one rule set's decisions as deployed at an earlier version: every decision of the DRD that
     * deployed {@code factsKey} at {@code version} replaces the latest of the same key. A filed version of a derived
     * set keeps pricing the dates before its successor's effective date this way (the DRD is a whole copy, so one
     * resource is all it needs). Kept on the base snapshot, so it is parsed once per deployment state.
     */
    Snapshot pinned(Snapshot base, String factsKey, int version) {
        Deployed latest = base.get(factsKey);
        if (latest == null || latest.version() == version) {
            return base;
        }
        return base.derived("pinned:" + factsKey + ":" + version, name -> {
            DecisionDefinition d = repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey(factsKey)
                    .decisionDefinitionVersion(version).singleResult();
            if (d == null) {
                return base;
            }
            Map<String, Deployed> byKey = new HashMap<>(base.byKey);
            Set<String> ids = new java.util.HashSet<>(base.ids);
            Map<String, DecisionDefinition> definitions = new HashMap<>();
            repositoryService.createDecisionDefinitionQuery().deploymentId(d.getDeploymentId()).list()
                    .forEach(def -> definitions.put(def.getKey(), def));
            for (DmnDecision p : parse(d.getDeploymentId(), d.getResourceName())) {
                DecisionDefinition def = definitions.get(p.getKey());
                if (def != null) {
                    byKey.put(p.getKey(), new Deployed(p.getKey(), def.getVersion(), def.getId(), p));
                    ids.add(def.getId());
                }
            }
            return new Snapshot(Map.copyOf(byKey), Set.copyOf(ids), base.generation);
        });
    }

    private List<DmnDecision> parse(String deploymentId, String resourceName) {
        try (InputStream in = repositoryService.getResourceAsStream(deploymentId, resourceName)) {
            return dmnEngine.parseDecisions(in);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read " + resourceName, e);
        }
    }

    /** Evaluates a decision table: the first matching row's outputs and its rule id, or null when no row matched. */
    Fired evaluate(Deployed decision, Map<String, Object> variables) {
        return evaluate(decision.decision(), variables);
    }

    Fired evaluate(DmnDecision decision, Map<String, Object> variables) {
        FIRED_RULE.remove();
        DmnDecisionTableResult result = dmnEngine.evaluateDecisionTable(decision, variables);
        DmnDecisionRuleResult first = result.getFirstResult();
        return first == null ? null : new Fired(first.getEntryMap(), FIRED_RULE.get());
    }

    /** All rows of a list-like (COLLECT, no inputs) decision. */
    List<Map<String, Object>> rows(Deployed decision) {
        List<Map<String, Object>> rows = new ArrayList<>();
        dmnEngine.evaluateDecisionTable(decision.decision(), Map.of()).forEach(r -> rows.add(r.getEntryMap()));
        return rows;
    }

    record Deployed(String key, int version, String id, DmnDecision decision) {
    }

    record Fired(Map<String, Object> outputs, String ruleId) {
    }

    /** The decisions of one moment, with room for models derived from them (rebuilt when they change). */
    static final class Snapshot {
        final Map<String, Deployed> byKey;
        final Set<String> ids;
        volatile long generation;
        volatile long checkedAt = System.nanoTime();
        private final Map<String, Object> derived = new ConcurrentHashMap<>();

        Snapshot(Map<String, Deployed> byKey, Set<String> ids, long generation) {
            this.byKey = byKey;
            this.ids = ids;
            this.generation = generation;
        }

        Deployed get(String key) {
            return byKey.get(key);
        }

        /** How many {@link #memo} answers a snapshot keeps (a caller can name any jurisdiction and year). */
        static final int MEMO_LIMIT = 4096;
        private final Map<String, Object> memo = new ConcurrentHashMap<>();

        /**
         * The answer of a pure function of this snapshot's decisions and {@code key} (e.g. which rule set the
         * selection table picks for a jurisdiction and year), computed once per snapshot: a snapshot's decisions
         * never change (a deployment makes a new one). Beyond {@link #MEMO_LIMIT} answers it is computed each time.
         */
        @SuppressWarnings("unchecked")
        <T> T memo(String key, java.util.function.Supplier<T> compute) {
            Object value = memo.get(key);
            if (value == null) {
                value = compute.get();
                if (memo.size() < MEMO_LIMIT) {
                    memo.put(key, value);
                }
            }
            return (T) value;
        }

        @SuppressWarnings("unchecked")
        <T> T derived(String name, Function<String, T> build) {
            Object value = derived.get(name);
            if (value == null) {
                value = build.apply(name);
                derived.put(name, value);
            }
            return (T) value;
        }
    }

    static final class RuleRecorder implements DmnDecisionTableEvaluationListener {
        @Override
        public void notify(DmnDecisionTableEvaluationEvent event) {
            if (!event.getMatchingRules().isEmpty()) {
                FIRED_RULE.set(event.getMatchingRules().get(0).getId());
            }
        }
    }

    /** Tells the cache about deployments on this node once they are committed. */
    @Component
    static class DeploymentWatcher extends AbstractProcessEnginePlugin {
        @Override
        public void preInit(ProcessEngineConfigurationImpl config) {
            List<org.camunda.bpm.engine.impl.persistence.deploy.Deployer> deployers =
                    config.getCustomPostDeployers() == null ? new ArrayList<>()
                            : new ArrayList<>(config.getCustomPostDeployers());
            deployers.add(deployment -> {
                LOCAL_DEPLOYMENTS.incrementAndGet();
                CommandContext ctx = Context.getCommandContext();
                if (ctx != null) {
                    ctx.getTransactionContext().addTransactionListener(TransactionState.COMMITTED,
                            c -> LOCAL_DEPLOYMENTS.incrementAndGet());
                }
            });
            config.setCustomPostDeployers(deployers);
        }
    }
}
