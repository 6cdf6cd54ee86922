package cn.xueshi.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.IdentityService;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Finding 4: temporary locks (account and address), the message, break-glass and the audit. */
@IntegrationTest
class LoginLockTest {

    /** Random start: a PostgreSQL database kept between runs still has earlier runs' counts. */
    private static final AtomicInteger ADDRESS = new AtomicInteger(new java.util.Random().nextInt(1 << 22));

    @Autowired
    MockMvc mvc;
    @Autowired
    TestUsers users;
    @Autowired
    LoginThrottle throttle;
    @Autowired
    IdentityService identityService;
    @Autowired
    AdminProperties admin;
    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void realTime() {
        throttle.useClock(Clock.systemUTC());
    }

    /** A fresh client address per test, so tests do not share an address count. */
    private static String address() {
        int n = ADDRESS.getAndIncrement();
        return "10." + ((n >> 16) & 255) + "." + ((n >> 8) & 255) + "." + (n & 255);
    }

    private static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    private ResultActions login(String user, String password, String address) throws Exception {
        return mvc.perform(post("/login").param("username", user).param("password", password).with(csrf())
                .with(from(address)));
    }

    private void later(Duration d) {
        Clock now = Clock.systemUTC();
        throttle.useClock(Clock.offset(now, d));
    }

    @Test
    void fiveFailuresLockTheAccountForFifteenMinutesWithAChineseMessageThenItOpensAgain() throws Exception {
        String id = users.user("emp", "锁", "定", "employee");
        String ip = address();
        for (int i = 1; i < 5; i++) {
            login(id, "wrong-" + i, ip).andExpect(redirectedUrl("/login?error"));
        }
        login(id, "wrong-5", ip).andExpect(redirectedUrl("/login?locked=15&by=account"));
        // the right password is refused while the lock holds, and from another address too
        login(id, TestUsers.PASSWORD, ip).andExpect(redirectedUrl("/login?locked=15&by=account"));
        login(id, TestUsers.PASSWORD, address()).andExpect(redirectedUrl("/login?locked=15&by=account"));
        mvc.perform(get("/login").param("locked", "15").param("by", "account"))
                .andExpect(content().string(Matchers.containsString("该账号已被临时锁定，请 15 分钟后再试")));
        // the wrong-password message states the policy
        mvc.perform(get("/login").param("error", ""))
                .andExpect(content().string(Matchers.containsString("连续 5 次失败将被临时锁定 15 分钟")));

        later(Duration.ofMinutes(10));
        login(id, TestUsers.PASSWORD, ip).andExpect(redirectedUrl("/login?locked=5&by=account"));
        later(Duration.ofMinutes(16));
        login(id, TestUsers.PASSWORD, ip).andExpect(redirectedUrl("/"));
    }

    @Test
    void camundaNoLongerLocksForGoodAfterTenFailures() throws Exception {
        String id = users.user("emp", "永", "锁", "employee");
        // three lock cycles: 15 wrong passwords reach Camunda, more than its old limit of 10
        for (int cycle = 0; cycle < 3; cycle++) {
            later(Duration.ofMinutes(20L * cycle));
            for (int i = 0; i < 5; i++) {
                login(id, "wrong", address());
            }
        }
        later(Duration.ofMinutes(80));
        login(id, TestUsers.PASSWORD, address()).andExpect(redirectedUrl("/"));
        assertThat(identityService.checkPassword(id, TestUsers.PASSWORD)).isTrue();
    }

    @Test
    void aNameThatIsNoAccountLocksTheSameWaySoTheMessageRevealsNothing() throws Exception {
        String nobody = TestUsers.uniqueId("nobody");
        String ip = address();
        for (int i = 1; i < 5; i++) {
            login(nobody, "x", ip).andExpect(redirectedUrl("/login?error"));
        }
        login(nobody, "x", ip).andExpect(redirectedUrl("/login?locked=15&by=account"));
    }

    @Test
    void oneAddressIsThrottledAcrossAccountsWhileOtherAddressesAreNot() throws Exception {
        String ip = address();
        String victim = users.user("emp", "地", "址", "employee");
        for (int i = 1; i < 20; i++) {
            login(TestUsers.uniqueId("guess"), "x", ip).andExpect(redirectedUrl("/login?error"));
        }
        login(TestUsers.uniqueId("guess"), "x", ip).andExpect(redirectedUrl("/login?locked=15&by=address"));
        // even a right password from that address waits; another address signs the same person in
        login(victim, TestUsers.PASSWORD, ip).andExpect(redirectedUrl("/login?locked=15&by=address"));
        mvc.perform(get("/login").param("locked", "15").param("by", "address"))
                .andExpect(content().string(Matchers.containsString("您所在网络地址的登录失败次数过多，请 15 分钟后再试")));
        login(victim, TestUsers.PASSWORD, address()).andExpect(redirectedUrl("/"));
        // a success does not reset the address count
        login(TestUsers.uniqueId("guess"), "x", ip).andExpect(redirectedUrl("/login?locked=15&by=address"));
    }

    @Test
    void theFirstAdministratorGetsBackInByTheUnlockOnStartFlag() throws Exception {
        String ip = address();
        for (int i = 0; i < 5; i++) {
            login(admin.username(), "attacker-guess", ip);
        }
        login(admin.username(), admin.password(), address())
                .andExpect(redirectedUrl("/login?locked=15&by=account"));
        new AdminBreakGlass(throttle, identityService, admin, true).onStart();
        login(admin.username(), admin.password(), address()).andExpect(redirectedUrl("/"));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM xs_login_lock_event WHERE subject = ? AND event = 'UNLOCKED' "
                + "AND actor = ?", Integer.class, admin.username(), AdminBreakGlass.ACTOR)).isPositive();
        // without the flag nothing is lifted
        for (int i = 0; i < 5; i++) {
            login(admin.username(), "attacker-guess", ip);
        }
        new AdminBreakGlass(throttle, identityService, admin, false).onStart();
        login(admin.username(), admin.password(), address()).andExpect(redirectedUrl("/login?locked=15&by=account"));
        throttle.unlock(LoginThrottle.Kind.ACCOUNT, admin.username(), "test");
    }

    @Test
    void trustedAddressesAreNotRefusedByAnAccountLock() {
        LoginThrottle trusting = new LoginThrottle(jdbc, new LoginProperties(5, Duration.ofMinutes(15), 20,
                Duration.ofMinutes(15), List.of("192.168.50.0/24")));
        String id = TestUsers.uniqueId("ops");
        for (int i = 0; i < 5; i++) {
            trusting.failed(id, "203.0.113." + (i + 1));
        }
        assertThat(trusting.refusal(id, "203.0.113.99")).get().extracting(LoginThrottle.Refusal::kind)
                .isEqualTo(LoginThrottle.Kind.ACCOUNT);
        assertThat(trusting.refusal(id, "192.168.50.7")).isEmpty();
    }

    @Test
    void locksAndTheirLiftsAreAuditedForAdministratorsOnly() throws Exception {
        String id = users.user("emp", "审", "计", "employee");
        String ip = address();
        for (int i = 0; i < 5; i++) {
            login(id, "wrong", ip);
        }
        var asAdmin = user("adm").roles(Groups.ADMIN);
        mvc.perform(get("/admin/login-locks").with(asAdmin))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("登录锁定记录")))
                .andExpect(content().string(Matchers.containsString(id)))
                .andExpect(content().string(Matchers.containsString(ip)));
        mvc.perform(post("/admin/login-locks/unlock").param("kind", "ACCOUNT").param("subject", id)
                        .with(asAdmin).with(csrf()))
                .andExpect(redirectedUrl("/admin/login-locks"));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM xs_login_lock_event WHERE subject = ? AND event = 'UNLOCKED' "
                + "AND actor = 'adm'", Integer.class, id)).isEqualTo(1);
        login(id, TestUsers.PASSWORD, ip).andExpect(redirectedUrl("/"));

        var employee = user(id).roles(Groups.EMPLOYEE);
        mvc.perform(get("/admin/login-locks").with(employee)).andExpect(status().isForbidden());
        mvc.perform(post("/admin/login-locks/unlock").param("kind", "ACCOUNT").param("subject", id)
                .with(employee).with(csrf())).andExpect(status().isForbidden());
        mvc.perform(get("/admin/login-locks").param("page", "-1").with(asAdmin)).andExpect(status().isBadRequest());
        mvc.perform(get("/admin/login-locks").param("page", "99999999").with(asAdmin)).andExpect(status().isNotFound());
    }

    @Test
    void countsThatAreOverAreForgotten() {
        String sprayed = TestUsers.uniqueId("spray");
        throttle.failed(sprayed, address());
        later(Duration.ofMinutes(16));
        throttle.failed(TestUsers.uniqueId("spray"), address());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM xs_login_throttle WHERE subject = ?", Integer.class,
                sprayed)).isZero();
    }

    @Test
    void aCraftedLockedParameterShowsNothingOdd() throws Exception {
        mvc.perform(get("/login").param("locked", "999999999"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.not(Matchers.containsString("login-locked"))));
    }
}
