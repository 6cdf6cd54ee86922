package cn.xueshi.workbench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Optional;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.spring.boot.starter.event.PostDeployEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * On start the process application deploys the models in {@code dmn/} whose content changed. A
 * release that ships a changed rule set must not silently replace the version an analyst made
 * active later: the analyst's version is redeployed on top (so it stays active), and the audit
 * trail says so; the shipped version stays in the history, one rollback away.
 */
@Component
class ShippedModelGuard {

    static final String SYSTEM = "system";
    private static final Logger log = LoggerFactory.getLogger(ShippedModelGuard.class);

    private final Workbench workbench;
    private final RuleSetVersions versions;
    private final RepositoryService repository;
    private final AnalystDeploymentRepository analystDeployments;
    private final RuleAuditLog audit;

    ShippedModelGuard(Workbench workbench, RuleSetVersions versions, RepositoryService repository,
            AnalystDeploymentRepository analystDeployments, RuleAuditLog audit) {
        this.workbench = workbench;
        this.versions = versions;
        this.repository = repository;
        this.analystDeployments = analystDeployments;
        this.audit = audit;
    }

    @EventListener
    public void afterProcessApplicationDeployed(PostDeployEvent event) {
        keepAnalystVersions();
    }

    @Transactional
    public void keepAnalystVersions() {
        // the rule sets and the policy tables alike
        for (String ruleSet : workbench.models()) {
            keep(ruleSet);
        }
    }

    private void keep(String ruleSet) {
        Optional<DecisionDefinition> active = versions.active(ruleSet);
        Optional<AnalystDeployment> analysts = analystDeployments.findByRuleSetOrderByIdDesc(ruleSet).stream()
                .max(Comparator.comparing(AnalystDeployment::getId));
        if (active.isEmpty() || analysts.isEmpty()) {
            return;
        }
        Deployment activeDeployment = repository.createDeploymentQuery().deploymentId(active.get().getDeploymentId())
                .singleResult();
        if (!"SHIPPED".equals(RuleSetVersions.source(activeDeployment))) {
            return;
        }
        AnalystDeployment mine = analysts.get();
        if (activeDeployment.getDeploymentTime() != null
                && !activeDeployment.getDeploymentTime().toInstant().isAfter(mine.getDeployedAt())) {
            return;
        }
        String xml;
        try (InputStream in = repository.getResourceAsStream(mine.getDeploymentId(), RuleSetVersions.resource(ruleSet))) {
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            log.warn("cannot read the analyst's version of {} from deployment {}", ruleSet, mine.getDeploymentId(), e);
            return;
        }
        int shipped = active.get().getVersion();
        String deploymentId = versions.deploy(ruleSet, xml);
        int now = versions.activeVersion(ruleSet);
        analystDeployments.save(new AnalystDeployment(ruleSet, deploymentId, AnalystDeployment.Kind.KEPT, shipped,
                mine.getDeployedBy(), mine.getComment()));
        audit.record(ruleSet, SYSTEM, "KEPT_OVER_RELEASE", "v" + shipped + " (release) → v" + now, mine.getComment());
        log.warn("rule set {}: the release shipped a changed model (v{}); the analyst's version stays active as v{}",
                ruleSet, shipped, now);
    }
}
