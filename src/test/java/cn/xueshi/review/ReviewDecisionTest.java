package cn.xueshi.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.xueshi.claim.AuditEntry;
import cn.xueshi.claim.AuditLog;
import cn.xueshi.claim.Claim;
import cn.xueshi.claim.ClaimStatus;
import cn.xueshi.identity.CurrentUserService;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.system.Conflict;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.validation.BeanPropertyBindingResult;

/**
 * The review form's POST in one transaction ({@link ReviewService#decide(String, cn.xueshi.identity.CurrentUser,
 * ReviewForm, org.springframework.validation.Errors)}): a form with field errors writes nothing, a good one decides,
 * a task out of the reviewer's reach or already decided is a conflict, never the claim.
 */
@IntegrationTest
class ReviewDecisionTest {

    @Autowired
    ClaimFixtures fixtures;
    @Autowired
    ReviewService reviews;
    @Autowired
    CurrentUserService currentUsers;
    @Autowired
    TaskService tasks;
    @Autowired
    AuditLog audit;

    private Task reviewTask(Claim claim) {
        return tasks.createTaskQuery().processInstanceId(fixtures.reload(claim).getProcessInstanceId())
                .taskDefinitionKey(ReviewService.REVIEW_TASK).singleResult();
    }

    private static ReviewForm form(ReviewForm.Decision decision, String comment) {
        ReviewForm f = new ReviewForm();
        f.setDecision(decision);
        f.setComment(comment);
        return f;
    }

    private long reviewEntries(Claim claim) {
        return audit.of(claim.getId()).stream().map(AuditEntry::getAction).filter(a -> a.startsWith("REVIEW_")).count();
    }

    @Test
    void aFormWithFieldErrorsWritesNothing() {
        ClaimFixtures.Setup s = fixtures.jilin();
        Claim claim = fixtures.exchange(s.employee(), 2);
        Task task = reviewTask(claim);
        ReviewForm reject = form(ReviewForm.Decision.REJECT, " ");
        BeanPropertyBindingResult errors = new BeanPropertyBindingResult(reject, "reviewForm");

        assertThat(reviews.decide(task.getId(), currentUsers.load(s.reviewer()), reject, errors)).isFalse();

        assertThat(errors.getFieldError("comment")).isNotNull();
        assertThat(errors.getFieldError("comment").getCode()).isEqualTo("review.error.reason");
        assertThat(reviewTask(claim)).as("the task is still open").isNotNull();
        assertThat(fixtures.reload(claim).getStatus()).isEqualTo(ClaimStatus.IN_REVIEW);
        assertThat(reviewEntries(claim)).isZero();
    }

    @Test
    void aGoodFormDecidesOnceAndASecondDecisionIsAConflict() {
        ClaimFixtures.Setup s = fixtures.jilin();
        Claim claim = fixtures.exchange(s.employee(), 2);
        Task task = reviewTask(claim);
        ReviewForm approve = form(ReviewForm.Decision.APPROVE, null);

        assertThat(reviews.decide(task.getId(), currentUsers.load(s.reviewer()), approve,
                new BeanPropertyBindingResult(approve, "reviewForm"))).isTrue();
        assertThat(fixtures.reload(claim).getStatus()).isEqualTo(ClaimStatus.IN_PUBLICITY);
        assertThat(reviewEntries(claim)).isEqualTo(1);

        assertThatThrownBy(() -> reviews.decide(task.getId(), currentUsers.load(s.reviewer()), approve,
                new BeanPropertyBindingResult(approve, "reviewForm")))
                .isInstanceOf(Conflict.class).extracting(e -> ((Conflict) e).messageKey()).isEqualTo("review.conflict.done");
        assertThat(reviewEntries(claim)).isEqualTo(1);
    }

    @Test
    void anotherUnitsReviewerCannotDecide() {
        ClaimFixtures.Setup mine = fixtures.jilin();
        ClaimFixtures.Setup other = fixtures.jilin();
        Claim claim = fixtures.exchange(mine.employee(), 2);
        Task task = reviewTask(claim);
        ReviewForm approve = form(ReviewForm.Decision.APPROVE, null);

        assertThatThrownBy(() -> reviews.decide(task.getId(), currentUsers.load(other.reviewer()), approve,
                new BeanPropertyBindingResult(approve, "reviewForm"))).isInstanceOf(Conflict.class);
        assertThat(fixtures.reload(claim).getStatus()).isEqualTo(ClaimStatus.IN_REVIEW);
        assertThat(reviewTask(claim)).isNotNull();
        assertThat(reviewEntries(claim)).isZero();
    }
}
