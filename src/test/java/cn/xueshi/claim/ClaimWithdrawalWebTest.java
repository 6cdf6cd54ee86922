package cn.xueshi.claim;

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

import cn.xueshi.identity.Groups;
import cn.xueshi.identity.UnitType;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import java.util.UUID;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** 撤回 on the claim page: the button with its confirmation, the reason beside the field, 404 for anyone else. */
@IntegrationTest
class ClaimWithdrawalWebTest {

    @Autowired MockMvc mvc;
    @Autowired ClaimFixtures fixtures;
    @Autowired ClaimRepository claims;
    @Autowired TaskService tasks;

    static RequestPostProcessor employee(String id) {
        return user(id).roles(Groups.EMPLOYEE);
    }

    static RequestPostProcessor reviewer(String id) {
        return user(id).roles(Groups.REVIEWER);
    }

    static String withdrawUrl(Claim claim) {
        return "/claims/" + claim.getId() + "/withdraw";
    }

    @Test
    void theClaimantSeesTheButtonWithItsConfirmationOthersDoNot() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        Claim claim = fixtures.exchange(s.employee(), 2);
        mvc.perform(get("/claims/" + claim.getId()).with(employee(s.employee())))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("action=\"" + withdrawUrl(claim) + "\"")))
                .andExpect(content().string(containsString("data-confirm=\"确定撤回本次学时登记吗？撤回后不能恢复。\"")))
                .andExpect(content().string(containsString("撤回原因")))
                .andExpect(content().string(containsString("不超过 500 字")))
                .andExpect(content().string(containsString("name=\"_csrf\"")));
        // the reviewer sees the claim, not the button
        mvc.perform(get("/claims/" + claim.getId()).with(reviewer(s.reviewer())))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString(withdrawUrl(claim)))));
        // past review: no button
        Claim approved = fixtures.approve(fixtures.exchange(s.employee(), 1), s.reviewer());
        mvc.perform(get("/claims/" + approved.getId()).with(employee(s.employee())))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString(withdrawUrl(approved)))));
    }

    @Test
    void aMissingOrTooLongReasonIsShownBesideTheFieldAndWhatWasTypedStays() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        Claim claim = fixtures.exchange(s.employee(), 2);
        mvc.perform(post(withdrawUrl(claim)).param("reason", "  ").with(employee(s.employee())).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("withdrawalForm", "reason", "claim.withdraw.error.reason"))
                .andExpect(content().string(containsString("请填写撤回原因")));
        String tooLong = "参加会议后发现与另一份登记重复" + "字".repeat(500);
        mvc.perform(post(withdrawUrl(claim)).param("reason", tooLong).with(employee(s.employee())).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("withdrawalForm", "reason",
                        "claim.withdraw.error.reason.tooLong"))
                .andExpect(content().string(containsString("撤回原因不能超过 500 字（现为 515 字）")))
                .andExpect(content().string(containsString(tooLong + "</textarea>")));
        assertThat(fixtures.reload(claim).getStatus()).isEqualTo(ClaimStatus.IN_REVIEW);
    }

    @Test
    void anyoneButTheClaimantGets404AndNothingChanges() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        Claim claim = fixtures.exchange(s.employee(), 2);
        ClaimFixtures.Setup other = fixtures.jilin();
        mvc.perform(post(withdrawUrl(claim)).param("reason", "改了地址栏里的编号").with(employee(other.employee())).with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(post(withdrawUrl(claim)).param("reason", "审核人代撤").with(reviewer(s.reviewer())).with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(post("/claims/" + Long.MAX_VALUE + "/withdraw").param("reason", "没有的登记")
                        .with(employee(s.employee())).with(csrf()))
                .andExpect(status().isNotFound());
        // without the CSRF token: refused before anything happens
        mvc.perform(post(withdrawUrl(claim)).param("reason", "没有令牌").with(employee(s.employee())))
                .andExpect(status().isForbidden());
        assertThat(fixtures.reload(claim).getStatus()).isEqualTo(ClaimStatus.IN_REVIEW);
    }

    @Test
    void aWithdrawalShowsOnTheClaimPageAndASecondOneIsToldItIsDone() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        Claim claim = fixtures.exchange(s.employee(), 2);
        String task = tasks.createTaskQuery().processInstanceId(claim.getProcessInstanceId()).singleResult().getId();
        mvc.perform(post(withdrawUrl(claim)).param("reason", "已在继续教育平台登记").with(employee(s.employee())).with(csrf()))
                .andExpect(redirectedUrl("/claims/" + claim.getId()))
                .andExpect(flash().attribute("message", "claim.withdrawn"));
        assertThat(fixtures.reload(claim).getStatus()).isEqualTo(ClaimStatus.WITHDRAWN);
        mvc.perform(get("/claims/" + claim.getId()).with(employee(s.employee())))
                .andExpect(content().string(containsString("已撤回")))
                .andExpect(content().string(containsString("申请人撤回")))
                .andExpect(content().string(containsString("已在继续教育平台登记")))
                .andExpect(content().string(not(containsString(withdrawUrl(claim)))));
        MvcResult again = mvc.perform(post(withdrawUrl(claim)).param("reason", "再撤一次")
                        .with(employee(s.employee())).with(csrf()))
                .andExpect(redirectedUrl("/claims/" + claim.getId()))
                .andExpect(flash().attribute("error", "claim.withdraw.already")).andReturn();
        // the redirect, in the same (database) session: the message on the claim page
        mvc.perform(get("/claims/" + claim.getId()).with(employee(s.employee())).cookie(again.getResponse().getCookies()))
                .andExpect(content().string(containsString("该学时登记已经撤回，无需重复操作。")));
        // the reviewer's form, still open in another tab: a message in the inbox, not a 500
        MvcResult late = mvc.perform(post("/review/tasks/" + task).param("decision", "APPROVE")
                        .with(reviewer(s.reviewer())).with(csrf()))
                .andExpect(redirectedUrl("/review"))
                .andExpect(flash().attribute("error", "review.conflict.withdrawn")).andReturn();
        mvc.perform(get("/review").with(reviewer(s.reviewer())).cookie(late.getResponse().getCookies()))
                .andExpect(content().string(containsString("该学时登记已由申请人撤回，无需再审核。")));
        // the task's link opened later (a reminder mail, the history): the inbox says why, not a bare 404 — to the
        // claim's deciders only; to a reviewer elsewhere the task id stays unknown
        mvc.perform(get("/review/tasks/" + task).with(reviewer(s.reviewer())))
                .andExpect(redirectedUrl("/review"))
                .andExpect(flash().attribute("error", "review.conflict.withdrawn"));
        mvc.perform(get("/review/tasks/" + task).with(reviewer("elsewhere-" + UUID.randomUUID())))
                .andExpect(status().isNotFound());
        // the reviewer's reminder names the claim and the claimant
        mvc.perform(get("/").with(reviewer(s.reviewer())))
                .andExpect(content().string(containsString("学时登记 #" + claim.getId())))
                .andExpect(content().string(containsString("已由申请人撤回")));
    }

    @Test
    void aRefusedStateIsAMessageOnTheClaimPage() throws Exception {
        ClaimFixtures.Setup s = fixtures.unit("安徽医科大学第一附属医院", UnitType.STATE_OWNED, "ANHUI", "anhui-2025");
        Claim claim = fixtures.submit(s.employee(), ClaimFixtures.form(2026, "BOOK", java.time.LocalDate.of(2026, 3, 2),
                java.util.Map.of("role", "SOLE_AUTHOR")));
        mvc.perform(get("/claims/" + claim.getId()).with(employee(s.employee())))
                .andExpect(content().string(not(containsString(withdrawUrl(claim)))));
        mvc.perform(post(withdrawUrl(claim)).param("reason", "想撤回").with(employee(s.employee())).with(csrf()))
                .andExpect(redirectedUrl("/claims/" + claim.getId()))
                .andExpect(flash().attribute("error", "claim.withdraw.notAllowed"));
        assertThat(fixtures.reload(claim).getStatus()).isEqualTo(ClaimStatus.IN_REVIEW);
    }

    @Test
    void aWithdrawnPaperFreesItsAchievementNumber() throws Exception {
        ClaimFixtures.Setup s = fixtures.unit("青岛理工大学", UnitType.STATE_OWNED, "QINGDAO", "qingdao-2023");
        String doi = "10.1000/withdrawn." + UUID.randomUUID();
        String first = UUID.randomUUID().toString();
        mvc.perform(AchievementIdentityWebTest.paper(first, 2025, doi).with(employee(s.employee())).with(csrf()))
                .andExpect(status().is3xxRedirection());
        Claim claim = claims.findBySubmissionKey(first).orElseThrow();
        fixtures.runJobs(claim);
        // while it is in review the number is taken
        mvc.perform(AchievementIdentityWebTest.paper(UUID.randomUUID().toString(), 2026, doi)
                        .with(employee(s.employee())).with(csrf()))
                .andExpect(model().attributeHasFieldErrorCode("claimForm", "items[0].identifier",
                        "claim.error.identifier.counted"));
        mvc.perform(post(withdrawUrl(claim)).param("reason", "年度填错").with(employee(s.employee())).with(csrf()))
                .andExpect(flash().attribute("message", "claim.withdrawn"));
        String again = UUID.randomUUID().toString();
        mvc.perform(AchievementIdentityWebTest.paper(again, 2026, doi).with(employee(s.employee())).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(claims.findBySubmissionKey(again)).isPresent();
    }
}
