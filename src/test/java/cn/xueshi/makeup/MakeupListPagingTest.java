package cn.xueshi.makeup;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.xueshi.identity.Groups;
import cn.xueshi.identity.UnitType;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

/** The make-up requests to review, paged in the database on /makeup/unit and as a section of the inbox. */
@IntegrationTest
class MakeupListPagingTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ClaimFixtures fixtures;
    @Autowired
    TestUsers users;

    @Test
    void requestsToReviewArePagedOnTheUnitsPageAndInTheInboxSection() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        ClaimFixtures.Setup other = fixtures.unit("梅河口市医院", UnitType.STATE_OWNED, "JILIN", "jilin-2026");
        for (String employee : List.of(s.employee(), users.member(s.unit(), "孙", "丽"), users.member(s.unit(), "周", "强"))) {
            var b = MakeupWebTest.request(UUID.randomUUID().toString());
            b.file(new MockMultipartFile("files", "诊断证明.pdf", "application/pdf", MakeupWebTest.PDF));
            mvc.perform(b.with(user(employee).roles(Groups.EMPLOYEE)).with(csrf()))
                    .andExpect(redirectedUrlPattern("/makeup/*"));
        }
        var reviewer = user(s.reviewer()).roles(Groups.REVIEWER);
        mvc.perform(get("/makeup/unit").param("size", "2").with(reviewer))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("第 1 页，共 2 页（3 项）")))
                .andExpect(content().string(containsString("id=\"page-next\"")));
        mvc.perform(get("/makeup/unit").param("size", "2").param("page", "2").with(reviewer))
                .andExpect(content().string(containsString("第 2 页，共 2 页（3 项）")))
                .andExpect(content().string(containsString("id=\"page-previous\"")));
        mvc.perform(get("/makeup/unit").param("size", "0").with(reviewer))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("每页条数须为 1 至 200 之间的整数")))
                .andExpect(content().string(containsString("（3 项）")));
        mvc.perform(get("/review/sections/{id}", "makeup-tasks").param("size", "2").param("page", "2").with(reviewer))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("第 2 页，共 2 页（3 项）")))
                .andExpect(content().string(containsString("/makeup/review/")));
        // another unit's reviewer: none of them, on either page
        var stranger = user(other.reviewer()).roles(Groups.REVIEWER);
        mvc.perform(get("/makeup/unit").with(stranger))
                .andExpect(content().string(not(containsString("/makeup/review/"))));
        mvc.perform(get("/review/sections/{id}", "makeup-tasks").with(stranger))
                .andExpect(content().string(containsString("目前没有此类待处理的任务。")));
    }
}
