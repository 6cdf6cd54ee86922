package cn.xueshi.claim;

import cn.xueshi.rules.PolicyRuleSets;
import cn.xueshi.rules.RecognitionService;
import cn.xueshi.system.InLists;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.JdbcTemplate;
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
    private final JdbcTemplate jdbc;
    private final RecognitionService recognition;
    private final PolicyRuleSets policyRuleSets;
    private final ClaimRouting routing;
    private final RuntimeService runtime;
    private final AuditLog audit;

    PolicyInputRepair(LifecycleVersions versions, JdbcTemplate jdbc, RecognitionService recognition,
            PolicyRuleSets policyRuleSets, ClaimRouting routing, RuntimeService runtime, AuditLog audit) {
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
    public int reroute(Collection<String> moved) {
        int rerouted = 0;
        // only the moved instances' claims, read in IN-lists of bounded size (no scan of every claim in review)
        for (List<String> part : InLists.parts(moved)) {
            for (Map<String, Object> row : jdbc.queryForList("SELECT c.id, c.rule_set, c.reviewer_kind,"
                    + " c.reviewer_department, c.process_instance_id, u.unit_type FROM xs_claim c"
                    + " JOIN xs_unit u ON u.id = c.unit_id WHERE c.status = 'IN_REVIEW' AND c.process_instance_id IN ("
                    + InLists.placeholders(part.size()) + ")", part.toArray())) {
                Map<String, Object> now = routingNow(row);
                if (now != null && routeAgain(row, now)) {
                    rerouted++;
                }
            }
        }
        return rerouted;
    }

    /** The reference set's routing row of a derived set's claim when it names another reviewer, else null. */
    private Map<String, Object> routingNow(Map<String, Object> row) {
        String ruleSet = (String) row.get("rule_set");
        if (ruleSet == null || recognition.ruleSets().contains(ruleSet)) {
            return null;
        }
        Map<String, Object> in = new HashMap<>();
        in.put("ruleSet", policyRuleSets.of(ruleSet));
        in.put("unitType", row.get("unit_type"));
        in.put("titleSeries", routing.titleSeries(((Number) row.get("id")).longValue()));
        Map<String, Object> now = recognition.firstRow("review-routing", in).orElse(null);
        boolean unchanged = now == null || (same(now.get("reviewerKind"), row.get("reviewer_kind"))
                && same(now.get("reviewerDepartment"), row.get("reviewer_department")));
        return unchanged ? null : now;
    }

    /** Back through 确定审核方与时限 on the shipped lifecycle; false when the claim is not waiting for review there. */
    private boolean routeAgain(Map<String, Object> row, Map<String, Object> now) {
        long claimId = ((Number) row.get("id")).longValue();
        String instance = (String) row.get("process_instance_id");
        try {
            ProcessInstance pi = runtime.createProcessInstanceQuery().processInstanceId(instance).singleResult();
            if (pi == null || !asksByReference(versions.model(versions.definition(pi.getProcessDefinitionId())))
                    || runtime.getActiveActivityIds(instance).stream().noneMatch("reviewClaim"::equals)) {
                return false;
            }
            runtime.createProcessInstanceModification(instance).cancelAllForActivity("reviewClaim")
                    .startBeforeActivity("routeReview").execute();
            audit.record(claimId, "system", "REROUTED", String.valueOf(now.get("basis")), null);
            return true;
        } catch (ProcessEngineException e) {
            log.warn("Could not route claim {} again: {}", claimId, e.getMessage());
            return false;
        }
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
