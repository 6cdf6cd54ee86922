package cn.xueshi.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.xueshi.identity.CurrentUser;
import cn.xueshi.identity.CurrentUserService;
import cn.xueshi.identity.UnitType;
import cn.xueshi.review.ReviewForm;
import cn.xueshi.review.ReviewService;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.system.Conflict;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.validation.BeanPropertyBindingResult;

/**
 * 撤回 through claim-lifecycle: both paths of the model (withdrawnInReview, withdrawnInCorrection → recordWithdrawal →
 * claimWithdrawn), each refusal of ClaimWithdrawal, the reason's bounds, the reviewer's side, and a withdrawn claim
 * treated like a rejected one (no hours, no duplicate, no pending).
 */
@IntegrationTest
class ClaimWithdrawalTest {

    @Autowired ClaimFixtures fixtures;
    @Autowired ClaimWithdrawal withdrawal;
    @Autowired ClaimRepository claims;
    @Autowired CurrentUserService currentUsers;
    @Autowired TaskService tasks;
    @Autowired RuntimeService runtime;
    @Autowired HistoryService history;
    @Autowired ReviewService reviews;
    @Autowired AuditLog audit;
    @Autowired ProgressService progress;
    @Autowired JdbcTemplate jdbc;

    static WithdrawalForm reason(String text) {
        WithdrawalForm form = new WithdrawalForm();
        form.setReason(text);
        return form;
    }

    CurrentUser as(String userId) {
        return currentUsers.load(userId);
    }

    List<String> activities(Claim claim) {
        return history.createHistoricActivityInstanceQuery().processInstanceId(claim.getProcessInstanceId()).list()
                .stream().map(HistoricActivityInstance::getActivityId).toList();
    }

    String reviewTask(Claim claim) {
        return tasks.createTaskQuery().processInstanceId(claim.getProcessInstanceId())
                .taskDefinitionKey(ReviewService.REVIEW_TASK).singleResult().getId();
    }

    @Test
    void aClaimInReviewIsWithdrawnThroughTheModelAndTheReviewersAreTold() {
        ClaimFixtures.Setup s = fixtures.jilin();
        Claim claim = fixtures.exchange(s.employee(), 2);
        assertThat(claim.getStatus()).isEqualTo(ClaimStatus.IN_REVIEW);

        withdrawal.withdraw(claim.getId(), reason("  重复登记，已另行提交  "), as(s.employee()));

        Claim after = fixtures.reload(claim);
        assertThat(after.getStatus()).isEqualTo(ClaimStatus.WITHDRAWN);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(claim.getProcessInstanceId()).count()).isZero();
        assertThat(tasks.createTaskQuery().processInstanceId(claim.getProcessInstanceId()).count()).isZero();
        assertThat(activities(claim)).contains("withdrawnInReview", "withdrawalJoin", "recordWithdrawal", "claimWithdrawn")
                .doesNotContain("withdrawnInCorrection", "approveClaim", "rejectClaim");
        assertThat(audit.of(claim.getId())).anySatisfy(e -> {
            assertThat(e.getAction()).isEqualTo("WITHDRAWN");
            assertThat(e.getActor()).isEqualTo(s.employee());
            assertThat(e.getComment()).isEqualTo("重复登记，已另行提交");
        });
        assertThat(jdbc.queryForList("SELECT kind FROM xs_notification WHERE recipient = ? AND claim_id = ?",
                String.class, s.reviewer(), claim.getId())).containsExactly("CLAIM_WITHDRAWN");
        // no hours: the year shows nothing of it
        assertThat(progress.ofPerson(s.employee(), 2026).orElseThrow().totalHours().signum()).isZero();
    }

    @Test
    void aReturnedClaimIsWithdrawnInsteadOfCorrected() {
        ClaimFixtures.Setup s = fixtures.jilin();
        Claim claim = fixtures.returnForCorrection(fixtures.exchange(s.employee(), 2), s.reviewer());
        assertThat(claim.getStatus()).isEqualTo(ClaimStatus.RETURNED);

        withdrawal.withdraw(claim.getId(), reason("活动取消"), as(s.employee()));

        assertThat(fixtures.reload(claim).getStatus()).isEqualTo(ClaimStatus.WITHDRAWN);
        assertThat(activities(claim)).contains("withdrawnInCorrection", "recordWithdrawal", "claimWithdrawn")
                .doesNotContain("withdrawnInReview");
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(claim.getProcessInstanceId()).count()).isZero();
    }

    /** The message names who withdraws; the delegate believes it only of the claimant (Cockpit, engine-rest, a bug). */
    @Test
    void aCorrelationInSomeoneElsesNameChangesNothing() {
        ClaimFixtures.Setup s = fixtures.jilin();
        Claim claim = fixtures.exchange(s.employee(), 2);
        assertThatThrownBy(() -> runtime.createMessageCorrelation(ClaimWithdrawal.MESSAGE)
                .processInstanceId(claim.getProcessInstanceId())
                .setVariable("withdrawnBy", s.reviewer()).setVariable("withdrawalReason", "代为撤回").correlate())
                .hasStackTraceContaining("'withdrawnBy' does not match the product's records");
        assertThat(fixtures.reload(claim).getStatus()).isEqualTo(ClaimStatus.IN_REVIEW);
        assertThat(tasks.createTaskQuery().processInstanceId(claim.getProcessInstanceId())
                .taskDefinitionKey(ReviewService.REVIEW_TASK).count()).isEqualTo(1);
    }

    @Test
    void someoneElsesClaimIsNotFoundEvenForItsReviewer() {
        ClaimFixtures.Setup s = fixtures.jilin();
        Claim claim = fixtures.exchange(s.employee(), 2);
        ClaimFixtures.Setup other = fixtures.jilin();
        assertThatThrownBy(() -> withdrawal.withdraw(claim.getId(), reason("不是我的"), as(other.employee())))
                .isInstanceOf(ClaimNotFound.class);
        assertThatThrownBy(() -> withdrawal.withdraw(claim.getId(), reason("审核人代撤"), as(s.reviewer())))
                .isInstanceOf(ClaimNotFound.class);
        assertThatThrownBy(() -> withdrawal.withdraw(Long.MAX_VALUE, reason("不存在"), as(s.employee())))
                .isInstanceOf(ClaimNotFound.class);
        assertThat(fixtures.reload(claim).getStatus()).isEqualTo(ClaimStatus.IN_REVIEW);
    }

    @Test
    void eachStateOutsideReviewAndCorrectionIsRefusedWithItsMessage() {
        ClaimFixtures.Setup s = fixtures.jilin();
        CurrentUser me = as(s.employee());

        Claim inPublicity = fixtures.approve(fixtures.exchange(s.employee(), 1), s.reviewer());
        assertThat(inPublicity.getStatus()).isEqualTo(ClaimStatus.IN_PUBLICITY);
        assertRefused(inPublicity, me, "claim.withdraw.decided");
        Claim registered = fixtures.endPublicity(inPublicity);
        assertRefused(registered, me, "claim.withdraw.decided");

        Claim rejected = fixtures.reject(fixtures.exchange(s.employee(), 3), s.reviewer());
        assertRefused(rejected, me, "claim.withdraw.rejected");

        // submitted, hours not yet computed (the async job has not run): no task, no subscription yet
        Claim computing = claims.findById(submitWithoutJobs(s, me)).orElseThrow();
        assertThat(computing.getStatus()).isEqualTo(ClaimStatus.SUBMITTED);
        assertRefused(computing, me, "claim.withdraw.computing");

        Claim withdrawn = fixtures.exchange(s.employee(), 4);
        withdrawal.withdraw(withdrawn.getId(), reason("不再需要"), me);
        assertRefused(fixtures.reload(withdrawn), me, "claim.withdraw.already");
    }

    private void assertRefused(Claim claim, CurrentUser me, String key) {
        ClaimStatus before = fixtures.reload(claim).getStatus();
        assertThatThrownBy(() -> withdrawal.withdraw(claim.getId(), reason("想撤回"), me))
                .isInstanceOfSatisfying(Conflict.class, c -> assertThat(c.messageKey()).isEqualTo(key));
        assertThat(withdrawal.offered(fixtures.reload(claim), me)).isFalse();
        assertThat(fixtures.reload(claim).getStatus()).isEqualTo(before);
    }

    @Autowired ClaimService claimService;
    @Autowired ClaimValidation validation;

    @Autowired cn.xueshi.support.TestUsers users;

    /** Submits like the form but leaves the async hour proposal waiting. */
    private long submitWithoutJobs(ClaimFixtures.Setup s, CurrentUser me) {
        ClaimForm form = ClaimFixtures.form(2026, "PROFESSIONAL_EXCHANGE", LocalDate.of(2026, 4, 1), Map.of("days", "1"));
        BeanPropertyBindingResult errors = new BeanPropertyBindingResult(form, "claimForm");
        String ruleSet = validation.validate(form, s.unit(), errors).orElseThrow();
        return claimService.submit(form, ruleSet, s.unit(), me).getId();
    }

    @Test
    void anAnhuiDeclarationCannotBeWithdrawn() {
        ClaimFixtures.Setup s = fixtures.unit("安徽建筑大学", UnitType.STATE_OWNED, "ANHUI", "anhui-2025");
        Claim claim = fixtures.submit(s.employee(), ClaimFixtures.form(2026, "BOOK", LocalDate.of(2026, 3, 2),
                Map.of("role", "SOLE_AUTHOR")));
        assertThat(claim.getStatus()).isEqualTo(ClaimStatus.IN_REVIEW);
        assertThatThrownBy(() -> withdrawal.withdraw(claim.getId(), reason("想撤回"), as(s.employee())))
                .isInstanceOfSatisfying(Conflict.class, c -> {
                    assertThat(c.messageKey()).isEqualTo("claim.withdraw.notAllowed");
                    assertThat(c.args()).singleElement().asString().contains("第二十一条");
                });
        assertThat(fixtures.reload(claim).getStatus()).isEqualTo(ClaimStatus.IN_REVIEW);
    }

    @Test
    void theReasonIsRequiredAndAtMostTheConfiguredLength() {
        int max = withdrawal.maxReasonLength();
        assertThat(max).isEqualTo(500);
        assertThat(errors(null)).containsExactly("claim.withdraw.error.reason");
        assertThat(errors("   ")).containsExactly("claim.withdraw.error.reason");
        assertThat(errors("字".repeat(max))).isEmpty();
        assertThat(errors("  " + "字".repeat(max) + "  ")).isEmpty(); // trimmed first
        assertThat(errors("字".repeat(max + 1))).containsExactly("claim.withdraw.error.reason.tooLong");
    }

    private List<String> errors(String text) {
        WithdrawalForm form = reason(text);
        BeanPropertyBindingResult errors = new BeanPropertyBindingResult(form, "withdrawalForm");
        withdrawal.validate(form, errors);
        return errors.getFieldErrors("reason").stream().map(e -> e.getCode()).toList();
    }

    @Test
    void aReviewerDecidingAWithdrawnClaimIsToldItWasWithdrawn() {
        ClaimFixtures.Setup s = fixtures.jilin();
        Claim claim = fixtures.exchange(s.employee(), 2);
        String task = reviewTask(claim);
        withdrawal.withdraw(claim.getId(), reason("不再需要"), as(s.employee()));
        ReviewForm approve = new ReviewForm();
        approve.setDecision(ReviewForm.Decision.APPROVE);
        assertThatThrownBy(() -> reviews.decide(task, as(s.reviewer()), approve))
                .isInstanceOfSatisfying(Conflict.class,
                        c -> assertThat(c.messageKey()).isEqualTo("review.conflict.withdrawn"));
        // a reviewer of another unit learns nothing of it
        ClaimFixtures.Setup other = fixtures.jilin();
        assertThat(reviews.gone(task, as(other.reviewer())).messageKey()).isEqualTo("review.conflict.done");
        assertThat(fixtures.reload(claim).getStatus()).isEqualTo(ClaimStatus.WITHDRAWN);
    }

    @Test
    void aWithdrawnClaimIsNoDuplicateAndNotPendingLikeARejectedOne() {
        ClaimFixtures.Setup s = fixtures.jilin();
        Claim claim = fixtures.exchange(s.employee(), 2);
        var item = claim.getItems().get(0);
        assertThat(claims.hasSimilar(s.employee(), item.getActivityType(), "", item.getActivityDate())).isTrue();
        Claim colleague = fixtures.exchange(users.member(s.unit(), "赵", "同事"), 2);
        assertThat(reviews.duplicates(colleague)).isNotEmpty();

        withdrawal.withdraw(claim.getId(), reason("重复"), as(s.employee()));

        assertThat(claims.hasSimilar(s.employee(), item.getActivityType(), "", item.getActivityDate())).isFalse();
        assertThat(reviews.duplicates(fixtures.reload(colleague))).isEmpty();
    }
}
