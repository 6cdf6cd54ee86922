package cn.xueshi.claim;

import java.util.List;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Start-up move of the claims running on lifecycle versions whose decision tasks asked the policy tables with the
 * claim's own rule set ({@code ${ruleSet}}): a claim priced by a derived set fell to the default rows there (see
 * rules/PolicyRuleSets). Migrated to the newest version, such a claim is routed again by its jurisdiction's rows
 * when it comes back from correction, and its publicity period is its jurisdiction's. Its review task, if open,
 * stays with whom it was given. Idempotent; a failure is logged and start-up goes on.
 */
@Component
class PolicyInputRepair implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(PolicyInputRepair.class);
    /** The lifecycle's decision tasks that read a policy table by rule set. */
    static final List<String> DECISION_TASKS = List.of("routeReview", "publicityPolicy");
    static final String REFERENCE_INPUT = "${policyRuleSets.of(ruleSet)}";

    private final LifecycleVersions versions;

    PolicyInputRepair(LifecycleVersions versions) {
        this.versions = versions;
    }

    @Override
    public void run(ApplicationArguments args) {
        try {
            int migrated = migrate();
            if (migrated > 0) {
                log.info("Policy input repair: {} claim instance(s) migrated to the newest lifecycle", migrated);
            }
        } catch (RuntimeException e) {
            log.warn("Policy input repair failed; it runs again at the next start", e);
        }
    }

    int migrate() {
        return versions.migrateUnfixed(PolicyInputRepair::asksByReference);
    }

    /** Whether every decision task of the model there is gives the tables the reference rule set. */
    static boolean asksByReference(BpmnModelInstance model) {
        for (String id : DECISION_TASKS) {
            if (!(model.getModelElementById(id) instanceof FlowElement task)) {
                continue;
            }
            boolean reference = model.getModelElementsByType(CamundaInputParameter.class).stream()
                    .filter(p -> "ruleSet".equals(p.getCamundaName()))
                    .filter(p -> isWithin(p, task))
                    .anyMatch(p -> REFERENCE_INPUT.equals(p.getTextContent().trim()));
            if (!reference) {
                return false;
            }
        }
        return true;
    }

    private static boolean isWithin(org.camunda.bpm.model.xml.instance.ModelElementInstance e, FlowElement task) {
        for (var p = e.getParentElement(); p != null; p = p.getParentElement()) {
            if (p.equals(task)) {
                return true;
            }
        }
        return false;
    }
}
