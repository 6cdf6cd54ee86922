package cn.xueshi.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.Parallel;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.RepeatedTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The claimant withdraws while the reviewer approves, at the same moment (H2 and PostgreSQL): exactly one wins, the
 * claim is either withdrawn or approved — never both, never stuck — and the other is told why on their own page,
 * never a 500.
 */
@IntegrationTest
class ClaimWithdrawalRaceTest {

    @Autowired MockMvc mvc;
    @Autowired ClaimFixtures fixtures;
    @Autowired TaskService tasks;
    @Autowired RuntimeService runtime;

    @RepeatedTest(6)
    void withdrawAndApproveAtOnceExactlyOneWins() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        Claim claim = fixtures.exchange(s.employee(), 2);
        String task = tasks.createTaskQuery().processInstanceId(claim.getProcessInstanceId()).singleResult().getId();

        List<MvcResult> results = Parallel.run(2, i -> i == 0
                ? mvc.perform(post("/claims/" + claim.getId() + "/withdraw").param("reason", "与另一份登记重复")
                        .with(ClaimWithdrawalWebTest.employee(s.employee())).with(csrf())).andReturn()
                : mvc.perform(post("/review/tasks/" + task).param("decision", "APPROVE")
                        .with(ClaimWithdrawalWebTest.reviewer(s.reviewer())).with(csrf())).andReturn());
        MvcResult withdraw = results.get(0);
        MvcResult approve = results.get(1);

        assertThat(withdraw.getResponse().getStatus()).as("the claimant's answer").isEqualTo(302);
        assertThat(approve.getResponse().getStatus()).as("the reviewer's answer").isEqualTo(302);
        ClaimStatus status = fixtures.reload(claim).getStatus();
        if (status == ClaimStatus.WITHDRAWN) {
            assertThat(withdraw.getFlashMap().get("message")).isEqualTo("claim.withdrawn");
            assertThat(approve.getFlashMap().get("error")).isIn("review.conflict.withdrawn", "review.conflict.done");
            assertThat(runtime.createProcessInstanceQuery().processInstanceId(claim.getProcessInstanceId()).count())
                    .isZero();
        } else {
            // approved: on the publicity board
            assertThat(status).isEqualTo(ClaimStatus.IN_PUBLICITY);
            assertThat(approve.getFlashMap().get("message")).isEqualTo("review.done.APPROVE");
            assertThat(withdraw.getFlashMap().get("error")).isIn("claim.withdraw.raced", "claim.withdraw.decided");
            assertThat(fixtures.reload(claim).getApprovedHours()).isNotNull();
        }
    }
}
