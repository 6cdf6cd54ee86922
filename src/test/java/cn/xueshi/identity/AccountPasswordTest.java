package cn.xueshi.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** Finding 8: people change their password on the product's page, under a policy with Chinese messages. */
@IntegrationTest
class AccountPasswordTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    TestUsers users;
    @Autowired
    IdentityService identityService;
    @Autowired
    Directory directory;

    private ResultActions change(String id, String current, String password, String confirm) throws Exception {
        return mvc.perform(post("/account/password").param("current", current).param("password", password)
                .param("confirm", confirm).param("firstName", "冒名").with(user(id).roles(Groups.EMPLOYEE))
                .with(csrf()));
    }

    @Test
    void thePageIsInChineseAndStatesThePolicy() throws Exception {
        String id = users.user("emp", "陈", "页", Groups.EMPLOYEE);
        mvc.perform(get("/account/password").with(user(id).roles(Groups.EMPLOYEE)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("修改密码")))
                .andExpect(content().string(containsString("新密码至少 10 个字符")));
        mvc.perform(get("/account/password")).andExpect(status().isFound());
    }

    @Test
    void aPasswordAgainstThePolicyIsRefusedWithTheReasonNextToTheField() throws Exception {
        String id = users.user("emp", "陈", "规", Groups.EMPLOYEE);
        change(id, TestUsers.PASSWORD, "short1", "short1")
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"password-error\"")))
                .andExpect(content().string(containsString("新密码至少需要 10 个字符")));
        change(id, TestUsers.PASSWORD, id + "-2026xyz", id + "-2026xyz")
                .andExpect(content().string(containsString("新密码不能包含您的用户名、姓名或邮箱")));
        change(id, TestUsers.PASSWORD, "Password123", "Password123")
                .andExpect(content().string(containsString("这是常见的弱密码")));
        change(id, TestUsers.PASSWORD, "a-long-enough-pass", "another-long-pass")
                .andExpect(content().string(containsString("id=\"confirm-error\"")))
                .andExpect(content().string(containsString("两次输入的新密码不一致")));
        change(id, "not-my-password", "a-long-enough-pass", "a-long-enough-pass")
                .andExpect(content().string(containsString("id=\"current-error\"")))
                .andExpect(content().string(containsString("当前密码不正确")));
        change(id, "", "", "").andExpect(content().string(containsString("请填写此项")));
        change(id, TestUsers.PASSWORD, "x".repeat(200), "x".repeat(200))
                .andExpect(content().string(containsString("密码不能超过 128 个字符")));
        // nothing was changed, and no password is echoed into the page
        assertThat(identityService.checkPassword(id, TestUsers.PASSWORD)).isTrue();
        change(id, TestUsers.PASSWORD, "short1", "short1")
                .andExpect(content().string(not(containsString(TestUsers.PASSWORD))));
    }

    @Test
    void aGoodPasswordIsSavedAndTheNameStaysAsTheAdministratorSetIt() throws Exception {
        String id = users.user("emp", "陈", "好", Groups.EMPLOYEE);
        change(id, TestUsers.PASSWORD, "绿水青山-2026-长白", "绿水青山-2026-长白")
                .andExpect(redirectedUrl("/account/password"))
                .andExpect(flash().attribute("message", "account.password.changed"));
        assertThat(identityService.checkPassword(id, "绿水青山-2026-长白")).isTrue();
        assertThat(identityService.checkPassword(id, TestUsers.PASSWORD)).isFalse();
        assertThat(directory.displayName(id)).isEqualTo("陈好");
    }
}
