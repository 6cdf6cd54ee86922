package cn.xueshi.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.XueshiApplication;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 12 (Info), over real HTTP against an application of its own (MockMvc's csrf() in the shared test
 * context swaps the CSRF repository of the filter chain, so session behaviour is only honest here):
 * <ul>
 * <li>anonymous views of /login and /verify/{code} create no server session; the login form still works,
 * its CSRF token riding in an HttpOnly cookie until sign-in starts the session;</li>
 * <li>behind a TLS proxy the cookies carry Secure: the production profile (postgres, here on H2) sets
 * server.forward-headers-strategy=native, so X-Forwarded-Proto: https makes the request secure.</li>
 * </ul>
 */
@Tag("isolated")
@org.junit.jupiter.api.Tag("h2-only") // its own H2 database whichever suite runs it: once, in the H2 suite
class SessionCookiesTest {

    static final String ADMIN = "chief";
    static final String PASSWORD = "Very-Secret-1";

    static ConfigurableApplicationContext app;
    static int port;

    @BeforeAll
    static void start() {
        app = new SpringApplicationBuilder(XueshiApplication.class)
                .profiles("postgres")
                .properties("camunda.bpm.job-execution.enabled=false")
                .run("--spring.datasource.url=jdbc:h2:mem:session-cookies;DB_CLOSE_DELAY=-1",
                        "--spring.datasource.username=sa", "--spring.datasource.password=", "--server.port=0",
                        "--xueshi.admin.username=" + ADMIN, "--xueshi.admin.password=" + PASSWORD,
                        "--xueshi.public-base-url=https://xueshi.example.test", "--camunda.bpm.process-engine-name=sessioncookies");
        port = ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    private static HttpRequest.Builder at(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
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
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> form = send(browser, at("/login"));
        assertThat(setCookies(form)).noneMatch(c -> c.startsWith("JSESSIONID"))
                .anySatisfy(c -> assertThat(c).startsWith("XSRF-TOKEN=").containsIgnoringCase("HttpOnly"));
        Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form.body());
        assertThat(token.find()).isTrue();

        // without the token the form is refused, with it the person is signed in
        HttpResponse<String> forged = send(browser, at("/login").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + ADMIN + "&password=" + PASSWORD + "&_csrf=forged")));
        assertThat(forged.statusCode()).isEqualTo(403);
        HttpResponse<String> login = send(browser, at("/login").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + ADMIN + "&password=" + PASSWORD
                        + "&_csrf=" + token.group(1))));
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");
        assertThat(setCookies(login)).anyMatch(c -> c.startsWith("JSESSIONID"));
        HttpResponse<String> home = send(browser, at("/"));
        assertThat(home.statusCode()).isEqualTo(200);
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
    void cookiesAreSecureWhenTheProxySaysHttps() throws Exception {
        assertThat(app.getEnvironment().getProperty("server.forward-headers-strategy")).isEqualTo("native");

        List<String> viaHttps = signIn(true);
        assertThat(viaHttps).anySatisfy(c -> assertThat(c).startsWith("JSESSIONID=").contains("Secure"));
        assertThat(viaHttps).filteredOn(c -> c.startsWith("XSRF-TOKEN=") && !c.startsWith("XSRF-TOKEN=;"))
                .isNotEmpty().allSatisfy(c -> assertThat(c).contains("Secure"));

        List<String> plain = signIn(false);
        assertThat(plain).anySatisfy(c -> assertThat(c).startsWith("JSESSIONID=").doesNotContain("Secure"));
    }

    /** The Set-Cookie headers of GET /login and a successful POST /login, with or without the proxy's https header. */
    private static List<String> signIn(boolean https) throws Exception {
        // cookies by hand: a client's cookie store would not send a Secure cookie back over this plain connection
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpRequest.Builder form = at("/login");
        HttpRequest.Builder post = at("/login");
        if (https) {
            form.header("X-Forwarded-Proto", "https");
            post.header("X-Forwarded-Proto", "https");
        }
        HttpResponse<String> page = send(client, form);
        Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(token.find()).isTrue();
        String csrfCookie = setCookies(page).stream().filter(c -> c.startsWith("XSRF-TOKEN="))
                .map(c -> c.split(";", 2)[0]).findFirst().orElseThrow();
        HttpResponse<String> login = send(client, post.header("Cookie", csrfCookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + ADMIN + "&password=" + PASSWORD
                        + "&_csrf=" + token.group(1))));
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");
        List<String> cookies = new ArrayList<>(setCookies(page));
        cookies.addAll(setCookies(login));
        return cookies;
    }
}
