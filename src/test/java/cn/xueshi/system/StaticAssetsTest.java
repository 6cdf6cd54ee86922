package cn.xueshi.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import java.io.ByteArrayInputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Over real HTTP (MockMvc neither compresses nor runs Tomcat): versioned assets are cached for a year and
 * gzipped, the page links them by their versioned URL, and a signed-in page keeps no-store.
 */
@IntegrationTest
class StaticAssetsTest {

    private static final String FOREVER = "max-age=31536000, public, immutable";

    @LocalServerPort
    int port;
    @Autowired
    TestUsers users;

    private HttpRequest.Builder at(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    }

    private static HttpResponse<byte[]> send(HttpClient client, HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String gunzip(byte[] body) throws Exception {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void versionedAssetsAreCachedForAYearAndGzipped() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<byte[]> login = send(client, at("/login"));
        String page = new String(login.body(), StandardCharsets.UTF_8);
        Matcher css = Pattern.compile("href=\"(/css/app-[0-9a-f]{32}\\.css)\"").matcher(page);
        assertThat(css.find()).as("the page links app.css by its content hash: " + page).isTrue();
        assertThat(page).contains("/webjars/bootstrap/5.3.3/css/bootstrap.min.css");

        HttpResponse<byte[]> appCss = send(client, at(css.group(1)).header("Accept-Encoding", "gzip"));
        assertThat(appCss.statusCode()).isEqualTo(200);
        assertThat(appCss.headers().firstValue("Cache-Control")).hasValue(FOREVER);
        for (String asset : new String[] {"/webjars/bootstrap/5.3.3/css/bootstrap.min.css",
                "/webjars/bootstrap/5.3.3/js/bootstrap.bundle.min.js"}) {
            HttpResponse<byte[]> r = send(client, at(asset).header("Accept-Encoding", "gzip"));
            assertThat(r.statusCode()).as(asset).isEqualTo(200);
            assertThat(r.headers().firstValue("Cache-Control")).as(asset).hasValue(FOREVER);
            assertThat(r.headers().firstValue("Pragma")).as(asset).isEmpty();
            assertThat(r.headers().firstValue("Content-Encoding")).as(asset).hasValue("gzip");
            assertThat(gunzip(r.body())).as(asset).contains("Bootstrap");
            // without Accept-Encoding the same asset comes plain
            HttpResponse<byte[]> plain = send(client, at(asset));
            assertThat(plain.headers().firstValue("Content-Encoding")).as(asset).isEmpty();
            assertThat(plain.body().length).as(asset).isGreaterThan(r.body().length);
        }
    }

    @Test
    void signedInPagesKeepNoStoreAndAreGzipped() throws Exception {
        String userId = users.user("cache", "缓", "存", "employee");
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String form = new String(send(browser, at("/login")).body(), StandardCharsets.UTF_8);
        Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form);
        assertThat(token.find()).isTrue();
        HttpResponse<byte[]> login = send(browser, at("/login").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + userId + "&password=" + TestUsers.PASSWORD
                        + "&_csrf=" + java.net.URLEncoder.encode(token.group(1), StandardCharsets.UTF_8))));
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");

        HttpResponse<byte[]> home = send(browser, at("/").header("Accept-Encoding", "gzip"));
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        assertThat(home.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(gunzip(home.body())).contains("缓存");
    }
}
