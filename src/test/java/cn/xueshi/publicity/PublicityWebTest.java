package cn.xueshi.publicity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.xueshi.claim.Claim;
import cn.xueshi.identity.Groups;
import cn.xueshi.identity.UnitType;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class PublicityWebTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ClaimFixtures fixtures;
    @Autowired
    TestUsers users;
    @Autowired
    PublicityService publicity;
    @Autowired
    TaskService tasks;

    @Test
    void boardShowsNameActivityHoursAndDatesButNoEvidence() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        Claim claim = fixtures.approve(fixtures.exchange(s.employee(), 3), s.reviewer());
        String colleague = users.member(s.unit(), "陈", "同事");
        mvc.perform(get("/publicity").with(user(colleague).roles(Groups.EMPLOYEE)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("王小明")))
                .andExpect(content().string(containsString("专业学习与交流")))
                .andExpect(content().string(containsString("24（公需 0，专业 24）")))
                .andExpect(content().string(containsString("/publicity/" + claim.getId() + "/objection")))
                .andExpect(content().string(not(containsString("/evidence/"))));
    }

    @Test
    void aColleagueObjectsWithAReasonTheClaimantCannotObjectToTheirOwn() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        Claim claim = fixtures.approve(fixtures.exchange(s.employee(), 1), s.reviewer());
        String colleague = users.member(s.unit(), "林", "同事");
        mvc.perform(post("/publicity/{id}/objection", claim.getId()).param("reason", " ")
                        .with(user(colleague).roles(Groups.EMPLOYEE)).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors("objectionForm", "reason"))
                .andExpect(content().string(containsString("请填写异议理由")));
        mvc.perform(post("/publicity/{id}/objection", claim.getId()).param("reason", "我要反对自己")
                        .with(user(s.employee()).roles(Groups.EMPLOYEE)).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("不能对本人的学时登记提出异议")));
        mvc.perform(post("/publicity/{id}/objection", claim.getId()).param("reason", "活动时间与事实不符")
                        .with(user(colleague).roles(Groups.EMPLOYEE)).with(csrf()))
                .andExpect(redirectedUrl("/publicity"));
        assertThat(publicity.objectionsOf(claim.getId())).extracting(Objection::getRaisedBy).containsExactly(colleague);
        // the claimant sees that an objection was raised, not by whom
        mvc.perform(get("/claims/{id}", claim.getId()).with(user(s.employee()).roles(Groups.EMPLOYEE)))
                .andExpect(content().string(containsString("单位成员提出异议")))
                .andExpect(content().string(not(containsString("林同事"))));
        // the reviewer sees who raised it and handles it
        String task = tasks.createTaskQuery().processInstanceId(claim.getProcessInstanceId())
                .taskDefinitionKey(PublicityService.OBJECTION_TASK).singleResult().getId();
        mvc.perform(get("/review").with(user(s.reviewer()).roles(Groups.REVIEWER)))
                .andExpect(content().string(containsString("/review/objections/" + task)));
        mvc.perform(get("/review/objections/{t}", task).with(user(s.reviewer()).roles(Groups.REVIEWER)))
                .andExpect(content().string(containsString("林同事")))
                .andExpect(content().string(containsString("活动时间与事实不符")));
        mvc.perform(post("/review/objections/{t}", task).param("decision", "DISMISS")
                        .with(user(s.reviewer()).roles(Groups.REVIEWER)).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("请填写处理意见")));
        mvc.perform(post("/review/objections/{t}", task).param("decision", "DISMISS").param("comment", "经核实无误")
                        .with(user(s.reviewer()).roles(Groups.REVIEWER)).with(csrf()))
                .andExpect(redirectedUrl("/review"));
        assertThat(publicity.objectionsOf(claim.getId())).extracting(Objection::getStatus)
                .containsExactly(Objection.Status.DISMISSED);
    }

    @Test
    void outsidersCannotSeeOrObjectToAnotherUnitsClaims() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        ClaimFixtures.Setup other = fixtures.unit("通化市人民医院", UnitType.STATE_OWNED, "JILIN", "jilin-2026");
        Claim claim = fixtures.approve(fixtures.exchange(s.employee(), 1), s.reviewer());
        mvc.perform(get("/publicity/{id}/objection", claim.getId()).with(user(other.employee()).roles(Groups.EMPLOYEE)))
                .andExpect(status().isNotFound());
        mvc.perform(post("/publicity/{id}/objection", claim.getId()).param("reason", "x")
                        .with(user(other.employee()).roles(Groups.EMPLOYEE)).with(csrf()))
                .andExpect(status().isNotFound());
        assertThat(publicity.objectionsOf(claim.getId())).isEmpty();
        String task = "no-such-task";
        mvc.perform(get("/review/objections/{t}", task).with(user(other.reviewer()).roles(Groups.REVIEWER)))
                .andExpect(status().isNotFound());
    }
}
