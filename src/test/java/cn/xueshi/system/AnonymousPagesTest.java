package cn.xueshi.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.document.VerifyProperties;
import cn.xueshi.identity.Groups;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Issue 12 (Info): anonymous views of /login and /verify/{code} create no server session, the login
 * form still works (its CSRF token rides in a cookie), and /verify is rate limited per client address.
 */
@IntegrationTest
class AnonymousPagesTest {

    @LocalServerPort
    int port;
    @Autowired
    TestUsers users;
    @Autowired
    MockMvc mvc;
    @Autowired
    VerifyProperties verify;

    private HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpRequest.Builder at(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    }

    private static List<String> setCookies(HttpResponse<?> r) {
        return r.headers().allValues("Set-Cookie");
    }

    @Test
    void anonymousLoginAndVerifyPagesCreateNoSession() throws Exception {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        for (String path : List.of("/login", "/verify/0123456789ABCDEFGHJK", "/login?error", "/login?logout")) {
            HttpResponse<String> r = send(client, at(path));
            assertThat(r.statusCode()).as(path).isIn(200, 404);
            assertThat(setCookies(r)).as(path).noneMatch(c -> c.startsWith("JSESSIONID"));
        }
    }

    @Test
    void theLoginFormWorksWithoutASessionAndSigningInStartsOne() throws Exception {
        String employee = users.user("emp", "无", "会话", Groups.EMPLOYEE);
        CookieManager cookies = new CookieManager();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> form = send(browser, at("/login"));
        assertThat(setCookies(form)).noneMatch(c -> c.startsWith("JSESSIONID"))
                .anySatisfy(c -> assertThat(c).startsWith("XSRF-TOKEN=").containsIgnoringCase("HttpOnly"));
        Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form.body());
        assertThat(token.find()).isTrue();

        // without the token the form is refused, with it the person is signed in
        HttpResponse<String> forged = send(browser, at("/login").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + employee + "&password=" + TestUsers.PASSWORD
                        + "&_csrf=forged")));
        assertThat(forged.statusCode()).isEqualTo(403);
        HttpResponse<String> login = send(browser, at("/login").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + employee + "&password=" + TestUsers.PASSWORD
                        + "&_csrf=" + token.group(1))));
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");
        assertThat(setCookies(login)).anyMatch(c -> c.startsWith("JSESSIONID"));
        HttpResponse<String> home = send(browser, at("/"));
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("无会话");
        // signed in, the page's token is the session's: the product API accepts it from the browser session
        Matcher meta = Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"").matcher(home.body());
        Matcher header = Pattern.compile("name=\"_csrf_header\" content=\"([^\"]+)\"").matcher(home.body());
        assertThat(meta.find() && header.find()).isTrue();
        HttpResponse<String> api = send(browser, at("/api/v1/recognition/evaluate").header("Content-Type", "application/json")
                .header(header.group(1), meta.group(1))
                .POST(HttpRequest.BodyPublishers.ofString("{\"ruleSet\":\"jilin-2026\",\"year\":2026,\"items\":[]}")));
        assertThat(api.statusCode()).as(api.body()).isEqualTo(200);
    }

    @Test
    void verificationIsRateLimitedPerClientAddressWithAChinesePage() throws Exception {
        String address = "203.0.113." + (1 + (int) (Math.random() * 250));
        for (int i = 0; i < verify.rateLimit(); i++) {
            int status = mvc.perform(get("/verify/NOSUCHCODE" + i).with(r -> {
                r.setRemoteAddr(address);
                return r;
            })).andReturn().getResponse().getStatus();
            assertThat(status).as("request %d", i + 1).isEqualTo(404);
        }
        // the bucket refills gradually over the period: a few more may pass before the refusal
        org.springframework.mock.web.MockHttpServletResponse limited = null;
        for (int i = 0; i < verify.rateLimit() && limited == null; i++) {
            var r = mvc.perform(get("/verify/NOSUCHCODE").with(q -> {
                q.setRemoteAddr(address);
                return q;
            })).andReturn().getResponse();
            if (r.getStatus() != 404) {
                limited = r;
            }
        }
        assertThat(limited).as("refused within twice the limit").isNotNull();
        assertThat(limited.getStatus()).isEqualTo(429);
        assertThat(limited.getHeader("Retry-After")).isNotBlank();
        assertThat(limited.getContentAsString(StandardCharsets.UTF_8)).contains("核验请求过于频繁", "秒后再试");
        // another address is not affected
        assertThat(mvc.perform(get("/verify/NOSUCHCODE").with(r -> {
            r.setRemoteAddr("198.51.100.7");
            return r;
        })).andReturn().getResponse().getStatus()).isEqualTo(404);
    }
}
