package cn.xueshi.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.claim.ClaimForm;
import cn.xueshi.claim.ClaimService;
import cn.xueshi.claim.ClaimValidation;
import cn.xueshi.identity.CurrentUserService;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.validation.BeanPropertyBindingResult;

/**
 * The dirty marks of one transaction are one per person and year ({@link RollupChanges}): a submission inserts the
 * claim and then stores its process instance on it (an insert and an update of the claim in one transaction), which
 * wrote two marks before. The fold (every few seconds) may already have taken the mark when the count is read:
 * at most one, never two.
 */
@IntegrationTest
class RollupMarksTest {

    @Autowired
    ClaimFixtures fixtures;
    @Autowired
    ClaimValidation validation;
    @Autowired
    ClaimService claims;
    @Autowired
    CurrentUserService users;
    @Autowired
    JdbcTemplate jdbc;

    static final String MARKS = "SELECT COUNT(*) FROM xs_rollup_dirty WHERE user_id = ? AND yr = 2026";

    /** A checked claim form of 2026 for the unit's employee, and the rule set its check answered. */
    private record Checked(ClaimForm form, String ruleSet) {
    }

    private Checked checkedForm(ClaimFixtures.Setup s) {
        ClaimForm form = ClaimFixtures.form(2026, "PROFESSIONAL_EXCHANGE", LocalDate.of(2026, 3, 2), Map.of("days", "2"));
        BeanPropertyBindingResult errors = new BeanPropertyBindingResult(form, "claimForm");
        String ruleSet = validation.validate(form, s.unit(), errors).orElseThrow();
        assertThat(errors.hasErrors()).as(errors.toString()).isFalse();
        return new Checked(form, ruleSet);
    }

    @Test
    void aSubmissionMarksItsPersonAndYearOnce() {
        ClaimFixtures.Setup s = fixtures.jilin();
        Checked c = checkedForm(s);

        // the fixture's assignment to the unit marks the person's years too (a person move): count only the
        // submission's own marks
        Integer before = jdbc.queryForObject(MARKS, Integer.class, s.employee());

        claims.submit(c.form(), c.ruleSet(), s.unit(), users.load(s.employee()));

        Integer marks = jdbc.queryForObject(MARKS, Integer.class, s.employee()) - before;
        assertThat(marks).as("marks of the submission's transaction for the person and 2026").isLessThanOrEqualTo(1);
    }

    /**
     * The hour-proposal job changes the claim (its proposal, its reviewers' kind and due date) and creates the review
     * task: the claim's mark and the task's mark ({@link TaskRollupListener}) are the same person and year, written
     * once (the task's mark joins the transaction's claim marks; two before).
     */
    @Test
    void theProposalJobMarksItsPersonAndYearOnce() {
        ClaimFixtures.Setup s = fixtures.jilin();
        Checked c = checkedForm(s);
        var claim = claims.submit(c.form(), c.ruleSet(), s.unit(), users.load(s.employee()));
        Integer before = jdbc.queryForObject(MARKS, Integer.class, s.employee());

        fixtures.runJobs(claim);

        Integer marks = jdbc.queryForObject(MARKS, Integer.class, s.employee()) - before;
        assertThat(marks).as("marks of the proposal job's transaction for the person and 2026").isLessThanOrEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ACT_RU_TASK WHERE PROC_INST_ID_ = ?", Integer.class,
                fixtures.reload(claim).getProcessInstanceId())).as("the review task was created").isEqualTo(1);
    }
}
