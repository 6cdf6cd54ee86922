package cn.xueshi.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.XueshiApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 12 (Info): behind a TLS proxy the cookies carry Secure. The production profile (postgres, here on
 * H2) sets server.forward-headers-strategy=native, so a request the proxy marks X-Forwarded-Proto: https
 * is secure and Tomcat and Spring Security mark the session and CSRF cookies Secure; plain http does not.
 */
@Tag("isolated")
class SecureCookieTest {

    @Test
    void cookiesAreSecureWhenTheProxySaysHttps() throws Exception {
        try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(XueshiApplication.class)
                .profiles("postgres")
                .properties("camunda.bpm.job-execution.enabled=false")
                .run("--spring.datasource.url=jdbc:h2:mem:secure-cookie;DB_CLOSE_DELAY=-1",
                        "--spring.datasource.username=sa", "--spring.datasource.password=", "--server.port=0",
                        "--xueshi.admin.username=chief", "--xueshi.admin.password=Very-Secret-1",
                        "--camunda.bpm.process-engine-name=securecookie")) {
            assertThat(ctx.getEnvironment().getProperty("server.forward-headers-strategy")).isEqualTo("native");
            int port = ((WebServerApplicationContext) ctx).getWebServer().getPort();

            List<String> viaHttps = signIn(port, true);
            assertThat(viaHttps).anySatisfy(c -> assertThat(c).startsWith("JSESSIONID=").contains("Secure"));
            assertThat(viaHttps).filteredOn(c -> c.startsWith("XSRF-TOKEN=") && !c.startsWith("XSRF-TOKEN=;"))
                    .isNotEmpty().allSatisfy(c -> assertThat(c).contains("Secure"));

            List<String> plain = signIn(port, false);
            assertThat(plain).anySatisfy(c -> assertThat(c).startsWith("JSESSIONID=").doesNotContain("Secure"));
        }
    }

    /** The Set-Cookie headers of GET /login and a successful POST /login, with or without the proxy's https header. */
    private static List<String> signIn(int port, boolean https) throws Exception {
        // cookies by hand: a client's cookie store would not send a Secure cookie back over this plain connection
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpRequest.Builder form = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"));
        HttpRequest.Builder post = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"));
        if (https) {
            form.header("X-Forwarded-Proto", "https");
            post.header("X-Forwarded-Proto", "https");
        }
        HttpResponse<String> page = client.send(form.build(), HttpResponse.BodyHandlers.ofString());
        Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(token.find()).isTrue();
        String csrfCookie = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("XSRF-TOKEN="))
                .map(c -> c.split(";", 2)[0]).findFirst().orElseThrow();
        HttpResponse<String> login = client.send(post.header("Cookie", csrfCookie).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=chief&password=Very-Secret-1&_csrf=" + token.group(1)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");
        List<String> cookies = new java.util.ArrayList<>(page.headers().allValues("Set-Cookie"));
        cookies.addAll(login.headers().allValues("Set-Cookie"));
        return cookies;
    }
}
