package cn.xueshi.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.xueshi.identity.CurrentUserService;
import cn.xueshi.identity.Groups;
import cn.xueshi.identity.UnitType;
import cn.xueshi.notification.NotificationRepository;
import cn.xueshi.review.ReviewForm;
import cn.xueshi.review.ReviewService;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import cn.xueshi.identity.Directory;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every path of bpmn/claim-lifecycle.bpmn, driven through the services the pages use. */
@IntegrationTest
class ClaimLifecycleProcessTest {

    @Autowired
    ClaimFixtures fixtures;
    @Autowired
    ReviewService reviews;
    @Autowired
    ClaimService claims;

    @Autowired
    AnnualDeclarations declarations;
    @Autowired
    CurrentUserService currentUsers;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;
    @Autowired
    HistoryService history;
    @Autowired
    ManagementService management;
    @Autowired
    NotificationRepository notifications;
    @Autowired
    TestUsers users;
    @Autowired
    Directory directory;
    @Autowired
    AuditLog audit;

    private ProcessInstance instance(Claim claim) {
        return runtime.createProcessInstanceQuery().processInstanceId(claim.getProcessInstanceId()).singleResult();
    }

    private Task reviewTask(Claim claim) {
        return tasks.createTaskQuery().processInstanceId(claim.getProcessInstanceId())
                .taskDefinitionKey("reviewClaim").singleResult();
    }

    private static ReviewForm decision(ReviewForm.Decision d, String comment) {
        ReviewForm f = new ReviewForm();
        f.setDecision(d);
        f.setComment(comment);
        return f;
    }

    @Test
    void approvedClaimFreezesTheProposedHoursWithDecisionVersionAndRule() {
        ClaimFixtures.Setup s = fixtures.jilin();
        Claim claim = fixtures.exchange(s.employee(), 3);

        assertThat(claim.getStatus()).isEqualTo(ClaimStatus.IN_REVIEW);
        assertThat(claim.getProposedHours()).isEqualByComparingTo("24");
        assertThat(claim.getReviewerKind()).isEqualTo("UNIT");
        assertThat(instance(claim)).isWaitingAt("reviewClaim");
        Task task = reviewTask(claim);
        assertThat(task).hasCandidateUser(s.reviewer()).hasDueDate(java.util.Date.from(claim.getReviewDue()));

        reviews.decide(task.getId(), currentUsers.load(s.reviewer()), decision(ReviewForm.Decision.APPROVE, null));

        Claim approved = fixtures.reload(claim);
        assertThat(approved.getStatus()).isEqualTo(ClaimStatus.IN_PUBLICITY);
        assertThat(approved.getApprovedHours()).isEqualByComparingTo("24");
        assertThat(approved.getApprovedProfessional()).isEqualByComparingTo("24");
        assertThat(approved.getDecidedBy()).isEqualTo(s.reviewer());
        ClaimItem item = approved.getItems().get(0);
        assertThat(item.getDecisionKey()).isNotBlank();
        assertThat(item.getDecisionVersion()).isPositive();
        assertThat(item.getRuleId()).isNotBlank();
        assertThat(item.getBasis()).contains("吉林");
        assertThat(instance(claim)).isWaitingAt("publicityEnds");
        assertThat(audit.of(claim.getId())).extracting(AuditEntry::getAction)
                .containsExactly("SUBMITTED", "REVIEW_APPROVE", "PUBLICITY_STARTED");
    }

    @Test
    void adjustedApprovalKeepsTheReviewersHoursAndReason() {
        ClaimFixtures.Setup s = fixtures.jilin();
        Claim claim = fixtures.exchange(s.employee(), 5);
        ReviewForm f = decision(ReviewForm.Decision.ADJUST, "第5天为返程，不计学时");
        f.setAdjustedPublic(BigDecimal.ZERO);
        f.setAdjustedProfessional(new BigDecimal("32"));
        reviews.decide(reviewTask(claim).getId(), currentUsers.load(s.reviewer()), f);

        Claim approved = fixtures.reload(claim);
        assertThat(approved.getStatus()).isEqualTo(ClaimStatus.IN_PUBLICITY);
        assertThat(approved.getProposedHours()).isEqualByComparingTo("40");
        assertThat(approved.getApprovedHours()).isEqualByComparingTo("32");
        assertThat(approved.getAdjustmentReason()).isEqualTo("第5天为返程，不计学时");
    }

    @Test
    void rejectedClaimEndsRejected() {
        ClaimFixtures.Setup s = fixtures.jilin();
        Claim claim = fixtures.exchange(s.employee(), 1);
        reviews.decide(reviewTask(claim).getId(), currentUsers.load(s.reviewer()),
                decision(ReviewForm.Decision.REJECT, "无法提供参会证明"));
        assertThat(fixtures.reload(claim).getStatus()).isEqualTo(ClaimStatus.REJECTED);
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(claim.getProcessInstanceId())
                .singleResult().getEndActivityId()).isEqualTo("claimRejected");
    }

    @Test
    void returnedClaimIsCorrectedByTheClaimantAndReviewedAgain() {
        ClaimFixtures.Setup s = fixtures.jilin();
        Claim claim = fixtures.exchange(s.employee(), 2);
        reviews.decide(reviewTask(claim).getId(), currentUsers.load(s.reviewer()),
                decision(ReviewForm.Decision.RETURN, "请补充会议日程"));
        Claim returned = fixtures.reload(claim);
        assertThat(returned.getStatus()).isEqualTo(ClaimStatus.RETURNED);
        assertThat(instance(claim)).isWaitingAt("correctClaim");
        assertThat(notifications.findByClaimIdAndKind(claim.getId(), "CLAIM_RETURNED"))
                .extracting(n -> n.getRecipient()).containsExactly(s.employee());

        ClaimForm corrected = ClaimFixtures.form(2026, "PROFESSIONAL_EXCHANGE", LocalDate.of(2026, 3, 2),
                Map.of("days", "3"));
        claims.correct(claim.getId(), corrected, "jilin-2026", currentUsers.load(s.employee()));
        fixtures.runJobs(claim);

        Claim again = fixtures.reload(claim);
        assertThat(again.getStatus()).isEqualTo(ClaimStatus.IN_REVIEW);
        assertThat(again.getProposedHours()).isEqualByComparingTo("24");
        assertThat(instance(claim)).isWaitingAt("reviewClaim");
        reviews.decide(reviewTask(claim).getId(), currentUsers.load(s.reviewer()),
                decision(ReviewForm.Decision.APPROVE, null));
        assertThat(fixtures.reload(claim).getStatus()).isEqualTo(ClaimStatus.IN_PUBLICITY);
        assertThat(audit.of(claim.getId())).extracting(AuditEntry::getAction)
                .containsExactly("SUBMITTED", "REVIEW_RETURN", "CORRECTED", "REVIEW_APPROVE", "PUBLICITY_STARTED");
    }

    @Test
    void anhuiNonPublicClaimsGoToTheLocalBureau() {
        ClaimFixtures.Setup s = fixtures.unit("合肥云算科技有限公司", UnitType.NON_PUBLIC, "ANHUI", "anhui-2025");
        String bureau = users.user("bur", "钱", "核验", Groups.BUREAU);
        directory.assignOversight(bureau, "ANHUI");
        Claim claim = fixtures.submit(s.employee(), ClaimFixtures.form(2025, "TEACHING", LocalDate.of(2025, 9, 10),
                Map.of("count", "2")));
        assertThat(claim.getReviewerKind()).isEqualTo("BUREAU");
        Task task = reviewTask(claim);
        assertThat(task).hasCandidateUser(bureau);
        assertThat(tasks.createTaskQuery().taskId(task.getId()).taskCandidateUser(s.reviewer()).count()).isZero();
    }

    @Test
    void anhuiStateOwnedClaimsStayWithTheUnit() {
        ClaimFixtures.Setup s = fixtures.unit("安徽省立医院", UnitType.STATE_OWNED, "ANHUI", "anhui-2025");
        Claim claim = fixtures.submit(s.employee(), ClaimFixtures.form(2025, "TEACHING", LocalDate.of(2025, 9, 10),
                Map.of("count", "1")));
        assertThat(claim.getReviewerKind()).isEqualTo("UNIT");
        assertThat(reviewTask(claim)).hasCandidateUser(s.reviewer());
    }

    @Test
    void overdueReviewRemindsTheReviewerAndEscalatesToTheSupervisorWithoutEndingTheTask() {
        ClaimFixtures.Setup s = fixtures.jilin();
        String supervisor = users.user("sup", "冯", "监督", Groups.SUPERVISOR);
        directory.assignOversight(supervisor, "JILIN");
        Claim claim = fixtures.exchange(s.employee(), 1);
        Job timer = management.createJobQuery().processInstanceId(claim.getProcessInstanceId()).timers().singleResult();
        assertThat(timer.getDuedate()).isEqualTo(java.util.Date.from(claim.getReviewDue()));
        management.executeJob(timer.getId());

        assertThat(notifications.findByClaimIdAndKind(claim.getId(), "REVIEW_OVERDUE"))
                .extracting(n -> n.getRecipient()).containsExactly(s.reviewer());
        assertThat(notifications.findByClaimIdAndKind(claim.getId(), "REVIEW_ESCALATED"))
                .extracting(n -> n.getRecipient()).contains(supervisor);
        assertThat(instance(claim)).isWaitingAt("reviewClaim");
        assertThat(audit.of(claim.getId())).extracting(AuditEntry::getAction).contains("REVIEW_OVERDUE");
    }

    @Test
    void aFailingHourProposalLeavesTheSubmittedClaimAndAJobToRetry() {
        ClaimFixtures.Setup s = fixtures.jilin();
        // a unit without reviewers: assignment fails after the submit has committed
        cn.xueshi.identity.Unit orphan = users.unit("无人审核单位", UnitType.STATE_OWNED, "JILIN", "jilin-2026");
        String employee = users.member(orphan, "孤", "单");
        ClaimForm form = ClaimFixtures.form(2026, "PROFESSIONAL_EXCHANGE", LocalDate.of(2026, 3, 2), Map.of("days", "1"));
        assertThatThrownBy(() -> fixtures.submit(employee, form)).isInstanceOf(IllegalStateException.class);
        Claim claim = claimsBySubmission(form);
        assertThat(claim.getStatus()).isEqualTo(ClaimStatus.SUBMITTED);
        Job job = management.createJobQuery().processInstanceId(claim.getProcessInstanceId()).singleResult();
        assertThat(job.getExceptionMessage()).contains("No UNIT reviewer");
        assertThat(s).isNotNull();
    }

    @Autowired
    ClaimRepository claimRepository;

    private Claim claimsBySubmission(ClaimForm form) {
        return claimRepository.findBySubmissionKey(form.getSubmissionKey()).orElseThrow();
    }

    @Test
    void sameSubmissionKeyTwiceMakesOneClaim() {
        ClaimFixtures.Setup s = fixtures.jilin();
        ClaimForm form = ClaimFixtures.form(2026, "PROFESSIONAL_EXCHANGE", LocalDate.of(2026, 3, 2), Map.of("days", "1"));
        Claim first = fixtures.submit(s.employee(), form);
        Claim second = fixtures.submit(s.employee(), form);
        assertThat(second.getId()).isEqualTo(first.getId());
        assertThat(claimRepository.findByClaimantOrderBySubmittedAtDesc(s.employee())).hasSize(1);
    }

    @Test
    void anhuiAllowsOneDeclarationPerYear() {
        ClaimFixtures.Setup s = fixtures.unit("安徽农业大学", UnitType.STATE_OWNED, "ANHUI", "anhui-2025");
        fixtures.submit(s.employee(), ClaimFixtures.form(2025, "TEACHING", LocalDate.of(2025, 5, 6), Map.of("count", "1")));
        assertThat(declarations.hasDeclared(s.employee(), 2025, "anhui-2025")).isTrue();
        assertThatThrownBy(() -> fixtures.submit(s.employee(),
                ClaimFixtures.form(2025, "TEACHING", LocalDate.of(2025, 6, 6), Map.of("count", "1"))))
                .isInstanceOf(AlreadyDeclared.class);
        // other rule sets take any number of claims a year
        ClaimFixtures.Setup j = fixtures.jilin();
        fixtures.exchange(j.employee(), 1);
        fixtures.exchange(j.employee(), 2);
        assertThat(declarations.hasDeclared(j.employee(), 2026, "jilin-2026")).isFalse();
    }
}
