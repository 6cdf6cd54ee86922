package cn.xueshi.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.XueshiApplication;
import java.io.IOException;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The default profile (demo data) on its own H2 database: Tomcat listens before the demo seeders have
 * run; while they have not, readiness is OUT_OF_SERVICE and a sign-in gets 503 and the start-up page,
 * not "wrong password". At the moment readiness turns ACCEPTING_TRAFFIC all demo data is there.
 * A hook runner of the test's own, ordered before every seeder, holds the start-up at that point
 * (registered by hand, not by component scan, so no other context picks it up).
 */
@Tag("isolated")
@Timeout(value = 6, unit = TimeUnit.MINUTES)
@org.junit.jupiter.api.Tag("h2-only") // its own H2 database whichever suite runs it: once, in the H2 suite
class StartupReadinessTest {

    static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

    /** Holds the start-up before the first application runner (the demo seeders) until released. */
    static class HoldBeforeSeeders implements ApplicationRunner, Ordered {
        final CountDownLatch reached = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile ApplicationContext context;

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }

        @Override
        public void run(ApplicationArguments args) throws Exception {
            reached.countDown();
            assertThat(release.await(3, TimeUnit.MINUTES)).isTrue();
        }
    }

    /** What exists at the moment readiness turns ACCEPTING_TRAFFIC. */
    static class DataWhenReady implements ApplicationListener<AvailabilityChangeEvent<?>> {
        volatile ApplicationContext context;
        volatile Map<String, Object> counts;

        @Override
        public void onApplicationEvent(AvailabilityChangeEvent<?> event) {
            if (event.getState() == ReadinessState.ACCEPTING_TRAFFIC) {
                counts = context.getBean(JdbcTemplate.class).queryForMap("select "
                        + "(select count(*) from ACT_ID_USER where ID_ = 'employee') as employees, "
                        + "(select count(*) from xs_claim) as claims, "
                        + "(select count(*) from xs_unit_filing) as filings, "
                        + "(select count(*) from xs_makeup_request) as makeups");
            }
        }
    }

    final HoldBeforeSeeders hold = new HoldBeforeSeeders();
    final DataWhenReady whenReady = new DataWhenReady();
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    CompletableFuture<ConfigurableApplicationContext> app;
    int port;

    @AfterEach
    void stop() {
        hold.release.countDown();
        if (app != null) {
            app.thenAccept(ConfigurableApplicationContext::close).join();
        }
    }

    @Test
    void notReadyAndNoSignInUntilTheDemoDataIsSeeded() throws Exception {
        port = freePort();
        app = CompletableFuture.supplyAsync(() -> new SpringApplicationBuilder(XueshiApplication.class)
                .initializers(ctx -> {
                    hold.context = ctx;
                    whenReady.context = ctx;
                    ((GenericApplicationContext) ctx).registerBean(HoldBeforeSeeders.class, () -> hold);
                    ((GenericApplicationContext) ctx).registerBean(DataWhenReady.class, () -> whenReady);
                })
                .run("--spring.datasource.url=jdbc:h2:mem:startup-readiness;DB_CLOSE_DELAY=-1",
                        "--server.port=" + port, "--xueshi.demo-data.enabled=true"));

        assertThat(hold.reached.await(3, TimeUnit.MINUTES)).as("start-up reached the application runners").isTrue();
        assertThat(hold.context.getBean(IdentityService.class).createUserQuery().userId("employee").count())
                .as("the demo directory is not seeded yet").isZero();

        HttpResponse<String> readiness = get("/actuator/health/readiness");
        assertThat(readiness.statusCode()).isEqualTo(503);
        assertThat(readiness.body()).isEqualTo("{\"status\":\"OUT_OF_SERVICE\"}");
        assertThat(get("/actuator/health").statusCode()).as("overall health includes readiness").isEqualTo(503);
        assertThat(get("/actuator/health/liveness").statusCode()).as("alive, only not ready").isEqualTo(200);

        // a sign-in now would have failed as a wrong password: the person does not exist yet
        HttpResponse<String> early = post(http, "/login", Map.of("username", "employee", "password", "demo"));
        assertThat(early.statusCode()).isEqualTo(503);
        assertThat(early.headers().firstValue("Location")).isEmpty();
        assertThat(early.headers().firstValue("Retry-After")).isPresent();
        assertThat(early.body()).contains("系统正在启动，请稍候");
        assertThat(get("/login").statusCode()).isEqualTo(503);

        hold.release.countDown();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (get("/actuator/health/readiness").statusCode() != 200) {
            assertThat(Instant.now()).as("ready in time").isBefore(deadline);
            assertThat(app).isNotCompletedExceptionally();
            Thread.sleep(200);
        }
        assertThat(get("/actuator/health/readiness").body()).isEqualTo("{\"status\":\"UP\"}");

        // every seeder had finished when readiness turned UP (the filing and make-up seeders run last)
        assertThat(whenReady.counts).isNotNull();
        whenReady.counts.forEach((what, count) ->
                assertThat(((Number) count).longValue()).as(what + " when ready").isPositive());

        // the demo mover (吉林 → 安徽 on 2025-07-01) has her split year: both units' hours, the Jilin part carried over
        cn.xueshi.claim.YearProgress moved = app.join().getBean(cn.xueshi.claim.ProgressService.class)
                .ofPerson("hanxue", 2025).orElseThrow();
        assertThat(moved.totalHours()).as("20 + 30 in Jilin, 12 + 34 in Anhui").isEqualByComparingTo("96");
        assertThat(moved.carriedPublic().add(moved.carriedProfessional())).as("carried over from Jilin")
                .isEqualByComparingTo("50");

        // the demo claim withdrawn by its claimant (撤回) ended through the lifecycle's withdrawal path
        assertThat(app.join().getBean(cn.xueshi.claim.ClaimRepository.class).findBySubmissionKey("demo-claim-14")
                .orElseThrow().getStatus()).isEqualTo(cn.xueshi.claim.ClaimStatus.WITHDRAWN);

        // and now the same sign-in works
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> page = browser.send(request("/login").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        Matcher csrf = CSRF.matcher(page.body());
        assertThat(csrf.find()).isTrue();
        HttpResponse<String> signIn = post(browser, "/login",
                Map.of("username", "employee", "password", "demo", "_csrf", csrf.group(1)));
        assertThat(signIn.statusCode()).isEqualTo(302);
        assertThat(signIn.headers().firstValue("Location").orElse("")).doesNotContain("error");
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30));
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(request(path).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpResponse<String> post(HttpClient client, String path, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return client.send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
