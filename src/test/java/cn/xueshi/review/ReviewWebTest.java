package cn.xueshi.review;

import cn.xueshi.system.Conflict;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.xueshi.claim.Claim;
import cn.xueshi.claim.ClaimStatus;
import cn.xueshi.identity.CurrentUserService;
import cn.xueshi.identity.Directory;
import cn.xueshi.identity.Groups;
import cn.xueshi.identity.UnitType;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

@IntegrationTest
class ReviewWebTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ClaimFixtures fixtures;
    @Autowired
    TaskService tasks;
    @Autowired
    TestUsers users;
    @Autowired
    Directory directory;
    @Autowired
    ReviewService reviews;
    @Autowired
    CurrentUserService currentUsers;

    static RequestPostProcessor reviewer(String id) {
        return user(id).roles(Groups.REVIEWER);
    }

    String taskOf(Claim claim) {
        return tasks.createTaskQuery().processInstanceId(claim.getProcessInstanceId()).taskDefinitionKey("reviewClaim")
                .singleResult().getId();
    }

    @Test
    void inboxListsTheUnitsClaimsWithDueDateAndTheReviewFormShowsRuleAndBasis() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        Claim claim = fixtures.exchange(s.employee(), 2);
        mvc.perform(get("/review").with(reviewer(s.reviewer())))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("王小明")))
                .andExpect(content().string(containsString("长春市第一医院")))
                .andExpect(content().string(containsString("/review/tasks/" + taskOf(claim))));
        mvc.perform(get("/review/tasks/{t}", taskOf(claim)).with(reviewer(s.reviewer())))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("审核学时登记 #" + claim.getId())))
                .andExpect(content().string(containsString(claim.getItems().get(0).getRuleId())))
                .andExpect(content().string(containsString("吉林")))
                .andExpect(content().string(containsString("2026 年度学时进度")));
    }

    @Test
    void reviewerOfUnitACannotSeeOrActOnUnitBsClaims() throws Exception {
        ClaimFixtures.Setup a = fixtures.jilin();
        ClaimFixtures.Setup b = fixtures.unit("四平市中心医院", UnitType.STATE_OWNED, "JILIN", "jilin-2026");
        Claim claimOfB = fixtures.exchange(b.employee(), 1);
        String task = taskOf(claimOfB);
        mvc.perform(get("/review").with(reviewer(a.reviewer())))
                .andExpect(content().string(not(containsString("/review/tasks/" + task))));
        mvc.perform(get("/review/tasks/{t}", task).with(reviewer(a.reviewer()))).andExpect(status().isNotFound());
        mvc.perform(post("/review/tasks/{t}", task).param("decision", "APPROVE").with(reviewer(a.reviewer())).with(csrf()))
                .andExpect(redirectedUrl("/review"));
        mvc.perform(post("/review/tasks/{t}/claim", task).with(reviewer(a.reviewer())).with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(get("/claims/{id}", claimOfB.getId()).with(reviewer(a.reviewer()))).andExpect(status().isNotFound());
        assertThat(fixtures.reload(claimOfB).getStatus()).isEqualTo(ClaimStatus.IN_REVIEW);
        mvc.perform(get("/review").with(user(b.employee()).roles(Groups.EMPLOYEE))).andExpect(status().isForbidden());
    }

    @Test
    void decisionsThatNeedAReasonAreRefusedWithoutOneAndKeepWhatWasTyped() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        Claim claim = fixtures.exchange(s.employee(), 2);
        mvc.perform(post("/review/tasks/{t}", taskOf(claim)).param("decision", "ADJUST")
                        .param("adjustedPublic", "-1").param("adjustedProfessional", "12")
                        .with(reviewer(s.reviewer())).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors("reviewForm", "comment", "adjustedPublic"))
                .andExpect(content().string(containsString("调整、不予认定或退回时必须填写原因")))
                .andExpect(content().string(containsString("value=\"12\"")));
        mvc.perform(post("/review/tasks/{t}", taskOf(claim)).param("decision", "REJECT")
                        .with(reviewer(s.reviewer())).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors("reviewForm", "comment"));
        mvc.perform(post("/review/tasks/{t}", taskOf(claim)).param("decision", "MAYBE")
                        .with(reviewer(s.reviewer())).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors("reviewForm", "decision"));
        assertThat(fixtures.reload(claim).getStatus()).isEqualTo(ClaimStatus.IN_REVIEW);
    }

    @Test
    void anhuiDeclarationsCannotBeReturnedForCorrection() throws Exception {
        ClaimFixtures.Setup s = fixtures.unit("安徽医科大学附属医院", UnitType.STATE_OWNED, "ANHUI", "anhui-2025");
        Claim claim = fixtures.submit(s.employee(), ClaimFixtures.form(2025, "TEACHING", LocalDate.of(2025, 3, 3),
                Map.of("count", "1")));
        mvc.perform(get("/review/tasks/{t}", taskOf(claim)).with(reviewer(s.reviewer())))
                .andExpect(content().string(not(containsString("value=\"RETURN\""))));
        mvc.perform(post("/review/tasks/{t}", taskOf(claim)).param("decision", "RETURN").param("comment", "补材料")
                        .with(reviewer(s.reviewer())).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("不能退回修改")));
    }

    @Test
    void twoReviewersCompletingTheSameTaskOneWinsTheOtherIsTold() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        String second = users.reviewerOf(s.unit(), "赵", "二审");
        Claim claim = fixtures.exchange(s.employee(), 1);
        String task = taskOf(claim);
        mvc.perform(post("/review/tasks/{t}", task).param("decision", "APPROVE").with(reviewer(s.reviewer())).with(csrf()))
                .andExpect(redirectedUrl("/review")).andExpect(flash().attribute("message", "review.done.APPROVE"));
        mvc.perform(post("/review/tasks/{t}", task).param("decision", "REJECT").param("comment", "晚了一步")
                        .with(reviewer(second)).with(csrf()))
                .andExpect(redirectedUrl("/review")).andExpect(flash().attribute("error", "review.conflict.done"));
        assertThat(fixtures.reload(claim).getStatus()).isEqualTo(ClaimStatus.IN_PUBLICITY);
    }

    @Test
    void concurrentDecisionsOnOneTaskLeaveExactlyOneOutcome() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        String second = users.reviewerOf(s.unit(), "钱", "并发");
        Claim claim = fixtures.exchange(s.employee(), 1);
        String task = taskOf(claim);
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<String>> both = List.of(decideAfter(start, task, s.reviewer(), ReviewForm.Decision.APPROVE),
                    decideAfter(start, task, second, ReviewForm.Decision.REJECT));
            List<String> outcomes = pool.invokeAll(both).stream().map(ReviewWebTest::outcome).toList();
            assertThat(outcomes).containsOnlyOnce("ok");
            assertThat(outcomes).filteredOn(o -> !o.equals("ok")).containsExactly("review.conflict.done");
        } finally {
            pool.shutdownNow();
        }
        ClaimStatus status = fixtures.reload(claim).getStatus();
        assertThat(status).isIn(ClaimStatus.IN_PUBLICITY, ClaimStatus.REJECTED);
    }

    private Callable<String> decideAfter(CyclicBarrier start, String task, String who, ReviewForm.Decision d) {
        return () -> {
            ReviewForm f = new ReviewForm();
            f.setDecision(d);
            f.setComment("并发测试");
            start.await();
            try {
                reviews.decide(task, currentUsers.load(who), f);
                return "ok";
            } catch (Conflict e) {
                return e.messageKey();
            } catch (cn.xueshi.system.NotFound e) {
                return "review.conflict.done";
            }
        };
    }

    private static String outcome(Future<String> f) {
        try {
            return f.get();
        } catch (Exception e) {
            return e.toString();
        }
    }

    @Test
    void batchApprovalApprovesOnlySimpleClaims() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        Claim simple = fixtures.exchange(s.employee(), 1);
        Claim twoItems = fixtures.submit(s.employee(), twoItemForm());
        mvc.perform(post("/review/batch-approve").param("taskIds", taskOf(simple), taskOf(twoItems))
                        .with(reviewer(s.reviewer())).with(csrf()))
                .andExpect(redirectedUrl("/review"))
                .andExpect(flash().attribute("approvedCount", 1))
                .andExpect(flash().attribute("skippedCount", 1));
        assertThat(fixtures.reload(simple).getStatus()).isEqualTo(ClaimStatus.IN_PUBLICITY);
        assertThat(fixtures.reload(twoItems).getStatus()).isEqualTo(ClaimStatus.IN_REVIEW);
    }

    private static cn.xueshi.claim.ClaimForm twoItemForm() {
        cn.xueshi.claim.ClaimForm form = ClaimFixtures.form(2026, "PROFESSIONAL_EXCHANGE", LocalDate.of(2026, 4, 1),
                Map.of("days", "1"));
        cn.xueshi.claim.ItemForm second = new cn.xueshi.claim.ItemForm();
        second.setActivityType("UNIT_PRACTICE");
        second.setActivityDate(LocalDate.of(2026, 4, 2));
        second.getParams().put("days", "1");
        form.getItems().add(second);
        return form;
    }

    @Test
    void possibleDuplicatesInTheUnitAreShownToTheReviewer() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        String colleague = users.member(s.unit(), "张", "同事");
        cn.xueshi.claim.ClaimForm paper = ClaimFixtures.form(2026, "PAPER", LocalDate.of(2026, 2, 1),
                Map.of("journal", "SCI", "role", "FIRST_AUTHOR"));
        paper.getItems().get(0).setTitle("基于深度学习的肺结节检测");
        fixtures.submit(colleague, paper);
        cn.xueshi.claim.ClaimForm same = ClaimFixtures.form(2026, "PAPER", LocalDate.of(2026, 2, 5),
                Map.of("journal", "SCI", "role", "CO_AUTHOR"));
        same.getItems().get(0).setTitle("基于深度学习的肺结节检测");
        Claim second = fixtures.submit(s.employee(), same);
        mvc.perform(get("/review/tasks/{t}", taskOf(second)).with(reviewer(s.reviewer())))
                .andExpect(content().string(containsString("可能重复")))
                .andExpect(content().string(containsString("基于深度学习的肺结节检测")));
        assertThat(reviews.simple(second)).isFalse();
    }

    @Test
    void claimingATaskShowsWhoHasIt() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        String second = users.reviewerOf(s.unit(), "孙", "认领");
        Claim claim = fixtures.exchange(s.employee(), 1);
        String task = taskOf(claim);
        mvc.perform(post("/review/tasks/{t}/claim", task).with(reviewer(s.reviewer())).with(csrf()))
                .andExpect(redirectedUrl("/review/tasks/" + task));
        assertThat(tasks.createTaskQuery().taskId(task).singleResult().getAssignee()).isEqualTo(s.reviewer());
        mvc.perform(post("/review/tasks/{t}", task).param("decision", "APPROVE").with(reviewer(second)).with(csrf()))
                .andExpect(flash().attribute("error", "review.conflict.done"));
        mvc.perform(post("/review/tasks/{t}/unclaim", task).with(reviewer(s.reviewer())).with(csrf()))
                .andExpect(redirectedUrl("/review"));
        assertThat(tasks.createTaskQuery().taskId(task).singleResult().getAssignee()).isNull();
    }

    @Test
    void bureauReviewsAnhuiFreelancersAndSeesTheirEvidence() throws Exception {
        ClaimFixtures.Setup s = fixtures.unit("合肥自由职业者", UnitType.FREELANCE, "ANHUI", "anhui-2025");
        String bureau = users.user("bur", "周", "人社", Groups.BUREAU);
        directory.assignOversight(bureau, "ANHUI");
        Claim claim = fixtures.submit(s.employee(), ClaimFixtures.form(2025, "TEACHING", LocalDate.of(2025, 5, 5),
                Map.of("count", "3")));
        mvc.perform(get("/review").with(user(bureau).roles(Groups.BUREAU)))
                .andExpect(content().string(containsString("/review/tasks/" + taskOf(claim))));
        mvc.perform(get("/review/tasks/{t}", taskOf(claim)).with(reviewer(s.reviewer()))).andExpect(status().isNotFound());
        mvc.perform(post("/review/tasks/{t}", taskOf(claim)).param("decision", "APPROVE")
                        .with(user(bureau).roles(Groups.BUREAU)).with(csrf()))
                .andExpect(flash().attribute("message", "review.done.APPROVE"));
        assertThat(fixtures.reload(claim).getStatus()).isEqualTo(ClaimStatus.IN_PUBLICITY);
        assertThat(fixtures.reload(claim).getApprovedHours()).isEqualByComparingTo("15");
    }
}
