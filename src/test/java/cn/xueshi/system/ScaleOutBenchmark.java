package cn.xueshi.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, scale-out figure: the lifecycle driver (employees submitting claims through the form's POST, one
 * reviewer per unit approving them through the review form's POST, over HTTP on loopback) against one node pinned
 * to one core ({@code taskset -c 0}), then against two nodes pinned to one core each ({@code -c 0}, {@code -c 1}),
 * on the same PostgreSQL. Prints claims/s through approval for 1 and 2 nodes and their ratio (target ≥ 1.6), the
 * optimistic-locking conflict rate of completions (target < 1 %: the engine's job failure metric, the
 * OptimisticLockingExceptions in the nodes' logs, and the driver's 409 answers) and, apart from it, the job-acquisition
 * collisions between the nodes (the job-acquired-failure metric: the other node runs the job), the peak of the
 * PostgreSQL connections the nodes held, and the CPU-seconds a claim costs through approval (nodes + PostgreSQL
 * backends) for the README's sizing note. Bounded: {@code scale.warmup} + {@code scale.seconds} per phase (default
 * 45 + 60 s) and the node start-ups; loopback only. Each phase starts its nodes afresh and stops them gracefully at
 * its end (that writes their job metrics to ACT_RU_METER_LOG), so both phases begin equally cold; the warm-up must
 * cover the JIT's C2 compilation (15 s was not enough on the loaded machine). PostgreSQL only ({@code -Ppostgres}); needs
 * {@code taskset} (util-linux) and 2 cores, else it runs unpinned and says so. See README "Scale-out benchmark".
 */
@Tag("benchmark")
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class ScaleOutBenchmark {

    static final int UNITS = Integer.getInteger("scale.units", 6);
    static final int EMPLOYEES_PER_UNIT = Integer.getInteger("scale.employees", 2);
    static final int WARM_UP_SECONDS = Integer.getInteger("scale.warmup", 45);
    static final int MEASURE_SECONDS = Integer.getInteger("scale.seconds", 60);
    /** Employees of a unit wait while this many of its claims wait for review, so submissions match approvals. */
    static final int BACKLOG = Integer.getInteger("scale.backlog", 8);
    static final String DRIVER = "xueshi-scale-driver";
    static final boolean ONE_NODE_ONLY = Boolean.getBoolean("scale.one-node-only");
    static final boolean FOLLOW_REDIRECTS = Boolean.parseBoolean(System.getProperty("scale.follow-redirects", "true"));
    static final String PASSWORD = "Scale-" + UUID.randomUUID();
    static final java.util.regex.Pattern CLAIM_LOCATION = java.util.regex.Pattern.compile("/claims/(\\d+)$");
    static final List<String> JOB_METRICS = List.of("job-acquisition-attempt", "job-acquired-success",
            "job-acquired-failure", "job-successful", "job-failed", "job-execution-rejected");

    @TempDir
    Path dir;

    ClusterNodes cluster;
    final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    /** What the driver's people saw go wrong, in both phases. */
    final List<String> failures = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stop() throws Exception {
        if (cluster != null) {
            cluster.stopAll();
        }
    }

    /** One unit of the driver: its employees and its reviewer (each unit its own reviewer: no reviewer races). */
    record Unit(long id, List<ClusterNodes.Browser> employees, ClusterNodes.Browser reviewer) {
    }

    /** What one phase measured over its measurement window (after the warm-up). */
    record Phase(int nodes, double seconds, long submitted, long approved, double nodeCpu, double pgCpu,
            int peakConnections, Map<String, Long> jobMetrics, long logOptimisticLocks, long http409,
            long approvedInPhase, long openAtEnd) {
        double perSecond() {
            return approved / seconds;
        }

        double cpuPerClaim() {
            return (nodeCpu + pgCpu) / approved;
        }

        /**
         * Conflicts of completions: a job that failed (its transaction rolled back, e.g. on an optimistic lock, and is
         * retried), an OptimisticLockingException a node logged (a failed job or request; at the default log level the
         * acquisition's lock collisions are handled by the engine without a log line), a request answered 409. These are the target
         * (< 1 % of completions).
         */
        long conflicts() {
            return jobMetrics.getOrDefault("job-failed", 0L) + logOptimisticLocks + http409;
        }

        /**
         * Acquisition collisions: two nodes selected the same job and the second lock UPDATE lost
         * (job-acquired-failure). Nothing is redone but the acquisition query; reported apart from conflicts.
         */
        long acquisitionCollisions() {
            return jobMetrics.getOrDefault("job-acquired-failure", 0L);
        }

        double conflictRate() {
            return approvedInPhase == 0 ? 0 : (double) conflicts() / approvedInPhase;
        }

        double acquisitionCollisionRate() {
            long acquired = jobMetrics.getOrDefault("job-acquired-success", 0L) + acquisitionCollisions();
            return acquired == 0 ? 0 : (double) acquisitionCollisions() / acquired;
        }
    }

    @Test
    void oneNodeOnOneCoreAgainstTwoNodesOnOneCoreEach() throws Exception {
        assumeTrue(ClusterNodes.postgres(), "nodes of a cluster need a shared database: run with -Ppostgres");
        boolean pinned = Files.isExecutable(Path.of("/usr/bin/taskset")) && Runtime.getRuntime().availableProcessors() >= 2;
        cluster = new ClusterNodes(dir);
        // a node as in production: the JIT's full tiers (the tests' nodes stop at C1 to start faster)
        List<String> jvm = new ArrayList<>(List.of("-Xmx768m"));
        String jfr = System.getProperty("scale.jfr");
        if (jfr != null) {
            // a flight recording per node process (%p: its pid), written when the node stops gracefully: where a
            // claim's CPU goes over HTTP (jfr print --events jdk.ExecutionSample)
            Files.createDirectories(Path.of(jfr));
            jvm.add("-XX:StartFlightRecording=settings=profile,filename=" + Path.of(jfr).toAbsolutePath() + "/node-%p.jfr");
        }
        cluster.jvmOptions = List.copyOf(jvm);
        if (pinned) {
            // the cores of node a and node b (-Dscale.cpus=2,3 on a larger machine leaves 0 and 1 to PostgreSQL
            // and the driver)
            String[] cores = System.getProperty("scale.cpus", "0,1").split(",");
            cluster.cpus.put("a", cores[0].trim());
            cluster.cpus.put("b", cores[cores.length - 1].trim());
        } else {
            System.out.println("WARNING: taskset or a second core missing: the nodes run unpinned");
        }

        Instant phase1Start = Instant.now();
        int a = cluster.start("a");
        List<Unit> units = new ArrayList<>();
        for (int u = 0; u < UNITS; u++) {
            units.add(unit(a, u));
        }
        for (Unit u : units) {
            for (ClusterNodes.Browser e : u.employees()) {
                e.signIn(a);
            }
            u.reviewer().signIn(a);
        }
        Phase one = phase(List.of(a), units, List.of("a"), phase1Start);
        cluster.stop("a");
        one = withMetrics(one, phase1Start, List.of("a"));
        if (ONE_NODE_ONLY) {
            // -Dscale.one-node-only=true: phase 1 alone (a profile of one node, the sizing figure)
            report(pinned, List.of(one));
            assertThat(failures).as("what the driver saw").isEmpty();
            return;
        }

        Instant phase2Start = Instant.now();
        // both at once: a node on a core of its own starts in about the same time as one alone
        ExecutorService starting = Executors.newFixedThreadPool(2);
        Future<Integer> startA = starting.submit(() -> cluster.start("a"));
        Future<Integer> startB = starting.submit(() -> cluster.start("b"));
        a = startA.get();
        int b = startB.get();
        starting.shutdown();
        Phase two = phase(List.of(a, b), units, List.of("a", "b"), phase2Start);
        cluster.stop("a");
        cluster.stop("b");
        two = withMetrics(two, phase2Start, List.of("a", "b"));

        report(pinned, List.of(one, two));
        assertThat(failures).as("what the driver saw").isEmpty();
        assertThat(one.approved()).as("approvals with one node").isPositive();
        assertThat(two.approved()).as("approvals with two nodes").isPositive();
    }

    // ---------------------------------------------------------------- one phase

    private Phase phase(List<Integer> ports, List<Unit> units, List<String> nodes, Instant phaseStart)
            throws Exception {
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        AtomicInteger submitted = new AtomicInteger();
        AtomicInteger http409 = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        ClusterNodes.Driver driver = new ClusterNodes.Driver();
        List<Future<?>> work = new ArrayList<>();
        int n = 0;
        for (Unit u : units) {
            for (ClusterNodes.Browser e : u.employees()) {
                int port = ports.get(n++ % ports.size());
                work.add(driver.start(e.username, () -> employee(e, u, port, stop, submitted, http409)));
            }
            ClusterNodes.Browser r = u.reviewer();
            work.add(driver.start(r.username, () -> reviewer(u, ports, stop, http409)));
        }
        Future<?> sampler = driver.start("connection sampler", () -> sampleConnections(stop, peak));
        Thread.sleep(WARM_UP_SECONDS * 1000L);

        Map<Long, Long> nodeStart = nodeTicks(nodes);
        Map<Integer, Long> pgStart = postgresTicks();
        long approvedStart = approvals(units, null);
        long t0 = System.nanoTime();
        submitted.set(0);
        peak.set(0);
        Thread.sleep(MEASURE_SECONDS * 1000L);
        long approvedEnd = approvals(units, null);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<Long, Long> nodeEnd = nodeTicks(nodes);
        Map<Integer, Long> pgEnd = postgresTicks();
        int submittedInWindow = submitted.get();
        int peakConnections = peak.get();
        stop.set(true);
        ClusterNodes.Driver.await(work, Duration.ofMinutes(2));
        ClusterNodes.Driver.await(List.of(sampler), Duration.ofMinutes(1));
        driver.close();
        failures.addAll(driver.failures);
        long nodeTicks = 0;
        for (Map.Entry<Long, Long> e : nodeEnd.entrySet()) {
            nodeTicks += e.getValue() - nodeStart.getOrDefault(e.getKey(), 0L);
        }
        long pgTicks = 0;
        for (Map.Entry<Integer, Long> e : pgEnd.entrySet()) {
            pgTicks += e.getValue() - pgStart.getOrDefault(e.getKey(), 0L);
        }
        long http = http409.get();
        long approvedInPhase = approvals(units, phaseStart);
        Phase p = new Phase(ports.size(), seconds, submittedInWindow, approvedEnd - approvedStart, nodeTicks / 100.0,
                pgTicks / 100.0, peakConnections, Map.of(), 0, http, approvedInPhase, openReviews(units));
        System.out.printf("%d node(s): %d claims approved in %.1f s = %.1f claims/s; %d submitted%n", p.nodes(),
                p.approved(), seconds, p.perSecond(), p.submitted());
        return p;
    }

    /** After the nodes stopped gracefully: their job metrics (written at shutdown) and the OLEs in their logs. */
    private Phase withMetrics(Phase p, Instant since, List<String> nodes) throws Exception {
        Map<String, Long> metrics = new LinkedHashMap<>();
        try (Connection db = driverConnection(); PreparedStatement s = db.prepareStatement(
                "SELECT name_, COALESCE(SUM(value_), 0) FROM act_ru_meter_log WHERE timestamp_ >= ? GROUP BY name_")) {
            s.setTimestamp(1, Timestamp.from(since));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    if (JOB_METRICS.contains(r.getString(1))) {
                        metrics.put(r.getString(1), r.getLong(2));
                    }
                }
            }
        }
        long ole = 0;
        for (String node : nodes) {
            ole += ClusterNodes.count(cluster.log(node), "OptimisticLockingException");
        }
        // the log of node a holds both phases: count only what is new since the last phase
        ole -= logOffset.getOrDefault("ole", 0L);
        logOffset.put("ole", logOffset.getOrDefault("ole", 0L) + ole);
        return new Phase(p.nodes(), p.seconds(), p.submitted(), p.approved(), p.nodeCpu(), p.pgCpu(),
                p.peakConnections(), metrics, ole, p.http409(), p.approvedInPhase(), p.openAtEnd());
    }

    private final Map<String, Long> logOffset = new HashMap<>();

    /** An employee: submits claims through the form's POST while the unit's backlog of reviews is small. */
    private void employee(ClusterNodes.Browser me, Unit unit, int port, java.util.concurrent.atomic.AtomicBoolean stop,
            AtomicInteger submitted, AtomicInteger http409) throws Exception {
        try (Connection db = driverConnection()) {
            String csrf = me.csrf(port, "/claims/new");
            int n = 0;
            while (!stop.get()) {
                if (open(db, unit.id()) >= BACKLOG) {
                    Thread.sleep(50);
                    continue;
                }
                // a fresh form's key, as GET /claims/new would give (the page itself is not what is measured)
                Map<String, String> fields = ClusterNodes.claimForm(csrf, UUID.randomUUID().toString(),
                        "扩容测量交流会-" + run + "-" + me.username + "-" + n++);
                HttpResponse<String> r = me.postMultipart(port, "/claims", fields, null, null, null, null);
                if (r.statusCode() == 302 && CLAIM_LOCATION.matcher(r.headers().firstValue("Location").orElse("")).find()) {
                    submitted.incrementAndGet();
                    follow(me, port, r);
                } else if (r.statusCode() == 409) {
                    http409.incrementAndGet();
                } else {
                    failures.add("POST /claims answered " + r.statusCode() + " " + r.headers().firstValue("Location").orElse(""));
                    return;
                }
            }
        }
    }

    /** The unit's reviewer: approves each claim waiting for review through the review form's POST, nodes in turn. */
    private void reviewer(Unit unit, List<Integer> ports, java.util.concurrent.atomic.AtomicBoolean stop,
            AtomicInteger http409) throws Exception {
        ClusterNodes.Browser me = unit.reviewer();
        try (Connection db = driverConnection()) {
            String csrf = me.csrf(ports.get(0), "/");
            int[] i = {0};
            ClusterNodes.reviewOpenTasks(db, unit.id(), false, stop::get, () -> false, task -> {
                HttpResponse<String> r = me.post(ports.get(i[0]++ % ports.size()), "/review/tasks/" + task.id(),
                        Map.of("_csrf", csrf, "decision", "APPROVE"));
                if (r.statusCode() == 409) {
                    http409.incrementAndGet();
                } else if (r.statusCode() != 302 || r.headers().firstValue("Location").orElse("").contains("/login")) {
                    failures.add("approval answered " + r.statusCode());
                    return false;
                } else {
                    follow(me, ports.get((i[0] - 1) % ports.size()), r);
                }
                return true;
            });
        }
    }

    /**
     * Follows a POST's redirect as a browser does (the claim's page after submitting, the inbox after approving):
     * that GET is part of what a person's action costs, and it takes the flash message out of the session — a
     * driver that never followed left every message in its session, so each request read and wrote a growing
     * list of them (-Dscale.follow-redirects=false for the old behaviour).
     */
    static void follow(ClusterNodes.Browser me, int port, HttpResponse<String> redirect) throws Exception {
        if (!FOLLOW_REDIRECTS) {
            return;
        }
        String location = redirect.headers().firstValue("Location").orElseThrow();
        String path = location.replaceFirst("^https?://[^/]+", "");
        HttpResponse<String> page = me.get(port, path);
        if (page.statusCode() != 200) {
            throw new AssertionError("GET " + path + " after the redirect answered " + page.statusCode());
        }
    }

    /** The peak of the connections the nodes hold on the database (the driver's own left out). */
    private void sampleConnections(java.util.concurrent.atomic.AtomicBoolean stop, AtomicInteger peak)
            throws Exception {
        try (Connection db = driverConnection(); PreparedStatement s = db.prepareStatement(
                "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database()"
                        + " AND backend_type = 'client backend' AND application_name <> ?")) {
            s.setString(1, DRIVER);
            while (!stop.get()) {
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    peak.accumulateAndGet(r.getInt(1), Math::max);
                }
                Thread.sleep(250);
            }
        }
    }

    // ---------------------------------------------------------------- the database

    static Connection driverConnection() throws Exception {
        Connection c = ClusterNodes.database();
        try (Statement s = c.createStatement()) {
            s.execute("SET application_name = '" + DRIVER + "'");
        }
        return c;
    }

    static int open(Connection db, long unit) throws Exception {
        try (PreparedStatement s = db.prepareStatement(
                "SELECT COUNT(*) FROM xs_claim WHERE unit_id = ? AND status IN ('SUBMITTED', 'IN_REVIEW')")) {
            s.setLong(1, unit);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    /** Approvals recorded for the driver's units (the review decision's audit line), since a moment if given. */
    long approvals(List<Unit> units, Instant since) throws Exception {
        String ids = units.stream().map(u -> String.valueOf(u.id())).collect(java.util.stream.Collectors.joining(","));
        try (Connection db = driverConnection(); PreparedStatement s = db.prepareStatement(
                "SELECT COUNT(*) FROM xs_audit a JOIN xs_claim c ON c.id = a.claim_id WHERE a.action = 'REVIEW_APPROVE'"
                        + " AND c.unit_id IN (" + ids + ")" + (since == null ? "" : " AND a.created_at >= ?"))) {
            if (since != null) {
                s.setTimestamp(1, Timestamp.from(since));
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    long openReviews(List<Unit> units) throws Exception {
        long n = 0;
        try (Connection db = driverConnection()) {
            for (Unit u : units) {
                n += open(db, u.id());
            }
        }
        return n;
    }

    /** CPU clock ticks (1/100 s) of each running node process, by pid. */
    Map<Long, Long> nodeTicks(List<String> nodes) throws Exception {
        Map<Long, Long> ticks = new HashMap<>();
        for (String node : nodes) {
            long pid = cluster.process(node).pid();
            ticks.put(pid, ticks(Path.of("/proc", String.valueOf(pid), "stat")));
        }
        return ticks;
    }

    /** CPU clock ticks of each PostgreSQL backend of the nodes (loopback: the server runs on this machine). */
    static Map<Integer, Long> postgresTicks() throws Exception {
        Map<Integer, Long> ticks = new HashMap<>();
        try (Connection db = driverConnection(); PreparedStatement s = db.prepareStatement(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name <> ?")) {
            s.setString(1, DRIVER);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Path stat = Path.of("/proc", String.valueOf(r.getInt(1)), "stat");
                    if (Files.isReadable(stat)) {
                        ticks.put(r.getInt(1), ticks(stat));
                    }
                }
            }
        }
        return ticks;
    }

    static long ticks(Path stat) throws Exception {
        String text = Files.readString(stat);
        String[] f = text.substring(text.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    // ---------------------------------------------------------------- set-up: units and people

    private Unit unit(int port, int index) throws Exception {
        long id = ClusterNodes.createUnit("SO" + run.toUpperCase() + index, "扩容测量医院" + run + "-" + index);
        List<ClusterNodes.Browser> employees = new ArrayList<>();
        for (int e = 0; e < EMPLOYEES_PER_UNIT; e++) {
            employees.add(cluster.person(port, "se" + run + index + "x" + e, "employee", id, PASSWORD, "测量"));
        }
        return new Unit(id, employees, cluster.person(port, "sr" + run + index, "reviewer", id, PASSWORD, "测量"));
    }

    // ---------------------------------------------------------------- the figures

    private void report(boolean pinned, List<Phase> phases) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%n=== ScaleOutBenchmark: %s, %d units × %d employees + 1 reviewer each, warm-up %d s,"
                + " measured %d s per phase, over HTTP on loopback ===%n", pinned ? "nodes pinned with taskset"
                : "NOT pinned", UNITS, EMPLOYEES_PER_UNIT, WARM_UP_SECONDS, MEASURE_SECONDS));
        for (Phase p : phases) {
            out.append(String.format("%d node(s)%s: %.1f claims/s through approval (%d approved, %d submitted in %.0f s;"
                    + " %d waiting at the end)%n", p.nodes(), pinned ? (p.nodes() == 1 ? " on core 0" : " on cores 0 and 1")
                    : "", p.perSecond(), p.approved(), p.submitted(), p.seconds(), p.openAtEnd()));
            out.append(String.format("  CPU per claim through approval: %.1f ms (nodes %.1f + PostgreSQL backends %.1f)%n",
                    p.cpuPerClaim() * 1000, p.nodeCpu() * 1000 / p.approved(), p.pgCpu() * 1000 / p.approved()));
            out.append(String.format("  PostgreSQL connections held by the nodes: peak %d%n", p.peakConnections()));
            out.append(String.format("  conflicts of completions: %d = job failures %d + optimistic locks in the"
                    + " logs %d + HTTP 409 %d, over %d approvals of the phase: %.2f %% (target < 1 %%)%n", p.conflicts(),
                    p.jobMetrics().getOrDefault("job-failed", 0L), p.logOptimisticLocks(), p.http409(),
                    p.approvedInPhase(), 100 * p.conflictRate()));
            out.append(String.format("  job-acquisition collisions (not a completion conflict: the other node runs the job):"
                    + " %d of %d job locks tried, %.2f %%; per approval %.2f%n", p.acquisitionCollisions(),
                    p.jobMetrics().getOrDefault("job-acquired-success", 0L) + p.acquisitionCollisions(),
                    100 * p.acquisitionCollisionRate(),
                    p.approvedInPhase() == 0 ? 0.0 : (double) p.acquisitionCollisions() / p.approvedInPhase()));
            out.append("  job metrics of the phase (act_ru_meter_log): ").append(p.jobMetrics()).append('\n');
        }
        if (phases.size() == 2) {
            out.append(String.format("scale-out ratio (2 nodes / 1 node): %.2f (target >= 1.6)%n",
                    phases.get(1).perSecond() / phases.get(0).perSecond()));
        }
        out.append(String.format("load average of the machine at the end: %.1f (%d cores)%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors()));
        System.out.println(out);
        System.err.println(out);
    }
}
