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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
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

    // ---------------------------------------------------------------- the drivers' people and their work
    // (ScaleOutBenchmark and NodeFailureTest drive the nodes the same way: a unit of their own, its people made
    // through engine-rest, employees posting the claim form, reviewers deciding the unit's open review tasks)

    /** A Jilin state-owned unit of the reference rule set, made directly in the database; returns its id. */
    static long createUnit(String code, String name) throws SQLException {
        try (Connection db = database(); PreparedStatement s = db.prepareStatement(
                "INSERT INTO xs_unit (code, name, unit_type, jurisdiction, rule_set, competent_department, created_at)"
                        + " VALUES (?, ?, 'STATE_OWNED', 'JILIN', 'jilin-2026', '测试主管部门', ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            s.setString(1, code);
            s.setString(2, name);
            s.setTimestamp(3, Timestamp.from(Instant.now()));
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /**
     * A Camunda user made through engine-rest on {@code port} (as the first admin), in {@code group} ({@code employee}
     * or {@code reviewer}), attached to the unit as its member or its reviewer; returns the person's browser.
     */
    Browser person(int port, String id, String group, long unit, String personPassword, String firstName)
            throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String auth = "Basic " + Base64.getEncoder().encodeToString((admin + ":" + password).getBytes(StandardCharsets.UTF_8));
        String json = """
                {"profile": {"id": "%s", "firstName": "%s", "lastName": "测", "email": "%s@example.cn"},
                 "credentials": {"password": "%s"}}""".formatted(id, firstName, id, personPassword);
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/engine-rest/user/create"))
                .header("Authorization", auth).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as("create user: " + created.body()).isEqualTo(204);
        HttpResponse<String> member = http.send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + port + "/engine-rest/group/" + group + "/members/" + id))
                .header("Authorization", auth).PUT(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(member.statusCode()).as("membership: " + member.body()).isEqualTo(204);
        String table = "employee".equals(group) ? "xs_person" : "xs_reviewer_unit";
        try (Connection db = database();
                PreparedStatement s = db.prepareStatement("INSERT INTO " + table + " (user_id, unit_id) VALUES (?, ?)")) {
            s.setString(1, id);
            s.setLong(2, unit);
            s.executeUpdate();
        }
        return new Browser(id, personPassword);
    }

    /** The claim form's fields as a browser posts them: one 2-day professional exchange of 2026 with this title. */
    static Map<String, String> claimForm(String csrf, String submissionKey, String title) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("_csrf", csrf);
        fields.put("submissionKey", submissionKey);
        fields.put("year", "2026");
        fields.put("pledge", "true");
        fields.put("items[0].activityType", "PROFESSIONAL_EXCHANGE");
        fields.put("items[0].activityDate", "2026-03-02");
        fields.put("items[0].title", title);
        fields.put("items[0].params[days]", "2");
        return fields;
    }

    /** An open review task of a unit: its id and the title of its claim's (first) item. */
    record ReviewTask(String id, String title) {
    }

    /** The open review tasks of the unit's claims, oldest first. */
    static List<ReviewTask> openReviewTasks(Connection db, long unit) throws SQLException {
        List<ReviewTask> out = new ArrayList<>();
        try (PreparedStatement s = db.prepareStatement("SELECT t.id_, MIN(i.title) FROM act_ru_task t"
                + " JOIN xs_claim c ON c.process_instance_id = t.proc_inst_id_ JOIN xs_claim_item i ON i.claim_id = c.id"
                + " WHERE c.unit_id = ? AND t.task_def_key_ = 'reviewClaim' GROUP BY t.id_, t.create_time_"
                + " ORDER BY t.create_time_")) {
            s.setLong(1, unit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new ReviewTask(r.getString(1), r.getString(2)));
                }
            }
        }
        return out;
    }

    /** What a reviewer does with one task; false ends the reviewer's work (the driver saw a failure). */
    interface Decision {
        boolean decide(ReviewTask task) throws Exception;
    }

    /**
     * The reviewer's loop of both drivers: polls the unit's open review tasks on {@code db} and hands each to
     * {@code decision}, until {@code stop} (asked before every poll and every task) or, when nothing is open,
     * {@code finished}; {@code shuffled} hands the tasks over in random order (two reviewers racing for them).
     */
    static void reviewOpenTasks(Connection db, long unit, boolean shuffled, BooleanSupplier stop,
            BooleanSupplier finished, Decision decision) throws Exception {
        while (!stop.getAsBoolean()) {
            List<ReviewTask> tasks = openReviewTasks(db, unit);
            if (tasks.isEmpty()) {
                if (finished.getAsBoolean()) {
                    return;
                }
                Thread.sleep(100);
                continue;
            }
            if (shuffled) {
                Collections.shuffle(tasks);
            }
            for (ReviewTask task : tasks) {
                if (stop.getAsBoolean() || !decision.decide(task)) {
                    return;
                }
            }
        }
    }

    /** One person's work in a driver: may throw; the driver records what it threw as a failure. */
    interface Work {
        void run() throws Exception;
    }

    /**
     * The driver's people at work, each on a thread of its own; what any of them saw go wrong is collected in
     * {@link #failures} (a test asserts it empty), never thrown into the pool and lost.
     */
    static final class Driver implements AutoCloseable {
        final List<String> failures = Collections.synchronizedList(new ArrayList<>());
        private final ExecutorService pool = Executors.newCachedThreadPool();

        /** Starts {@code who}'s work; an exception it throws is a failure of {@code who}. */
        Future<?> start(String who, Work work) {
            return pool.submit(() -> {
                try {
                    work.run();
                } catch (Exception e) {
                    failures.add(who + ": " + e);
                }
                return null;
            });
        }

        /** Waits for each piece of work, at most {@code timeout} each. */
        static void await(List<Future<?>> work, Duration timeout) throws Exception {
            for (Future<?> f : work) {
                f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        }

        @Override
        public void close() {
            pool.shutdownNow();
        }
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
