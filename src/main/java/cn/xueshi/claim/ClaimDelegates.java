package cn.xueshi.claim;

import cn.xueshi.clock.BusinessClock;
import cn.xueshi.calendar.WorkingDayCalendar;
import cn.xueshi.identity.Directory;
import cn.xueshi.identity.Groups;
import cn.xueshi.notification.Notifications;
import cn.xueshi.variable.DecisionOutputs;
import cn.xueshi.variable.ProcessVariables;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The service tasks of bpmn/claim-lifecycle.bpmn, one bean per task (named as in the model).
 * Each reads typed variables and calls the claim's own methods; the logic lives in services. The claim comes from
 * {@link ProcessTrust#claim}, managed by the step's transaction: its changes are written when the step commits, with
 * its version checked, so no delegate calls {@code save} (a merge of an entity that is already managed: only cost).
 */
@Configuration
class ClaimDelegates {

    static final String UNIT = "UNIT";
    static final String BUREAU = "BUREAU";
    static final String DEPARTMENT = "DEPARTMENT";

    private final ClaimService claimService;
    private final RegistrationPolicy policies;
    private final Directory directory;
    private final WorkingDayCalendar calendar;
    private final Notifications notifications;
    private final AuditLog audit;
    private final ProcessTrust trust;
    private final BusinessClock clock;
    private final ZoneId zone;

    private final AchievementIdentity achievements;

    ClaimDelegates(ClaimService claimService, RegistrationPolicy policies, Directory directory, WorkingDayCalendar calendar,
            Notifications notifications, AuditLog audit, ProcessTrust trust,
            BusinessClock clock, AchievementIdentity achievements) {
        this.achievements = achievements;
        this.trust = trust;
        this.claimService = claimService;
        this.policies = policies;
        this.directory = directory;
        this.calendar = calendar;
        this.notifications = notifications;
        this.audit = audit;
        this.clock = clock;
        this.zone = clock.zone();
    }

    /** The claim of this instance by the product's records, never merely the claim a variable names. */
    private Claim claim(DelegateExecution execution) {
        return trust.claim(execution);
    }

    /**
     * A decision step trusts the claim, the decider and the decision only as far as the product's records
     * allow: the claim is in review, the reviewer may review it, the decision is this step's.
     */
    private Claim decided(DelegateExecution execution, Set<String> decisions) {
        Claim claim = claim(execution);
        trust.requireStatus(claim, ClaimStatus.IN_REVIEW);
        trust.person(execution, "reviewer", trust.deciders(claim));
        trust.decision(execution, "decision", decisions);
        return claim;
    }

    /** 按认定规则计算学时 */
    @Bean
    JavaDelegate proposeHoursDelegate() {
        return execution -> claimService.propose(claim(execution));
    }

    /** 分派审核人: the unit's reviewers or the jurisdiction's bureau, as the routing table said; the due date in working days. */
    @Bean
    JavaDelegate assignReviewersDelegate() {
        return execution -> {
            Claim claim = claim(execution);
            trust.routingFacts(execution, claim);
            DecisionOutputs routing = DecisionOutputs.of(execution::getVariable, "routing", "review-routing");
            String kind = routing.text("reviewerKind");
            int days = routing.whole("reviewWorkingDays");
            String department = null;
            List<String> reviewers;
            if (DEPARTMENT.equals(kind)) {
                // 青岛 2023 五: an industry department of the hierarchy reviews; the table names it by code
                department = departmentOf(routing);
                if (department == null || department.isBlank() || !directory.departmentExists(department)) {
                    // a misconfigured row: an incident in Cockpit names the table and the code to correct
                    throw new IllegalStateException("审核路由（review-routing）指向的部门不存在：" + department
                            + "（学时登记 " + claim.getId() + "）。请在政策表中更正 reviewerDepartment 或在层级中建立该部门");
                }
                reviewers = directory.departmentReviewers(department);
            } else if (BUREAU.equals(kind)) {
                reviewers = directory.overseers((String) execution.getVariable("jurisdiction"), Groups.BUREAU);
            } else {
                reviewers = directory.reviewersOf(claim.getUnitId());
            }
            if (reviewers.isEmpty()) {
                // an incident in Cockpit tells the administrator to give the unit a reviewer
                throw new IllegalStateException("No " + kind + " reviewer for claim " + claim.getId()
                        + " (unit " + claim.getUnitId() + (department == null ? "" : ", department " + department) + ")");
            }
            LocalDate dueDay = calendar.addWorkingDays(clock.today(), days);
            Date due = Date.from(dueDay.atTime(23, 59, 59).atZone(zone).toInstant());
            execution.setVariable("reviewers", ProcessVariables.candidates(reviewers));
            execution.setVariable("reviewDue", due);
            claim.inReview(kind, department, due.toInstant());
        };
    }

    private static String departmentOf(DecisionOutputs routing) {
        try {
            return routing.text("reviewerDepartment");
        } catch (RuntimeException empty) {
            return null; // reported below with the table's name
        }
    }

    /** 审核逾期: remind the reviewers and tell the supervisors of the jurisdiction. */
    @Bean
    JavaDelegate escalateOverdueReviewDelegate() {
        return execution -> {
            Claim claim = claim(execution);
            List<String> reviewers = ProcessVariables.peopleOf(execution.getVariable("reviewers"));
            String who = directory.displayName(claim.getClaimant());
            notifications.send(reviewers, "REVIEW_OVERDUE", claim.getId(), who);
            List<String> supervisors = directory.overseers((String) execution.getVariable("jurisdiction"),
                    Groups.SUPERVISOR);
            notifications.send(supervisors, "REVIEW_ESCALATED", claim.getId(), who);
            audit.record(claim.getId(), "system", "REVIEW_OVERDUE", null, null);
        };
    }

    /** 冻结认定学时: the proposal, or the reviewer's adjustment (ADJUST) with its reason. */
    @Bean
    JavaDelegate approveClaimDelegate() {
        return execution -> {
            Claim claim = decided(execution, Set.of("APPROVE", "ADJUST"));
            String reviewer = (String) execution.getVariable("reviewer");
            if ("ADJUST".equals(execution.getVariable("decision"))) {
                claim.approve(reviewer, hours(execution, "adjustedPublic"), hours(execution, "adjustedProfessional"),
                        (String) execution.getVariable("reviewComment"));
            } else {
                claim.approve(reviewer, claim.getProposedPublic(), claim.getProposedProfessional(), null);
            }
        };
    }

    private static BigDecimal hours(DelegateExecution execution, String variable) {
        // a plain decimal string, or a BigDecimal in instances started before (ProcessVariables)
        return ProcessVariables.readHours(execution.getVariable(variable)).filter(h -> h.signum() >= 0)
                .orElseThrow(() -> new UntrustedProcessData(variable));
    }

    /** 登记完成: the hours now count toward the year. */
    @Bean
    JavaDelegate registerClaimDelegate() {
        return execution -> {
            Claim claim = claim(execution);
            claim.register();
            audit.record(claim.getId(), "system", "REGISTERED", null, null);
        };
    }

    /** 已备案: the unit's annual filing was verified by the bureau. */
    @Bean
    JavaDelegate markFiledDelegate() {
        return execution -> {
            Claim claim = claim(execution);
            claim.filed((Long) execution.getVariable("filingId"));
            audit.record(claim.getId(), "system", "FILED", null, null);
        };
    }

    /** 记录不予认定 */
    @Bean
    JavaDelegate rejectClaimDelegate() {
        return execution -> {
            Claim claim = decided(execution, Set.of("REJECT"));
            claim.reject((String) execution.getVariable("reviewer"));
            achievements.release(claim.getId()); // 不予认定: the achievement may be claimed again
        };
    }

    /**
     * 记录撤回: the claimant withdrew (ClaimWithdrawal correlated {@code claimWithdrawn}) while the claim was in review or
     * being corrected. It ends without hours and frees its 成果编号 as a rejection does; the reviewers are told.
     */
    @Bean
    JavaDelegate withdrawClaimDelegate() {
        return execution -> {
            Claim claim = claim(execution);
            if (!claim.getStatus().withdrawable()) {
                throw new UntrustedProcessData("claimId");
            }
            String by = trust.person(execution, "withdrawnBy", List.of(claim.getClaimant()));
            claim.withdraw();
            achievements.release(claim.getId());
            audit.record(claim.getId(), by, "WITHDRAWN", (String) execution.getVariable("withdrawalReason"), null);
            notifications.send(ProcessVariables.peopleOf(execution.getVariable("reviewers")), "CLAIM_WITHDRAWN",
                    claim.getId(), directory.displayName(by));
        };
    }

    /** 退回申请人 */
    @Bean
    JavaDelegate returnClaimDelegate() {
        return execution -> {
            Claim claim = decided(execution, Set.of("RETURN"));
            if (!policies.of(claim.getRuleSet()).correctable()) {
                // e.g. Anhui declarations cannot be returned (art. 21.3)
                throw new UntrustedProcessData("decision");
            }
            claim.returnForCorrection((String) execution.getVariable("reviewer"));
            notifications.send(List.of(claim.getClaimant()), "CLAIM_RETURNED", claim.getId(),
                    (String) execution.getVariable("reviewComment"));
        };
    }
}
