package cn.xueshi.rules;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.xueshi.identity.Groups;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class FractionalYearTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    TestUsers users;

    @Test
    void aFractionalYearIsRefusedNotRoundedDown() throws Exception {
        String id = users.user("emp", "年", "份", Groups.EMPLOYEE);
        mvc.perform(post("/api/v1/recognition/evaluate").with(httpBasic(id, TestUsers.PASSWORD))
                        .contentType("application/json")
                        .content("{\"ruleSet\":\"jilin-2026\",\"year\":2026.5,\"items\":[]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail", Matchers.containsString("year")));
    }
}
