package cn.xueshi.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.xueshi.claim.Claim;
import cn.xueshi.claim.ClaimRepository;
import cn.xueshi.identity.Groups;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Invisible control characters in what comes in — a pasted NUL, Excel's vertical tab — are dropped before any
 * controller sees them: a form (multipart too) and a JSON body. On PostgreSQL a NUL in a text column used to fail
 * the whole request.
 */
@IntegrationTest
class UnstorableCharacterWebTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ClaimFixtures fixtures;
    @Autowired
    ClaimRepository claims;
    @Autowired
    TestUsers users;

    @Test
    void aClaimFormWithANulIsStoredWithoutIt() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        String key = UUID.randomUUID().toString();
        mvc.perform(multipart("/claims").param("submissionKey", key).param("year", "2026").param("pledge", "true")
                        .param("items[0].activityType", "PROFESSIONAL_EXCHANGE").param("items[0].activityDate", "2026-03-02")
                        .param("items[0].title", "全省\u0000学术\u000B交流会").param("items[0].params[days]", "2")
                        .param("description", "会议\u0000通知见附件")
                        .with(user(s.employee()).roles(Groups.EMPLOYEE)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        Claim claim = claims.findBySubmissionKey(key).orElseThrow();
        assertThat(claim.getDescription()).isEqualTo("会议通知见附件");
        assertThat(fixtures.reload(claim).getItems().get(0).getTitle()).isEqualTo("全省学术交流会");
    }

    @Test
    void aJsonStringWithANulIsReadWithoutIt() throws Exception {
        String analyst = users.user("ucj", "钱", "析", Groups.ANALYST);
        mvc.perform(post("/api/v1/recognition/evaluate").with(user(analyst).roles(Groups.ANALYST)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"ruleSet\":\"yuxi-2024\",\"year\":2024,"
                                + "\"items\":[{\"activityType\":\"PUBLIC_\\u0000COURSE\",\"count\":2}]}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.items[0].activityType").value("PUBLIC_COURSE"));
    }
}
