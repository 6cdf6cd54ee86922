package cn.xueshi.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.identity.Groups;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Over real HTTP: the Camunda REST API and webapps are servlets outside Spring MVC, and session
 * handling is the container's, so MockMvc cannot show these.
 */
@IntegrationTest
class HttpEndpointsTest {

    @LocalServerPort
    int port;
    @Autowired
    TestUsers users;

    private final HttpClient anonymous = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private HttpResponse<String> get(HttpClient client, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + TestUsers.PASSWORD).getBytes());
    }

    @Test
    void engineRestApiIsClosedWithoutCredentials() throws Exception {
        assertThat(get(anonymous, "/engine-rest/engine").statusCode()).isEqualTo(401);
        assertThat(get(anonymous, "/engine-rest/process-definition").statusCode()).isEqualTo(401);
    }

    @Test
    void engineRestApiAppliesCamundaAuthorizationChecks() throws Exception {
        String employee = users.user("emp", "韩", "梅", Groups.EMPLOYEE);
        String admin = users.user("adm", "李", "雷", Groups.ADMIN);
        assertThat(get(anonymous, "/engine-rest/engine", "Authorization", basic(employee)).statusCode())
                .isEqualTo(200);
        // an employee has no READ authorization on other users; camunda-admin has all
        HttpResponse<String> asEmployee = get(anonymous, "/engine-rest/user/" + admin + "/profile",
                "Authorization", basic(employee));
        assertThat(asEmployee.statusCode()).isNotEqualTo(200);
        HttpResponse<String> asAdmin = get(anonymous, "/engine-rest/user/" + employee + "/profile",
                "Authorization", basic(admin));
        assertThat(asAdmin.statusCode()).isEqualTo(200);
        assertThat(asAdmin.body()).contains("韩");
    }

    @Test
    void camundaWebappsAreForAdministratorsOnlyAndShareTheProductLogin() throws Exception {
        String employee = users.user("emp", "林", "黛玉", Groups.EMPLOYEE);
        String admin = users.user("adm", "薛", "宝钗", Groups.ADMIN);

        assertThat(get(anonymous, "/camunda/app/cockpit/default/").statusCode()).isEqualTo(302);

        HttpClient employeeBrowser = signedIn(employee);
        assertThat(get(employeeBrowser, "/camunda/app/cockpit/default/").statusCode()).isEqualTo(403);

        HttpClient adminBrowser = signedIn(admin);
        HttpResponse<String> cockpit = get(adminBrowser, "/camunda/app/cockpit/default/");
        assertThat(cockpit.statusCode()).as(cockpit.body()).isEqualTo(200);
        // single sign-on: the webapp's own API knows who is signed in without a second login
        HttpResponse<String> auth = get(adminBrowser, "/camunda/api/admin/auth/user/default");
        assertThat(auth.statusCode()).isEqualTo(200);
        assertThat(auth.body()).contains("\"userId\":\"" + admin + "\"").contains("cockpit");
    }

    @Test
    void signingInIssuesANewSessionId() throws Exception {
        String employee = users.user("emp", "贾", "宝玉", Groups.EMPLOYEE);
        java.net.CookieManager cookies = new java.net.CookieManager();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        // a protected page remembers where the visitor wanted to go: that starts a session before the login
        get(browser, "/claims");
        String token = csrfToken(get(browser, "/login").body());
        String before = sessionId(cookies);
        HttpResponse<String> login = postLogin(browser, employee, token);
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElse("")).endsWith("/");
        String after = sessionId(cookies);
        assertThat(before).isNotNull();
        assertThat(after).isNotNull().isNotEqualTo(before);
        assertThat(get(browser, "/").body()).contains("贾宝玉");
    }

    private HttpClient signedIn(String user) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String token = csrfToken(get(browser, "/login").body());
        assertThat(postLogin(browser, user, token).headers().firstValue("Location").orElse("")).doesNotContain("error");
        return browser;
    }

    private HttpResponse<String> postLogin(HttpClient browser, String user, String token) throws Exception {
        String form = "username=" + user + "&password=" + TestUsers.PASSWORD + "&_csrf=" + token;
        return browser.send(HttpRequest.newBuilder(URI.create(url("/login")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String csrfToken(String html) {
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as("login form carries a CSRF token").isTrue();
        return m.group(1);
    }

    private static String sessionId(java.net.CookieManager cookies) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("JSESSIONID"))
                .map(java.net.HttpCookie::getValue).findFirst().orElse(null);
    }
}
