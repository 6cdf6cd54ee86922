package cn.xueshi.system;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.sql.SQLException;
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

/**
 * Nodes of the application for the cluster tests: each a JVM of its own (this test's class path, profile
 * postgres, the test database), started the way the README says, and one person's browser over plain HTTP.
 */
final class ClusterNodes {

    /** A node pinned to one core of a loaded machine took ~3 min to become ready: -Dcluster.start-seconds raises it. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(Long.getLong("cluster.start-seconds", 180));
    static final String READY = "ReadinessState changed to ACCEPTING_TRAFFIC";
    static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

    final Path dir;
    final String admin = "cluster" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    final String password = "Cluster-" + UUID.randomUUID();
    // nodes may be started from several threads at once (ScaleOutBenchmark starts two side by side)
    final Map<String, Process> running = new java.util.concurrent.ConcurrentHashMap<>();
    final List<Process> all = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** The nodes' JVM options: small and quick to start (C1 only) for the tests; the benchmark sets its own. */
    List<String> jvmOptions = List.of("-Xmx768m", "-XX:TieredStopAtLevel=1");
    /** Node name → the CPUs it is pinned to ({@code taskset -c}), for the scale-out benchmark. */
    final Map<String, String> cpus = new java.util.concurrent.ConcurrentHashMap<>();

    ClusterNodes(Path dir) {
        this.dir = dir;
    }

    static boolean postgres() {
        return "postgres".equals(System.getProperty("xueshi.test.database"));
    }

    static Connection database() throws SQLException {
        return DriverManager.getConnection(System.getProperty("spring.datasource.url"),
                System.getProperty("spring.datasource.username", "postgres"),
                System.getProperty("spring.datasource.password", ""));
    }

    /** Starts node {@code name} on a free port and waits until it is ready; returns the port. */
    int start(String name, String... extraArgs) throws Exception {
        return start(name, freePort(), extraArgs);
    }

    int start(String name, int port, String... extraArgs) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>();
        if (cpus.containsKey(name)) {
            // taskset execs the JVM: the process (and its pid) is the node itself
            command.addAll(List.of("taskset", "-c", cpus.get(name)));
        }
        command.add(java);
        command.addAll(jvmOptions);
        command.addAll(List.of("-Dfile.encoding=UTF-8", "-cp", System.getProperty("java.class.path"), "cn.xueshi.XueshiApplication",
                "--server.port=" + port, "--logging.level.root=WARN",
                "--logging.level.org.springframework.boot.availability=DEBUG"));
        command.addAll(List.of(extraArgs));
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
        Path log = log(name);
        long readyBefore = Files.exists(log) ? count(log, READY) : 0;
        Process p = pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        running.put(name, p);
        all.add(p);
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!p.isAlive()) {
                throw new AssertionError("node " + name + " exited: " + tail(log));
            }
            if (count(log, READY) > readyBefore) {
                return port;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("node " + name + " did not start in " + START_TIMEOUT + ": " + tail(log));
    }

    /** The running node's process (its pid for /proc). */
    Process process(String name) {
        return running.get(name);
    }

    /** Stops one node gracefully (SIGTERM: in-flight requests finish, metrics are written) and waits for it. */
    void stop(String name) throws InterruptedException {
        Process p = running.remove(name);
        p.destroy();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
    }

    /** SIGKILL (destroyForcibly on Linux): no shutdown hook, no graceful unlock of its jobs. */
    void kill(String name) throws Exception {
        Process p = running.remove(name);
        long pid = p.pid();
        p.destroyForcibly();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("node " + name + " killed").isTrue();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("pid " + pid + " gone").isFalse();
    }

    /** Ends every node this helper started: SIGTERM, then SIGKILL after 30 s. */
    void stopAll() throws InterruptedException {
        for (Process p : all) {
            p.destroy();
        }
        for (Process p : all) {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        running.clear();
    }

    Path log(String name) {
        return dir.resolve("node-" + name + ".log");
    }

    static long count(Path log, String text) throws IOException {
        if (!Files.exists(log)) {
            return 0;
        }
        String s = Files.readString(log, StandardCharsets.UTF_8);
        long n = 0;
        for (int i = s.indexOf(text); i >= 0; i = s.indexOf(text, i + text.length())) {
            n++;
        }
        return n;
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
    static class Browser {
        final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        final String username;
        final String password;

        Browser(String username, String password) {
            this.username = username;
            this.password = password;
        }

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

        /** A multipart form POST (the way a browser sends a form with enctype multipart/form-data). */
        HttpResponse<String> postMultipart(int port, String path, Map<String, String> fields,
                String fileField, String fileName, String contentType, byte[] file) throws Exception {
            String boundary = "----xueshi" + UUID.randomUUID();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (Map.Entry<String, String> field : fields.entrySet()) {
                body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
                        + "\"\r\n\r\n" + field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            if (fileField != null) {
                body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField
                        + "\"; filename=\"" + fileName + "\"\r\nContent-Type: " + contentType + "\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
                body.writeBytes(file);
                body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return http.send(HttpRequest.newBuilder(uri(port, path)).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }

        String csrf(int port, String path) throws Exception {
            HttpResponse<String> page = get(port, path);
            assertThat(page.statusCode()).as("GET " + path).isEqualTo(200);
            return csrfOf(page.body());
        }

        static String csrfOf(String html) {
            Matcher m = CSRF.matcher(html);
            assertThat(m.find()).as("CSRF token in the page").isTrue();
            return m.group(1);
        }

        void signIn(int port) throws Exception {
            HttpResponse<String> r = post(port, "/login",
                    Map.of("username", username, "password", password, "_csrf", csrf(port, "/login")));
            assertThat(r.statusCode()).isEqualTo(302);
            assertThat(r.headers().firstValue("Location").orElse("")).doesNotContain("error");
        }
    }
}
