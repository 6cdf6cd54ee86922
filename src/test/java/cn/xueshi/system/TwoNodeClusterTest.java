package cn.xueshi.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
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
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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

/**
 * Two nodes of the application on one PostgreSQL, each a JVM of its own on its own port, started the way
 * the README says (profile postgres, the database from the environment): a person signed in on node A
 * keeps working on node B with the same session cookie, signs out on B and is signed out on A too; a
 * holiday year uploaded on A is in force on B within seconds ({@code xueshi.cluster.refresh}).
 * PostgreSQL only ({@code -Ppostgres}): H2 in memory cannot be shared by two JVMs.
 */
@Tag("isolated")
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class TwoNodeClusterTest {

    static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    static final String READY = "ReadinessState changed to ACCEPTING_TRAFFIC";
    static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");
    static final int YEAR = 2088;

    @TempDir
    Path dir;

    final List<Process> nodes = new ArrayList<>();
    final String admin = "cluster" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    final String password = "Cluster-" + UUID.randomUUID();

    @AfterEach
    void stop() throws Exception {
        for (Process p : nodes) {
            p.destroy();
        }
        for (Process p : nodes) {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        if (postgres()) {
            deleteUpload();
        }
    }

    static boolean postgres() {
        return "postgres".equals(System.getProperty("xueshi.test.database"));
    }

    @Test
    void aSessionAndAChangeOnOneNodeHoldOnTheOther() throws Exception {
        assumeTrue(postgres(), "two nodes need a shared database: run with -Ppostgres");
        deleteUpload();
        // one after the other: the first node migrates the schema, the second finds it done
        int a = start("a");
        int b = start("b");

        Browser person = new Browser();
        person.signIn(a);
        assertThat(person.get(a, "/admin/units").statusCode()).isEqualTo(200);
        HttpResponse<String> onB = person.get(b, "/admin/units");
        assertThat(onB.statusCode()).as("the session made on node A, used on node B").isEqualTo(200);

        // a holiday year uploaded on A is in force on B within the refresh interval (B has read the year before)
        String festival = "集群节";
        assertThat(person.get(b, "/admin/calendar/" + YEAR).body()).doesNotContain(festival);
        HttpResponse<String> upload = person.upload(a, YEAR, """
                {"year": %d, "published": true,
                 "source": {"title": "测试通知", "number": null, "date": "2087-11-01", "url": null},
                 "holidays": [{"date": "%d-10-01", "festival": "%s"}], "workdays": []}""".formatted(YEAR, YEAR, festival));
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(302);
        Instant uploaded = Instant.now();
        String marker = "title=\"" + festival + "\" data-date=\"" + YEAR + "-10-01\"";
        while (!person.get(b, "/admin/calendar/" + YEAR).body().contains(marker)
                && Instant.now().isBefore(uploaded.plusSeconds(10))) {
            Thread.sleep(200);
        }
        assertThat(person.get(b, "/admin/calendar/" + YEAR).body()).contains(marker);
        System.out.println("holiday upload on A seen on B after " + Duration.between(uploaded, Instant.now()).toMillis()
                + " ms");

        // signing out on B ends the session on A too
        HttpResponse<String> logout = person.post(b, "/logout", Map.of("_csrf", person.csrf(b, "/admin/calendar")));
        assertThat(logout.statusCode()).isEqualTo(302);
        HttpResponse<String> afterLogout = person.get(a, "/admin/units");
        assertThat(afterLogout.statusCode()).isEqualTo(302);
        assertThat(afterLogout.headers().firstValue("Location").orElse("")).contains("/login");
    }

    int start(String name) throws Exception {
        int port = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx768m", "-XX:TieredStopAtLevel=1", "-Dfile.encoding=UTF-8",
                "-cp", System.getProperty("java.class.path"), "cn.xueshi.XueshiApplication",
                "--server.port=" + port, "--logging.level.root=WARN",
                "--logging.level.org.springframework.boot.availability=DEBUG");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("SPRING_PROFILES_ACTIVE", "postgres");
        env.put("SPRING_DATASOURCE_URL", System.getProperty("spring.datasource.url"));
        // the postgres profile refuses to start without the public address the QR codes point to
        env.put("XUESHI_PUBLIC_BASE_URL", "https://xueshi.ci.example");
        env.put("SPRING_DATASOURCE_USERNAME", System.getProperty("spring.datasource.username", "postgres"));
        env.put("SPRING_DATASOURCE_PASSWORD", System.getProperty("spring.datasource.password", ""));
        env.put("XUESHI_ADMIN_USERNAME", admin);
        env.put("XUESHI_ADMIN_PASSWORD", password);
        env.put("SERVER_FORWARD_HEADERS_STRATEGY", "none");
        Path log = dir.resolve("node-" + name + ".log");
        Process p = pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        nodes.add(p);
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!p.isAlive()) {
                throw new AssertionError("node " + name + " exited: " + tail(log));
            }
            if (Files.readString(log).contains(READY)) {
                return port;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("node " + name + " did not start in " + START_TIMEOUT + ": " + tail(log));
    }

    void deleteUpload() throws Exception {
        try (Connection c = DriverManager.getConnection(System.getProperty("spring.datasource.url"),
                System.getProperty("spring.datasource.username", "postgres"),
                System.getProperty("spring.datasource.password", ""))) {
            if (c.getMetaData().getTables(null, null, "xs_calendar_year", null).next()) {
                c.createStatement().executeUpdate("DELETE FROM xs_calendar_year WHERE calendar_year = " + YEAR);
            }
        }
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

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** One person's browser: one cookie jar for 127.0.0.1 (whatever the port), no automatic redirects. */
    class Browser {
        final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

        URI uri(int port, String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

        HttpResponse<String> get(int port, String path) throws Exception {
            return http.send(HttpRequest.newBuilder(uri(port, path)).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }

        HttpResponse<String> post(int port, String path, Map<String, String> form) throws Exception {
            String body = form.entrySet().stream()
                    .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
            return http.send(HttpRequest.newBuilder(uri(port, path)).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }

        String csrf(int port, String path) throws Exception {
            HttpResponse<String> page = get(port, path);
            assertThat(page.statusCode()).as("GET " + path).isEqualTo(200);
            Matcher m = CSRF.matcher(page.body());
            assertThat(m.find()).as("CSRF token on " + path).isTrue();
            return m.group(1);
        }

        void signIn(int port) throws Exception {
            HttpResponse<String> r = post(port, "/login",
                    Map.of("username", admin, "password", password, "_csrf", csrf(port, "/login")));
            assertThat(r.statusCode()).isEqualTo(302);
            assertThat(r.headers().firstValue("Location").orElse("")).doesNotContain("error");
        }

        HttpResponse<String> upload(int port, int year, String json) throws Exception {
            String boundary = "----xueshi" + UUID.randomUUID();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            String token = csrf(port, "/admin/calendar");
            for (Map.Entry<String, String> field : Map.of("_csrf", token, "year", String.valueOf(year)).entrySet()) {
                body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
                        + "\"\r\n\r\n" + field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; "
                    + "filename=\"holidays-" + year + ".json\"\r\nContent-Type: application/json\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.writeBytes(json.getBytes(StandardCharsets.UTF_8));
            body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return http.send(HttpRequest.newBuilder(uri(port, "/admin/calendar")).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
    }
}
