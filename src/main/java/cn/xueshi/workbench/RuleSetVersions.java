package cn.xueshi.workbench;

import cn.xueshi.ruleedit.DecisionTables;
import cn.xueshi.rules.FeelOnlyGuard;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.Deployment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The deployed versions of a rule set, read from Camunda's repository: a rule set is the DRD
 * {@code dmn/<ruleSet>.dmn}, its version that of its {@code <ruleSet>-items} decision. A policy table
 * ({@link PolicyTable}) is the DRD {@code dmn/<key>.dmn} too, its version that of its one decision.
 */
@Component
class RuleSetVersions {

    /** Deployment source of versions made active in the workbench. */
    static final String SOURCE = "xueshitong-workbench";
    /** Deployment name of the process application (models shipped with a release, see processes.xml). */
    static final String SHIPPED_NAME = "xueshitong";

    private final RepositoryService repository;
    private final AnalystDeploymentRepository analystDeployments;
    private final JdbcTemplate jdbc;

    RuleSetVersions(RepositoryService repository, AnalystDeploymentRepository analystDeployments, JdbcTemplate jdbc) {
        this.repository = repository;
        this.analystDeployments = analystDeployments;
        this.jdbc = jdbc;
    }

    static String resource(String ruleSet) {
        return "dmn/" + ruleSet + ".dmn";
    }

    /** The decision whose version is the model's: a rule set's {@code -items}, a policy table's only decision. */
    static String anchor(String ruleSet) {
        return PolicyTable.of(ruleSet).isPresent() ? ruleSet : ruleSet + "-items";
    }

    Optional<DecisionDefinition> active(String ruleSet) {
        return Optional.ofNullable(repository.createDecisionDefinitionQuery().decisionDefinitionKey(anchor(ruleSet))
                .latestVersion().singleResult());
    }

    int activeVersion(String ruleSet) {
        return active(ruleSet).map(DecisionDefinition::getVersion).orElse(0);
    }

    String activeXml(String ruleSet) {
        return xml(active(ruleSet).orElseThrow(() -> new IllegalArgumentException("unknown rule set " + ruleSet)));
    }

    Optional<String> xmlOfVersion(String ruleSet, int version) {
        return Optional.ofNullable(repository.createDecisionDefinitionQuery().decisionDefinitionKey(anchor(ruleSet))
                .decisionDefinitionVersion(version).singleResult()).map(this::xml);
    }

    String xml(DecisionDefinition d) {
        try (InputStream in = repository.getResourceAsStream(d.getDeploymentId(), d.getResourceName())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + d.getResourceName(), e);
        }
    }

    static String source(Deployment deployment) {
        if (deployment == null) {
            return "OTHER";
        }
        if (SOURCE.equals(deployment.getSource())) {
            return "ANALYST";
        }
        return SHIPPED_NAME.equals(deployment.getName()) ? "SHIPPED" : "OTHER";
    }

    List<VersionRow> versions(String ruleSet) {
        List<DecisionDefinition> defs = repository.createDecisionDefinitionQuery().decisionDefinitionKey(anchor(ruleSet))
                .orderByDecisionDefinitionVersion().desc().list();
        Map<Integer, Long> counts = new HashMap<>();
        jdbc.query("SELECT decision_version, COUNT(*) FROM xs_claim_item WHERE decision_key = ? GROUP BY decision_version",
                rs -> {
                    counts.put(rs.getInt(1), rs.getLong(2));
                }, anchor(ruleSet));
        List<VersionRow> rows = new ArrayList<>();
        int active = defs.isEmpty() ? 0 : defs.get(0).getVersion();
        for (DecisionDefinition d : defs) {
            Deployment dep = repository.createDeploymentQuery().deploymentId(d.getDeploymentId()).singleResult();
            Optional<AnalystDeployment> mine = analystDeployments.findFirstByDeploymentId(d.getDeploymentId());
            rows.add(new VersionRow(d.getVersion(), d.getDeploymentId(),
                    dep == null || dep.getDeploymentTime() == null ? null : dep.getDeploymentTime().toInstant(),
                    mine.map(AnalystDeployment::getDeployedBy).orElse(null),
                    mine.map(AnalystDeployment::getComment).orElse(dep == null ? null : dep.getName()),
                    source(dep), mine.map(AnalystDeployment::getKind).orElse(null),
                    d.getVersion() == active, counts.getOrDefault(d.getVersion(), 0L)));
        }
        return rows;
    }

    /** Deploys a DRD as the rule set's new active version; returns the deployment id. */
    String deploy(String ruleSet, String xml) {
        // every way a rule set is deployed (deploy, roll back, keeping an analyst's version) is FEEL-only
        FeelOnlyGuard.require(ruleSet, DecisionTables.parse(xml).model());
        return repository.createDeployment().name("workbench:" + ruleSet).source(SOURCE)
                .addString(resource(ruleSet), xml).deploy().getId();
    }
}
