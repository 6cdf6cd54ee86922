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
public class PolicyInputRepair implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(PolicyInputRepair.class);
    /** The lifecycle's decision tasks that read a policy table by rule set. */
    static final List<String> DECISION_TASKS = List.of("routeReview", "publicityPolicy");
    static final String REFERENCE_INPUT = "${policyRuleSets.of(ruleSet)}";

    private final LifecycleVersions versions;
    private final org.springframework.jdbc.core.JdbcTemplate jdbc;
    private final cn.xueshi.rules.RecognitionService recognition;
    private final cn.xueshi.rules.PolicyRuleSets policyRuleSets;
    private final ClaimRouting routing;
    private final org.camunda.bpm.engine.RuntimeService runtime;
    private final AuditLog audit;

    PolicyInputRepair(LifecycleVersions versions, org.springframework.jdbc.core.JdbcTemplate jdbc,
            cn.xueshi.rules.RecognitionService recognition, cn.xueshi.rules.PolicyRuleSets policyRuleSets,
            ClaimRouting routing, org.camunda.bpm.engine.RuntimeService runtime, AuditLog audit) {
        this.versions = versions;
        this.jdbc = jdbc;
        this.recognition = recognition;
        this.policyRuleSets = policyRuleSets;
        this.routing = routing;
        this.runtime = runtime;
        this.audit = audit;
    }

    @Override
    public void run(ApplicationArguments args) {
        try {
            List<String> moved = migrate();
            int migrated = moved.size();
            int rerouted = reroute(moved);
            if (migrated + rerouted > 0) {
                log.info("Policy input repair: {} claim instance(s) migrated to the newest lifecycle, {} in review"
                        + " routed again", migrated, rerouted);
            }
        } catch (RuntimeException e) {
            log.warn("Policy input repair failed; it runs again at the next start", e);
        }
    }

    /** The claim instances moved off versions that asked by the claim's own rule set. */
    public List<String> migrate() {
        return versions.migrateUnfixed(PolicyInputRepair::asksByReference);
    }

    /**
     * Of the instances just moved off an earlier version ({@code moved}): the claims in review priced by a derived
     * set, which that version routed by the default row, whose reviewer the reference set's row names otherwise (a
     * Qingdao health claim with its unit instead of 市卫生健康委). Their review goes back through 确定审核方与时限 on
     * the shipped lifecycle (process instance modification), so the right reviewers get a new task with a new due
     * date, and the claim's history says so. Only once per claim: a claim routed by the shipped version keeps its
     * reviewers, as every claim does when the person's series changes later. Returns how many.
     */
    public int reroute(java.util.Collection<String> moved) {
        if (moved.isEmpty()) {
            return 0;
        }
        List<String> references = recognition.ruleSets();
        java.util.Set<String> instances = new java.util.HashSet<>(moved);
        int rerouted = 0;
        for (var row : jdbc.queryForList("SELECT c.id, c.rule_set, c.reviewer_kind, c.reviewer_department,"
                + " c.process_instance_id, u.unit_type FROM xs_claim c JOIN xs_unit u ON u.id = c.unit_id"
                + " WHERE c.status = 'IN_REVIEW' AND c.process_instance_id IS NOT NULL")) {
            if (!instances.contains((String) row.get("process_instance_id"))) {
                continue;
            }
            String ruleSet = (String) row.get("rule_set");
            if (ruleSet == null || references.contains(ruleSet)) {
                continue;
            }
            long claimId = ((Number) row.get("id")).longValue();
            java.util.Map<String, Object> in = new java.util.HashMap<>();
            in.put("ruleSet", policyRuleSets.of(ruleSet));
            in.put("unitType", row.get("unit_type"));
            in.put("titleSeries", routing.titleSeries(claimId));
            var now = recognition.firstRow("review-routing", in).orElse(null);
            if (now == null || (same(now.get("reviewerKind"), row.get("reviewer_kind"))
                    && same(now.get("reviewerDepartment"), row.get("reviewer_department")))) {
                continue;
            }
            String instance = (String) row.get("process_instance_id");
            try {
                var pi = runtime.createProcessInstanceQuery().processInstanceId(instance).singleResult();
                if (pi == null || !asksByReference(versions.model(versions.definition(pi.getProcessDefinitionId())))
                        || runtime.getActiveActivityIds(instance).stream().noneMatch("reviewClaim"::equals)) {
                    continue;
                }
                runtime.createProcessInstanceModification(instance).cancelAllForActivity("reviewClaim")
                        .startBeforeActivity("routeReview").execute();
                audit.record(claimId, "system", "REROUTED", String.valueOf(now.get("basis")), null);
                rerouted++;
            } catch (org.camunda.bpm.engine.ProcessEngineException e) {
                log.warn("Could not route claim {} again: {}", claimId, e.getMessage());
            }
        }
        return rerouted;
    }

    private static boolean same(Object a, Object b) {
        String x = a == null ? "" : a.toString();
        String y = b == null ? "" : b.toString();
        return x.equals(y);
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
