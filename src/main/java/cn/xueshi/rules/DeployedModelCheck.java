package cn.xueshi.rules;

import java.io.InputStream;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.DecisionRequirementsDefinition;
import org.camunda.bpm.engine.repository.Deployment;

/**
 * The start-up check of what is already deployed: every resource behind a decision or a decision
 * requirements definition — every version, not only the latest, since approved items and history
 * point at old versions and the engine loads them on demand — must be FEEL-only. A database written
 * by a build that still evaluated JUEL could otherwise hold a model that runs Java code; the
 * application then refuses to start and says which deployment and resource to remove.
 */
final class DeployedModelCheck {

    private DeployedModelCheck() {
    }

    /** One unsafe deployed resource. */
    record Unsafe(String deploymentId, String deploymentName, String resourceName, List<FeelOnlyGuard.Violation> violations) {

        String message(Locale locale) {
            ResourceBundle bundle = FeelOnlyGuard.bundle(locale);
            return MessageFormat.format(bundle.getString("rules.feelOnly.deployed"), deploymentId,
                    deploymentName == null ? "" : deploymentName, resourceName,
                    String.join("；", violations.stream().map(v -> v.message(locale)).toList()));
        }
    }

    static List<Unsafe> unsafe(RepositoryService repository) {
        Map<String, String[]> resources = new LinkedHashMap<>();
        for (DecisionRequirementsDefinition d : repository.createDecisionRequirementsDefinitionQuery().list()) {
            resources.putIfAbsent(d.getDeploymentId() + "/" + d.getResourceName(),
                    new String[] {d.getDeploymentId(), d.getResourceName()});
        }
        for (DecisionDefinition d : repository.createDecisionDefinitionQuery().list()) {
            resources.putIfAbsent(d.getDeploymentId() + "/" + d.getResourceName(),
                    new String[] {d.getDeploymentId(), d.getResourceName()});
        }
        List<Unsafe> unsafe = new ArrayList<>();
        for (String[] r : resources.values()) {
            List<FeelOnlyGuard.Violation> violations;
            try (InputStream in = repository.getResourceAsStream(r[0], r[1])) {
                violations = FeelOnlyGuard.check(in);
            } catch (java.io.IOException | RuntimeException e) {
                throw new IllegalStateException("cannot read the deployed decision resource " + r[1]
                        + " of deployment " + r[0] + " to check it is FEEL-only", e);
            }
            if (!violations.isEmpty()) {
                Deployment deployment = repository.createDeploymentQuery().deploymentId(r[0]).singleResult();
                unsafe.add(new Unsafe(r[0], deployment == null ? null : deployment.getName(), r[1], violations));
            }
        }
        return unsafe;
    }

    /** Throws (and so stops the start) when any deployed decision is not FEEL-only. */
    static void requireSafe(RepositoryService repository) {
        List<Unsafe> unsafe = unsafe(repository);
        if (!unsafe.isEmpty()) {
            throw new IllegalStateException(String.join("\n",
                    unsafe.stream().map(u -> u.message(Locale.SIMPLIFIED_CHINESE)).toList()));
        }
    }
}
