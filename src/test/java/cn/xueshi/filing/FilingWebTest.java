package cn.xueshi.filing;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.identity.Directory;
import cn.xueshi.identity.Groups;
import cn.xueshi.identity.UnitType;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class FilingWebTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ClaimFixtures fixtures;
    @Autowired
    TestUsers users;
    @Autowired
    Directory directory;
    @Autowired
    UnitFilingRepository filings;

    @Test
    void reviewerStartsAndSubmitsBureauVerifiesOthersAreKeptOut() throws Exception {
        ClaimFixtures.Setup s = fixtures.unit("洮南市医院", UnitType.STATE_OWNED, "JILIN", "jilin-2026");
        fixtures.registeredExchange(s, 2);
        String bureau = users.user("bur", "孟", "验证", Groups.BUREAU);
        directory.assignOversight(bureau, "JILIN");
        String otherBureau = users.user("bur", "钱", "外地", Groups.BUREAU);
        directory.assignOversight(otherBureau, "QINGDAO");

        mvc.perform(get("/filing").with(user(s.reviewer()).roles(Groups.REVIEWER)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("洮南市医院：2026 年度")));
        mvc.perform(post("/filing").param("unitId", String.valueOf(s.unit().getId())).param("year", "2026")
                        .with(user(s.reviewer()).roles(Groups.REVIEWER)).with(csrf()))
                .andExpect(redirectedUrlPattern("/filing/*"));
        UnitFiling filing = filings.findByUnitIdAndYear(s.unit().getId(), 2026).orElseThrow();
        mvc.perform(get("/filing/{id}", filing.getId()).with(user(s.reviewer()).roles(Groups.REVIEWER)))
                .andExpect(content().string(containsString("提交人社局验证")))
                .andExpect(content().string(containsString("王小明")))
                .andExpect(content().string(containsString("未达标")));
        mvc.perform(get("/filing").with(user(s.employee()).roles(Groups.EMPLOYEE))).andExpect(status().isForbidden());
        mvc.perform(get("/filing/{id}", filing.getId()).with(user(otherBureau).roles(Groups.BUREAU)))
                .andExpect(status().isNotFound());
        // the open step is in the reviewer's inbox, with the year as written (no "2,026") and the unit
        mvc.perform(get("/review").with(user(s.reviewer()).roles(Groups.REVIEWER)))
                .andExpect(content().string(containsString("id=\"filing-tasks\"")))
                .andExpect(content().string(containsString("编制并提交 2026 年度学时备案")))
                .andExpect(content().string(containsString("href=\"/filing/" + filing.getId() + "\"")))
                .andExpect(content().string(containsString("洮南市医院")));
        mvc.perform(post("/filing/{id}/submit", filing.getId()).with(user(s.reviewer()).roles(Groups.REVIEWER)).with(csrf()))
                .andExpect(redirectedUrlPattern("/filing/*"));
        mvc.perform(get("/review").with(user(s.reviewer()).roles(Groups.REVIEWER)))
                .andExpect(content().string(not(containsString("编制并提交 2026 年度学时备案"))));
        mvc.perform(post("/filing/{id}/verify", filing.getId()).param("decision", "RETURN")
                        .with(user(bureau).roles(Groups.BUREAU)).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("退回时必须填写意见")));
        mvc.perform(post("/filing/{id}/verify", filing.getId()).param("decision", "APPROVE")
                        .with(user(otherBureau).roles(Groups.BUREAU)).with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(post("/filing/{id}/verify", filing.getId()).param("decision", "APPROVE").param("comment", "同意")
                        .with(user(bureau).roles(Groups.BUREAU)).with(csrf()))
                .andExpect(redirectedUrlPattern("/filing/*"));
        assertThat(filings.findById(filing.getId()).orElseThrow().getStatus()).isEqualTo(FilingStatus.FILED);
        mvc.perform(get("/filing/{id}", filing.getId()).with(user(bureau).roles(Groups.BUREAU)))
                .andExpect(content().string(containsString("已备案")));
    }
}
