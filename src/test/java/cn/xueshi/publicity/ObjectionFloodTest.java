package cn.xueshi.publicity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.xueshi.claim.Claim;
import cn.xueshi.identity.CurrentUserService;
import cn.xueshi.identity.Groups;
import cn.xueshi.system.Conflict;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.Parallel;
import cn.xueshi.support.TestUsers;
import java.util.List;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/** Issue 12, finding 6: objections cannot be flooded; every refused request gets a Chinese message, never a 500. */
@IntegrationTest
class ObjectionFloodTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ClaimFixtures fixtures;
    @Autowired
    TestUsers users;
    @Autowired
    TaskService tasks;
    @Autowired
    PublicityService publicity;
    @Autowired
    CurrentUserService currentUsers;
    @Autowired
    PublicityProperties limits;

    @Test
    void thirtyParallelObjectionsOfOnePersonMakeOneObjectionAndOneTask() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        Claim claim = fixtures.approve(fixtures.exchange(s.employee(), 2), s.reviewer());
        String colleague = users.member(s.unit(), "洪", "同事");

        List<MockHttpServletResponse> responses = Parallel.run(30, i -> mvc.perform(
                post("/publicity/{id}/objection", claim.getId()).param("reason", "第 " + i + " 次：活动天数不实")
                        .with(user(colleague).roles(Groups.EMPLOYEE)).with(csrf()))
                .andReturn().getResponse());

        assertThat(responses).extracting(MockHttpServletResponse::getStatus).allMatch(st -> st < 500);
        assertThat(responses).filteredOn(r -> r.getStatus() == 302).hasSize(1);
        List<MockHttpServletResponse> refused = responses.stream().filter(r -> r.getStatus() != 302).toList();
        assertThat(refused).hasSize(29).allSatisfy(r -> {
            assertThat(r.getStatus()).isIn(409, 429);
            assertThat(r.getContentAsString()).containsAnyOf("已有一条异议正在处理", "请刷新页面", "过于频繁");
        });
        assertThat(publicity.objectionsOf(claim.getId())).hasSize(1);
        assertThat(tasks.createTaskQuery().processInstanceId(claim.getProcessInstanceId())
                .taskDefinitionKey(PublicityService.OBJECTION_TASK).count()).isEqualTo(1);
    }

    @Test
    void aSecondObjectionToTheSameClaimWaitsUntilTheFirstIsDecided() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        Claim claim = fixtures.approve(fixtures.exchange(s.employee(), 1), s.reviewer());
        String colleague = users.member(s.unit(), "钱", "同事");
        publicity.raise(claim.getId(), currentUsers.load(colleague), "第一次");
        MockHttpServletResponse again = mvc.perform(post("/publicity/{id}/objection", claim.getId())
                        .param("reason", "第二次").with(user(colleague).roles(Groups.EMPLOYEE)).with(csrf()))
                .andReturn().getResponse();
        assertThat(again.getStatus()).isEqualTo(409);
        assertThat(again.getContentAsString()).contains("您对这条学时登记已有一条异议正在处理");

        String task = tasks.createTaskQuery().processInstanceId(claim.getProcessInstanceId())
                .taskDefinitionKey(PublicityService.OBJECTION_TASK).singleResult().getId();
        publicity.handle(task, currentUsers.load(s.reviewer()), "DISMISS", "不成立");
        // decided: the same person may object again
        assertThat(publicity.raise(claim.getId(), currentUsers.load(colleague), "新的事实")).isNotNull();
    }

    @Test
    void onePersonRaisesAtMostTheConfiguredNumberOfObjectionsPerWindow() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        String colleague = users.member(s.unit(), "孙", "同事");
        for (int i = 0; i < limits.objectionLimit(); i++) {
            Claim claim = fixtures.approve(fixtures.exchange(s.employee(), 1), s.reviewer());
            publicity.raise(claim.getId(), currentUsers.load(colleague), "第 " + i + " 条");
        }
        Claim one = fixtures.approve(fixtures.exchange(s.employee(), 1), s.reviewer());
        MockHttpServletResponse refused = mvc.perform(post("/publicity/{id}/objection", one.getId())
                        .param("reason", "再来一条").with(user(colleague).roles(Groups.EMPLOYEE)).with(csrf()))
                .andReturn().getResponse();
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getContentAsString()).contains("您提出异议过于频繁");
        assertThat(publicity.objectionsOf(one.getId())).isEmpty();
        // another person is not limited by it
        String other = users.member(s.unit(), "周", "同事");
        assertThat(publicity.raise(one.getId(), currentUsers.load(other), "我也有疑问")).isNotNull();
        try {
            publicity.raise(one.getId(), currentUsers.load(colleague), "仍被限制");
            throw new AssertionError("expected the rate limit");
        } catch (Conflict e) {
            assertThat(e.messageKey()).isEqualTo("publicity.error.tooMany");
        }
    }
}
