package cn.xueshi.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.xueshi.identity.Groups;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

@IntegrationTest
class SecurityTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    TestUsers users;

    @Test
    void anonymousVisitorIsSentToTheChineseLoginPage() throws Exception {
        mvc.perform(get("/")).andExpect(status().isFound()).andExpect(redirectedUrl("http://localhost/login"));
        mvc.perform(get("/login"))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("登录学时通")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("name=\"_csrf\"")));
    }

    @Test
    void loginPageSpeaksEnglishOnRequest() throws Exception {
        mvc.perform(get("/login").param("lang", "en"))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Sign in to Xueshitong")));
    }

    @Test
    void personSignsInWithTheirCamundaAccountAndSeesTheirName() throws Exception {
        String id = users.user("emp", "孙", "悟空", Groups.EMPLOYEE);
        MvcResult login = mvc.perform(formLogin("/login").user(id).password(TestUsers.PASSWORD))
                .andExpect(authenticated().withUsername(id).withRoles(Groups.EMPLOYEE))
                .andExpect(redirectedUrl("/"))
                .andReturn();
        // the session lives in the database (Spring Session JDBC): the next request names it by its cookie
        Cookie session = login.getResponse().getCookie("JSESSIONID");
        mvc.perform(get("/").cookie(session))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("孙悟空")));
    }

    @Test
    void wrongPasswordIsRefusedWithAChineseMessage() throws Exception {
        String id = users.user("emp", "钱", "多", Groups.EMPLOYEE);
        mvc.perform(formLogin("/login").user(id).password("wrong-password"))
                .andExpect(unauthenticated())
                .andExpect(redirectedUrl("/login?error"));
        mvc.perform(get("/login").param("error", ""))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("用户名或密码错误")));
    }

    @Test
    void oneFailedLoginDoesNotLockTheAccount() throws Exception {
        String id = users.user("emp", "周", "密", Groups.EMPLOYEE);
        mvc.perform(formLogin("/login").user(id).password("guess-1")).andExpect(unauthenticated());
        // the product's throttle locks only after xueshi.login.max-failures (LoginLockTest); Camunda's delay is off
        mvc.perform(formLogin("/login").user(id).password(TestUsers.PASSWORD)).andExpect(authenticated());
    }

    @Test
    void formsWithoutCsrfTokenAreRejected() throws Exception {
        mvc.perform(post("/login").param("username", "x").param("password", "y")).andExpect(status().isForbidden());
        String id = users.user("emp", "吴", "用", Groups.EMPLOYEE);
        mvc.perform(post("/logout").with(httpBasicSession(id))).andExpect(status().isForbidden());
        mvc.perform(post("/logout").with(httpBasicSession(id)).with(csrf()))
                .andExpect(redirectedUrl("/login?logout"));
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor httpBasicSession(String id) {
        return org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                .user(id).roles(Groups.EMPLOYEE);
    }

    @Test
    void employeeCannotOpenAdministrationPages() throws Exception {
        String id = users.user("emp", "郑", "和", Groups.EMPLOYEE);
        mvc.perform(get("/admin/units").with(httpBasicSession(id))).andExpect(status().isForbidden());
    }

    @Test
    void forbiddenPageIsFriendlyAndChinese() throws Exception {
        String id = users.user("emp", "冯", "唐", Groups.EMPLOYEE);
        MvcResult login = mvc.perform(formLogin("/login").user(id).password(TestUsers.PASSWORD)).andReturn();
        Cookie session = login.getResponse().getCookie("JSESSIONID");
        MvcResult denied = mvc.perform(get("/admin/units").cookie(session))
                .andExpect(status().isForbidden()).andReturn();
        // MockMvc does not forward to /error; render the error page the container would show
        assertThat(denied.getResponse().getStatus()).isEqualTo(403);
        mvc.perform(get("/error").cookie(session).accept(org.springframework.http.MediaType.TEXT_HTML)
                        .requestAttr("jakarta.servlet.error.status_code", 403)
                        .requestAttr("jakarta.servlet.error.request_uri", "/admin/units"))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("无权访问")));
    }

    @Test
    void pagesCarrySecurityHeadersWithASelfOnlyContentPolicy() throws Exception {
        mvc.perform(get("/login"))
                .andExpect(header().string("Content-Security-Policy",
                        org.hamcrest.Matchers.containsString("default-src 'self'")))
                .andExpect(header().string("Content-Security-Policy",
                        org.hamcrest.Matchers.containsString("script-src 'self'")))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("X-Frame-Options", "SAMEORIGIN"));
    }

    @Test
    void productApiWantsCredentials() throws Exception {
        mvc.perform(post("/api/v1/recognition/evaluate").contentType("application/json").content("{}"))
                .andExpect(status().isUnauthorized());
    }
}
