package cn.xueshi.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.xueshi.identity.Directory;
import cn.xueshi.identity.Groups;
import cn.xueshi.identity.UnitType;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Finding 2, defence in depth: with the engine API's lock-down bypassed (TaskService directly), the lifecycle
 * delegates refuse variables that do not match the product's records; the completion rolls back, nothing
 * changes, no incident is left and the audit trail is as it was.
 */
@IntegrationTest
class LifecycleTrustTest {

    @Autowired
    ClaimFixtures fixtures;
    @Autowired
    TestUsers users;
    @Autowired
    Directory directory;
    @Autowired
    TaskService tasks;
    @Autowired
    RuntimeService runtime;
    @Autowired
    AuditLog audit;
    @Autowired
    cn.xueshi.review.ReviewService reviews;
    @Autowired
    cn.xueshi.identity.CurrentUserService currentUsers;
    @Autowired
    org.camunda.bpm.engine.ManagementService management;

    private String taskOf(Claim claim) {
        return tasks.createTaskQuery().processInstanceId(fixtures.reload(claim).getProcessInstanceId())
                .taskDefinitionKey("reviewClaim").singleResult().getId();
    }

    /** Refused with UntrustedProcessData; both claims, their audit trails and incidents unchanged. */
    private void refusedAndNothingChanged(Executable completion, Claim... claims) {
        ClaimStatus[] before = new ClaimStatus[claims.length];
        int[] auditBefore = new int[claims.length];
        for (int i = 0; i < claims.length; i++) {
            before[i] = fixtures.reload(claims[i]).getStatus();
            auditBefore[i] = audit.of(claims[i].getId()).size();
        }
        assertThatThrownBy(completion::execute).satisfies(e -> {
            Throwable t = e;
            while (t != null && !(t instanceof UntrustedProcessData)) {
                t = t.getCause();
            }
            assertThat(t).as("refused as untrusted, not a BpmnError: " + e).isInstanceOf(UntrustedProcessData.class);
        });
        for (int i = 0; i < claims.length; i++) {
            Claim c = fixtures.reload(claims[i]);
            assertThat(c.getStatus()).isEqualTo(before[i]);
            assertThat(audit.of(c.getId())).hasSize(auditBefore[i]);
            assertThat(runtime.createIncidentQuery().processInstanceId(c.getProcessInstanceId()).count()).isZero();
        }
    }

    @Test
    void aForeignClaimIdOnTheTaskIsRefusedAndTheTaskStaysOpen() {
        ClaimFixtures.Setup own = fixtures.jilin();
        ClaimFixtures.Setup other = fixtures.unit("延边州医院", UnitType.STATE_OWNED, "JILIN", "jilin-2026");
        Claim mine = fixtures.exchange(own.employee(), 2);
        Claim foreign = fixtures.registeredExchange(other, 3);
        String task = taskOf(mine);
        tasks.setVariable(task, "claimId", foreign.getId());
        refusedAndNothingChanged(() -> tasks.complete(task, Variables.createVariables()
                .putValue("decision", "RETURN").putValue("reviewer", own.reviewer())
                .putValue("reviewComment", "请补充")), mine, foreign);
        assertThat(tasks.createTaskQuery().taskId(task).count()).isEqualTo(1);
        // put right, the product's own path works again
        tasks.setVariable(task, "claimId", mine.getId());
        assertThat(fixtures.approve(mine, own.reviewer()).getStatus()).isEqualTo(ClaimStatus.IN_PUBLICITY);
    }

    @Test
    void aBureauOnlyAnhuiClaimCannotBeRejectedInTheBureausNameByAnotherTask() {
        ClaimFixtures.Setup jilin = fixtures.jilin();
        ClaimFixtures.Setup anhui = fixtures.unit("合肥自由职业者", UnitType.FREELANCE, "ANHUI", "anhui-2025");
        String bureau = users.user("bur", "周", "人社", Groups.BUREAU);
        directory.assignOversight(bureau, "ANHUI");
        Claim anhuiClaim = fixtures.submit(anhui.employee(), ClaimFixtures.form(2025, "TEACHING",
                LocalDate.of(2025, 5, 5), Map.of("count", "3")));
        Claim mine = fixtures.exchange(jilin.employee(), 2);
        String task = taskOf(mine);
        tasks.setVariable(task, "claimId", anhuiClaim.getId());
        refusedAndNothingChanged(() -> tasks.complete(task, Variables.createVariables()
                .putValue("decision", "REJECT").putValue("reviewer", bureau).putValue("reviewComment", "x")),
                mine, anhuiClaim);
        // on the Anhui claim's own task only the bureau may decide: the unit's reviewer is refused
        refusedAndNothingChanged(() -> tasks.complete(taskOf(anhuiClaim), Variables.createVariables()
                .putValue("decision", "REJECT").putValue("reviewer", anhui.reviewer())
                .putValue("reviewComment", "x")), anhuiClaim);
    }

    @Test
    void decidersAndDecisionsOutsideTheProductsRecordsAreRefused() {
        ClaimFixtures.Setup own = fixtures.jilin();
        String stranger = users.user("rev", "外", "人", Groups.REVIEWER);
        Claim mine = fixtures.exchange(own.employee(), 2);
        String task = taskOf(mine);
        refusedAndNothingChanged(() -> tasks.complete(task, Variables.createVariables()
                .putValue("decision", "APPROVE").putValue("reviewer", stranger)), mine);
        refusedAndNothingChanged(() -> tasks.complete(task, Variables.createVariables()
                .putValue("decision", "ADJUST").putValue("reviewer", own.reviewer())
                .putValue("adjustedPublic", new BigDecimal("-5")).putValue("adjustedProfessional", BigDecimal.TEN)),
                mine);
        refusedAndNothingChanged(() -> tasks.complete(task, Variables.createVariables()
                .putValue("decision", "ADJUST").putValue("reviewer", own.reviewer())), mine);
        assertThat(tasks.createTaskQuery().taskId(task).count()).isEqualTo(1);
    }

    @Test
    void anAnhuiDeclarationCannotBeReturnedEvenWithTheEngineDirectly() {
        ClaimFixtures.Setup s = fixtures.unit("安徽医科大学附属医院", UnitType.STATE_OWNED, "ANHUI", "anhui-2025");
        Claim claim = fixtures.submit(s.employee(), ClaimFixtures.form(2025, "TEACHING", LocalDate.of(2025, 5, 5),
                Map.of("count", "3")));
        refusedAndNothingChanged(() -> tasks.complete(taskOf(claim), Variables.createVariables()
                .putValue("decision", "RETURN").putValue("reviewer", s.reviewer())
                .putValue("reviewComment", "x")), claim);
    }

    @Test
    void aCorrectionNamingAForeignClaimIsRefusedAtOnceNotLaterAsAnIncident() {
        ClaimFixtures.Setup own = fixtures.jilin();
        ClaimFixtures.Setup other = fixtures.unit("延边州医院", UnitType.STATE_OWNED, "JILIN", "jilin-2026");
        Claim mine = fixtures.exchange(own.employee(), 2);
        Claim foreign = fixtures.registeredExchange(other, 3);
        cn.xueshi.review.ReviewForm form = new cn.xueshi.review.ReviewForm();
        form.setDecision(cn.xueshi.review.ReviewForm.Decision.RETURN);
        form.setComment("请补充证明");
        reviews.decide(taskOf(mine), currentUsers.load(own.reviewer()), form);
        String correction = tasks.createTaskQuery().processInstanceId(mine.getProcessInstanceId())
                .taskDefinitionKey("correctClaim").singleResult().getId();
        tasks.setVariable(correction, "claimId", foreign.getId());
        refusedAndNothingChanged(() -> tasks.complete(correction), mine, foreign);
        assertThat(management.createJobQuery().processInstanceId(mine.getProcessInstanceId()).count()).isZero();
        assertThat(tasks.createTaskQuery().taskId(correction).count()).isEqualTo(1);
    }

    @Test
    void aClaimedReviewTaskIsDecidedByItsAssigneeOnly() {
        ClaimFixtures.Setup own = fixtures.jilin();
        String colleague = users.reviewerOf(own.unit(), "同", "事");
        Claim mine = fixtures.exchange(own.employee(), 2);
        String task = taskOf(mine);
        reviews.claimTask(task, currentUsers.load(own.reviewer()));
        refusedAndNothingChanged(() -> tasks.complete(task, Variables.createVariables()
                .putValue("decision", "APPROVE").putValue("reviewer", colleague)), mine);
        assertThat(fixtures.approve(mine, own.reviewer()).getStatus()).isEqualTo(ClaimStatus.IN_PUBLICITY);
    }
}
