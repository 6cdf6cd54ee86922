package cn.xueshi.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

/**
 * A write the application acknowledged survives a crash of the JVM (kill -9) on the default H2 file
 * database. The application runs as a child process on the test's classpath, with the default
 * URL's options from application.yml (only the file moves to a temporary folder), so the test
 * checks the shipped setting. Each write is acknowledged and shown, and the process is killed at
 * once, well inside H2's default write delay of 500 ms.
 */
@Tag("isolated")
@Timeout(value = 6, unit = TimeUnit.MINUTES)
@org.junit.jupiter.api.Tag("h2-only") // its own H2 database whichever suite runs it: once, in the H2 suite
class H2DurabilityTest {

    static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    static final String READY = "ReadinessState changed to ACCEPTING_TRAFFIC";
    static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");
    static final Pattern INBOX_ROW = Pattern.compile("href=\"/review/tasks/([0-9a-f-]+)\">(\\d+)</a>");

    @TempDir
    Path dir;

    Process app;
    int starts;
    int port;

    @AfterEach
    void stop() {
        if (app != null) {
            app.destroyForcibly();
        }
    }

    /** The options of the shipped default URL (after the first ';'), e.g. DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0. */
    static String defaultUrlOptions() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application.yml"));
        String url = yaml.getObject().getProperty("spring.datasource.url");
        assertThat(url).startsWith("jdbc:h2:file:");
        int semicolon = url.indexOf(';');
        return semicolon < 0 ? "" : url.substring(semicolon);
    }

    @Test
    void acknowledgedClaimAndApprovalSurviveKillMinus9() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + defaultUrlOptions();

        // 1. the employee submits a claim and sees it; the JVM is killed at once
        start(url);
        Session employee = login("employee");
        String title = "断电测试 " + UUID.randomUUID().toString().substring(0, 8);
        String claimPath = employee.submitClaim(title);
        assertThat(employee.get(claimPath).body()).contains(title);
        crash();

        // 2. after the restart the claim is there; the reviewer approves one claim in review, killed at once
        start(url);
        employee = login("employee");
        assertThat(employee.get(claimPath).body()).as("claim acknowledged before kill -9").contains(title);
        Session reviewer = login("reviewer");
        Map<String, String> inbox = reviewer.inbox();
        assertThat(inbox).isNotEmpty();
        Map.Entry<String, String> task = inbox.entrySet().iterator().next();
        reviewer.approve(task.getKey());
        assertThat(reviewer.inbox()).doesNotContainKey(task.getKey());
        crash();

        // 3. after the restart the approval is there: the task is gone and the claim left review
        start(url);
        reviewer = login("reviewer");
        assertThat(reviewer.inbox()).as("approval acknowledged before kill -9").doesNotContainKey(task.getKey());
        assertThat(reviewer.get("/claims/" + task.getValue()).body()).doesNotContain("审核中");
    }

    void start(String url) throws Exception {
        port = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx768m", "-XX:TieredStopAtLevel=1",
                "-Dfile.encoding=UTF-8", "-cp", System.getProperty("java.class.path"), "cn.xueshi.XueshiApplication",
                "--spring.datasource.url=" + url, "--server.port=" + port,
                "--logging.level.root=WARN",
                // logs the readiness change after the demo seeders (application runners) have run
                "--logging.level.org.springframework.boot.availability=DEBUG"));
        Path log = dir.resolve("app-" + (++starts) + ".log");
        app = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        HttpClient probe = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        while (Instant.now().isBefore(deadline)) {
            if (!app.isAlive()) {
                throw new AssertionError("the application exited: " + tail(log));
            }
            if (!Files.readString(log).contains(READY)) {
                Thread.sleep(500);
                continue;
            }
            try {
                HttpResponse<Void> r = probe.send(HttpRequest.newBuilder(uri("/login"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the application did not start in " + START_TIMEOUT + ": " + tail(log));
    }

    /** SIGKILL: no shutdown hook, no H2 close, exactly like a crash or an OOM killer. */
    void crash() throws InterruptedException {
        app.destroyForcibly();
        assertThat(app.waitFor(30, TimeUnit.SECONDS)).isTrue();
        app = null;
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    Session login(String user) throws Exception {
        Session s = new Session();
        String token = s.csrf("/login");
        HttpResponse<String> r = s.post("/login", Map.of("username", user, "password", "demo", "_csrf", token));
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location").orElse("")).doesNotContain("error");
        return s;
    }

    /** One person's browser: cookies, no automatic redirects (a 302 is the acknowledgement). */
    class Session {
        final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

        HttpResponse<String> get(String path) throws Exception {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(r.statusCode()).as("GET " + path).isEqualTo(200);
            return r;
        }

        HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
            String body = form.entrySet().stream()
                    .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
            return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }

        String csrf(String path) throws Exception {
            Matcher m = CSRF.matcher(get(path).body());
            assertThat(m.find()).as("CSRF token on " + path).isTrue();
            return m.group(1);
        }

        /** Submits one exchange item for this year as the demo employee; returns the claim's page. */
        String submitClaim(String title) throws Exception {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("_csrf", csrf("/claims/new"));
            form.put("submissionKey", UUID.randomUUID().toString());
            form.put("year", "2026");
            form.put("pledge", "true");
            form.put("items[0].activityType", "PROFESSIONAL_EXCHANGE");
            form.put("items[0].activityDate", "2026-03-02");
            form.put("items[0].title", title);
            form.put("items[0].params[days]", "1");
            HttpResponse<String> r = post("/claims", form);
            assertThat(r.statusCode()).as("submit: " + r.body()).isEqualTo(302);
            String location = URI.create(r.headers().firstValue("Location").orElseThrow()).getPath();
            assertThat(location).matches("/claims/\\d+");
            return location;
        }

        /** Review tasks listed in the reviewer's inbox: task id → claim id. */
        Map<String, String> inbox() throws Exception {
            Matcher m = INBOX_ROW.matcher(get("/review").body());
            Map<String, String> rows = new LinkedHashMap<>();
            while (m.find()) {
                rows.put(m.group(1), m.group(2));
            }
            return rows;
        }

        void approve(String taskId) throws Exception {
            String path = "/review/tasks/" + taskId;
            HttpResponse<String> r = post(path, Map.of("_csrf", csrf(path), "decision", "APPROVE"));
            assertThat(r.statusCode()).isEqualTo(302);
            assertThat(r.headers().firstValue("Location").orElse("")).endsWith("/review");
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
