package cn.xueshi.claim;

import cn.xueshi.identity.CurrentUser;
import cn.xueshi.identity.CurrentUserService;
import cn.xueshi.identity.Unit;
import cn.xueshi.review.ReviewForm;
import cn.xueshi.review.ReviewService;
import cn.xueshi.rules.DmnEngines;
import cn.xueshi.support.ClaimFixtures;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.validation.BeanPropertyBindingResult;

/**
 * Claims per second from submission through review approval: through the application's own services (the form's
 * code path) and, in the same run, the same BPMN path on a bare engine with no application code (same database,
 * same history level), with per-step timings and optionally a JFR profile. See BENCHMARK.md.
 *
 * <p>The job executor is off in tests: each worker thread executes its claim's async hour-proposal job itself
 * with {@link ManagementService#executeJob}, on both sides alike.
 */
@Tag("benchmark")
@cn.xueshi.support.IntegrationTest
@org.springframework.context.annotation.Import(StatementCount.class)
class LifecycleBenchmark {

    static final int THREADS = Integer.getInteger("bench.threads", 4);
    static final int WARM_UP = Integer.getInteger("bench.warmup", 200);
    static final int MEASURE = Integer.getInteger("bench.claims", 1000);
    static final long MAX_NANOS = Long.getLong("bench.seconds", 30) * 1_000_000_000L;
    static final int ROUNDS = Integer.getInteger("bench.rounds", 2);
    /**
     * Employees per worker, who take turns: a province's December is many people with a few claims each, and a
     * person-year's claims are what a dashboard fold recounts — one employee with thousands of claims a year is no
     * one's workload.
     */
    static final int PEOPLE = Integer.getInteger("bench.people", 100);
    static final String BARE_KEY = "bare-claim-lifecycle";

    /** The reviewer of each bare claimant (the bare model's stand-in for the directory). */
    static final Map<String, String> BARE_REVIEWERS = new ConcurrentHashMap<>();

    @Autowired
    ClaimFixtures fixtures;
    @Autowired
    cn.xueshi.support.TestUsers users;
    @Autowired
    ClaimService claims;

    @Autowired
    ClaimValidation validation;
    @Autowired
    ClaimRepository claimRepository;
    @Autowired
    ReviewService reviews;
    @Autowired
    CurrentUserService currentUsers;
    @Autowired
    ProcessEngine engine;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;

    /** One worker's people: employees of one unit who submit in turn, and the unit's reviewer. */
    record Worker(Unit unit, List<CurrentUser> employees, AtomicInteger turn, CurrentUser reviewer) {
        CurrentUser employee() {
            return employees.get(Math.floorMod(turn.getAndIncrement(), employees.size()));
        }
    }

    /** Wall time per named step, summed over all claims of a round. */
    static final class Steps {
        static final java.lang.management.ThreadMXBean THREADS_CPU = ManagementFactory.getThreadMXBean();
        final Map<String, LongAdder> nanos = new LinkedHashMap<>();
        /**
         * CPU time of the worker thread in each step: unlike the wall time it does not grow with the machine's
         * load (other processes, the other workers), so it is the per-step figure to compare on a shared machine.
         * It leaves out PostgreSQL's share, the JIT and GC threads.
         */
        final Map<String, LongAdder> cpuNanos = new LinkedHashMap<>();
        /** SQL statements (JDBC round trips; a batch counts once) the worker thread executed in each step. */
        final Map<String, LongAdder> statements = new LinkedHashMap<>();
        /** Rows sent in JDBC batches in each step (the engine's history inserts, the rollup marks). */
        final Map<String, LongAdder> batchedRows = new LinkedHashMap<>();

        Steps(String... names) {
            for (String n : names) {
                nanos.put(n, new LongAdder());
                cpuNanos.put(n, new LongAdder());
                statements.put(n, new LongAdder());
                batchedRows.put(n, new LongAdder());
            }
        }

        <T> T time(String step, java.util.function.Supplier<T> work) {
            StatementCount.Counters sql = StatementCount.current();
            long s = sql.statements;
            long r = sql.batchedRows;
            long t = System.nanoTime();
            long c = THREADS_CPU.getCurrentThreadCpuTime();
            try {
                return work.get();
            } finally {
                nanos.get(step).add(System.nanoTime() - t);
                cpuNanos.get(step).add(THREADS_CPU.getCurrentThreadCpuTime() - c);
                statements.get(step).add(sql.statements - s);
                batchedRows.get(step).add(sql.batchedRows - r);
            }
        }

        void time(String step, Runnable work) {
            time(step, () -> {
                work.run();
                return null;
            });
        }
    }

    /**
     * A round's figures. {@code cpuSeconds} is the JVM's CPU time (every thread, GC included), {@code pgCpuSeconds}
     * that of the PostgreSQL backends serving this database (from /proc; 0 where it cannot be read). On a shared
     * machine the wall-clock rate measures the other processes' load too; the CPU cost per claim does not.
     */
    /** One round's figures; {@code jitSeconds} is the JIT compilers' time in it (part of {@code cpuSeconds}). */
    record Round(int claims, double seconds, double cpuSeconds, double pgCpuSeconds, double jitSeconds,
            Map<String, Long> rows, Steps steps) {
        double perSecond() {
            return claims / seconds;
        }

        double cpuMsPerClaim() {
            return (cpuSeconds + pgCpuSeconds) * 1000 / claims;
        }

        /** Claims per second that two dedicated cores would carry at this CPU cost (JVM and PostgreSQL together). */
        double perSecondOnTwoCores() {
            return 2000 / cpuMsPerClaim();
        }
    }

    @Test
    void claimsThroughApprovalPerSecond() throws Exception {
        String database;
        try (Connection c = dataSource.getConnection()) {
            database = c.getMetaData().getDatabaseProductName() + " " + c.getMetaData().getDatabaseProductVersion();
        }
        ProcessEngineConfigurationImpl appConfig = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        String history = appConfig.getHistoryLevel().getName();
        if (!database.startsWith("PostgreSQL") || !"full".equals(history)) {
            System.err.println("WARNING: LifecycleBenchmark is meant for PostgreSQL with history FULL; this run: "
                    + database + ", history " + history);
        }
        List<Worker> workers = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            ClaimFixtures.Setup s = fixtures.jilin();
            List<CurrentUser> employees = new ArrayList<>();
            employees.add(currentUsers.load(s.employee()));
            while (employees.size() < PEOPLE) {
                employees.add(currentUsers.load(users.member(s.unit(), "王", "职工" + employees.size())));
            }
            employees.forEach(e -> BARE_REVIEWERS.put(e.userId(), s.reviewer()));
            workers.add(new Worker(s.unit(), employees, new AtomicInteger(), currentUsers.load(s.reviewer())));
        }
        ProcessEngine bare = bareEngine(dataSource, appConfig);
        try {
            bare.getRepositoryService().createDeployment().name(BARE_KEY).enableDuplicateFiltering(false)
                    .addClasspathResource("claim/bare-claim-lifecycle.bpmn").deploy();

            run("app warm-up", WARM_UP, workers, (w, steps) -> viaApplication(w, steps), appSteps());
            run("bare warm-up", WARM_UP, workers, (w, steps) -> viaBareEngine(bare, w, steps), bareSteps());
            List<Round> app = new ArrayList<>();
            List<Round> bareRounds = new ArrayList<>();
            Path jfr = System.getProperty("bench.jfr") == null ? null : Path.of(System.getProperty("bench.jfr"));
            for (int r = 0; r < ROUNDS; r++) {
                Recording recording = jfr != null && r == ROUNDS - 1 ? startRecording() : null;
                app.add(run("app", MEASURE, workers, (w, steps) -> viaApplication(w, steps), appSteps()));
                if (recording != null) {
                    recording.stop();
                    recording.dump(jfr);
                    recording.close();
                }
                Recording bareRecording = jfr != null && r == ROUNDS - 1 ? startRecording() : null;
                bareRounds.add(run("bare", MEASURE, workers, (w, steps) -> viaBareEngine(bare, w, steps), bareSteps()));
                if (bareRecording != null) {
                    // the bare engine's last round too, to compare the two sides frame by frame (jfr print)
                    bareRecording.stop();
                    bareRecording.dump(Path.of(jfr + ".bare.jfr"));
                    bareRecording.close();
                }
            }
            checkApproved(workers);
            report(database, history, appConfig, app, bareRounds);
            if (jfr != null) {
                profile(jfr);
            }
        } finally {
            bare.close();
        }
    }

    static final String DECIDE = "decide (task, claim, checks, audit, approve, publicity)";

    private static Steps appSteps() {
        return new Steps("validate (rules: recognition of the items)", "submit (claim, audit, process start)",
                "proposal job (hours, routing DMN, reviewers, task)", "find the review task", DECIDE);
    }

    private static Steps bareSteps() {
        return new Steps("start process", "proposal job (routing DMN, task)", "find the review task", "complete task");
    }

    /** The form's path: validate, submit, the async proposal, the reviewer opens the task and approves. */
    private void viaApplication(Worker w, Steps steps) {
        ClaimForm form = ClaimFixtures.form(2026, "PROFESSIONAL_EXCHANGE", LocalDate.of(2026, 3, 2), Map.of("days", "2"));
        BeanPropertyBindingResult errors = new BeanPropertyBindingResult(form, "claimForm");
        String ruleSet = steps.time("validate (rules: recognition of the items)",
                () -> validation.validate(form, w.unit(), errors)).orElseThrow();
        if (errors.hasErrors()) {
            throw new IllegalStateException(errors.toString());
        }
        CurrentUser employee = w.employee();
        Claim claim = steps.time("submit (claim, audit, process start)",
                () -> claims.submit(form, ruleSet, w.unit(), employee));
        String instance = claim.getProcessInstanceId();
        ManagementService management = engine.getManagementService();
        steps.time("proposal job (hours, routing DMN, reviewers, task)", () -> executeJob(management, instance));
        Task task = steps.time("find the review task", () -> reviewTask(engine.getTaskService(), instance));
        // the reviewer's POST (ReviewController.decide): task and claim found, the form checked, the decision
        // recorded, in one transaction
        ReviewForm decision = new ReviewForm();
        decision.setDecision(ReviewForm.Decision.APPROVE);
        boolean decided = steps.time(DECIDE, () -> reviews.decide(task.getId(), w.reviewer(), decision,
                new BeanPropertyBindingResult(decision, "reviewForm")));
        if (!decided) {
            throw new IllegalStateException("approval refused by the form's checks");
        }
    }

    private static final AtomicLong BARE_IDS = new AtomicLong(-1_000_000_000L);

    /** The same BPMN path with no application code: start with the same variables, the job, the task completed. */
    private static void viaBareEngine(ProcessEngine bare, Worker w, Steps steps) {
        long claimId = BARE_IDS.decrementAndGet();
        CurrentUser employee = w.employee();
        RuntimeService runtime = bare.getRuntimeService();
        String instance = steps.time("start process", () -> runtime.startProcessInstanceByKey(BARE_KEY,
                String.valueOf(claimId), Variables.createVariables()
                        .putValue("claimId", claimId)
                        .putValue("claimant", employee.userId())
                        .putValue("ruleSet", w.unit().getRuleSet())
                        .putValue("unitType", w.unit().getUnitType().name())
                        .putValue("jurisdiction", w.unit().getJurisdiction())).getId());
        steps.time("proposal job (routing DMN, task)", () -> executeJob(bare.getManagementService(), instance));
        Task task = steps.time("find the review task", () -> reviewTask(bare.getTaskService(), instance));
        steps.time("complete task", () -> bare.getTaskService().complete(task.getId(), Variables.createVariables()
                .putValue("decision", "APPROVE")
                .putValue("reviewer", w.reviewer().userId())
                .putValue("reviewComment", null)
                .putValue("adjustedPublic", null)
                .putValue("adjustedProfessional", null)));
    }

    private static void executeJob(ManagementService management, String instance) {
        Job job = management.createJobQuery().processInstanceId(instance).executable().singleResult();
        management.executeJob(job.getId());
    }

    private static Task reviewTask(TaskService tasks, String instance) {
        return tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey("reviewClaim").singleResult();
    }

    interface Path1 {
        void claim(Worker w, Steps steps);
    }

    /** {@code count} claims (or as many as fit in the time bound) spread over the workers, one thread each. */
    private Round run(String name, int count, List<Worker> workers, Path1 path, Steps steps) throws Exception {
        AtomicInteger left = new AtomicInteger(count);
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers.size());
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        // the compilers' time: a round still compiling (C2) is not the steady state the comparison is about
        java.lang.management.CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        long jitStart = jit.getTotalCompilationTime();
        Map<Integer, Long> pgStart = postgresTicks();
        Map<String, Long> rowsStart = databaseCounters();
        long start = System.nanoTime();
        long deadline = start + MAX_NANOS;
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Worker w : workers) {
                futures.add(pool.submit(() -> {
                    while (left.getAndDecrement() > 0 && System.nanoTime() < deadline) {
                        path.claim(w, steps);
                        done.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double jvmCpu = (os.getProcessCpuTime() - cpu) / 1e9;
        double jitSeconds = (jit.getTotalCompilationTime() - jitStart) / 1e3;
        long pgTicks = 0;
        for (Map.Entry<Integer, Long> e : postgresTicks().entrySet()) {
            pgTicks += e.getValue() - pgStart.getOrDefault(e.getKey(), 0L);
        }
        Map<String, Long> rows = new LinkedHashMap<>();
        databaseCounters().forEach((k, v) -> rows.put(k, v - rowsStart.getOrDefault(k, 0L)));
        Round round = new Round(done.get(), seconds, jvmCpu, pgTicks / 100.0, jitSeconds, rows, steps);
        System.out.printf("%s: %d claims in %.1f s = %.1f claims/s (JIT compiling %.1f s, %.1f ms per claim)%n", name,
                round.claims(), round.seconds(), round.perSecond(), jitSeconds, jitSeconds * 1000 / round.claims());
        return round;
    }

    /**
     * CPU clock ticks (utime + stime, 1/100 s) of each PostgreSQL backend connected to this database, by pid, when
     * the server runs on this machine (loopback); empty otherwise.
     */
    private Map<Integer, Long> postgresTicks() {
        Map<Integer, Long> ticks = new HashMap<>();
        try {
            for (Integer pid : jdbc.queryForList(
                    "SELECT pid FROM pg_stat_activity WHERE datname = current_database()", Integer.class)) {
                Path stat = Path.of("/proc", String.valueOf(pid), "stat");
                if (Files.isReadable(stat)) {
                    String text = Files.readString(stat);
                    String[] f = text.substring(text.lastIndexOf(')') + 2).split(" ");
                    ticks.put(pid, Long.parseLong(f[11]) + Long.parseLong(f[12]));
                }
            }
        } catch (Exception e) {
            // not PostgreSQL, or not on this machine: JVM CPU only
        }
        return ticks;
    }

    /**
     * PostgreSQL's counters of this database (committed transactions, rows inserted, updated, deleted, read by
     * index), after a pause that lets the backends flush their statistics; empty when not on PostgreSQL.
     */
    private Map<String, Long> databaseCounters() {
        try {
            Thread.sleep(1500);
            Map<String, Object> row = jdbc.queryForMap("SELECT xact_commit AS commits, tup_inserted AS inserted,"
                    + " tup_updated AS updated, tup_deleted AS deleted, tup_fetched AS fetched"
                    + " FROM pg_stat_database WHERE datname = current_database()");
            Map<String, Long> counters = new LinkedHashMap<>();
            row.forEach((k, v) -> counters.put(k, ((Number) v).longValue()));
            return counters;
        } catch (Exception e) {
            return Map.of();
        }
    }

    /** Every measured application claim ended approved and on the publicity board. */
    private void checkApproved(List<Worker> workers) {
        for (Worker w : workers) {
            List<Map<String, Object>> byStatus = jdbc.queryForList(
                    "SELECT status, COUNT(*) AS n FROM xs_claim WHERE unit_id = ? GROUP BY status", w.unit().getId());
            for (Map<String, Object> row : byStatus) {
                if (!ClaimStatus.IN_PUBLICITY.name().equals(row.get("status"))) {
                    throw new IllegalStateException("claims of unit " + w.unit().getId() + " not in publicity: " + byStatus);
                }
            }
        }
    }

    /** A second engine on the same database and history level, with none of the application's code or plugins. */
    static ProcessEngine bareEngine(DataSource dataSource, ProcessEngineConfigurationImpl app) {
        StandaloneProcessEngineConfiguration c = new StandaloneProcessEngineConfiguration();
        c.setProcessEngineName("lifecycle-benchmark-bare");
        c.setDataSource(dataSource);
        c.setTransactionsExternallyManaged(false);
        c.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_FALSE);
        c.setHistory(app.getHistoryLevel().getName());
        c.setJobExecutorActivate(false);
        c.setAuthorizationEnabled(app.isAuthorizationEnabled());
        c.setMetricsEnabled(app.isMetricsEnabled());
        c.setDbMetricsReporterActivate(false);
        c.setJdbcBatchProcessing(app.isJdbcBatchProcessing());
        if (app.getIdGenerator() instanceof StrongUuidGenerator) {
            c.setIdGenerator(new StrongUuidGenerator());
        }
        // the same DMN engine configuration as the application's engine (FEEL parsed once), so that the two
        // sides differ by the application's code, not by the FEEL engine
        c.setDmnEngineConfiguration(DmnEngines.configuration());
        c.setDmnFeelEnableLegacyBehavior(false);
        return c.buildProcessEngine();
    }

    /** assignReviewers and startPublicity of the bare model: the variables the real delegates set, nothing else. */
    public static class BareSteps implements JavaDelegate {
        @Override
        public void execute(DelegateExecution execution) {
            long now = System.currentTimeMillis();
            if ("assignReviewers".equals(execution.getCurrentActivityId())) {
                // the product's shape: one comma-separated string (ProcessVariables.candidates), here of one reviewer
                execution.setVariable("reviewers", BARE_REVIEWERS.get((String) execution.getVariable("claimant")));
                execution.setVariable("reviewDue", new Date(now + 14L * 24 * 3600 * 1000));
            } else {
                execution.setVariable("publicityEnd", new Date(now + 7L * 24 * 3600 * 1000));
            }
        }
    }

    private void report(String database, String history, ProcessEngineConfigurationImpl app, List<Round> appRounds,
            List<Round> bareRounds) {
        Round a = appRounds.stream().max(Comparator.comparingDouble(Round::perSecond)).orElseThrow();
        Round b = bareRounds.stream().max(Comparator.comparingDouble(Round::perSecond)).orElseThrow();
        StringBuilder out = new StringBuilder();
        out.append(String.format("%n=== LifecycleBenchmark: %s, history %s, %d threads, async proposal job executed by the"
                + " worker threads (ManagementService.executeJob); %d claims per round (at most %d s), %d rounds ===%n",
                database, history, THREADS, MEASURE, MAX_NANOS / 1_000_000_000L, ROUNDS));
        for (int i = 0; i < appRounds.size(); i++) {
            out.append(String.format("round %d: application %.1f claims/s, bare engine %.1f claims/s, ratio %.2f%n", i + 1,
                    appRounds.get(i).perSecond(), bareRounds.get(i).perSecond(),
                    appRounds.get(i).perSecond() / bareRounds.get(i).perSecond()));
        }
        out.append(String.format("best application round: %.1f claims/s through approval (target >= 50)%n", a.perSecond()));
        out.append(String.format("best bare-engine round: %.1f claims/s%n", b.perSecond()));
        out.append(String.format("ratio application / bare (best rounds): %.2f (target >= 0.7)%n", a.perSecond() / b.perSecond()));
        // each application round runs next to its bare round on the same amount of data (the tables grow with every
        // round: the bare instances stay at their publicity timers), so the pairs compare like with like
        List<Double> paired = new ArrayList<>();
        for (int i = 0; i < appRounds.size(); i++) {
            paired.add(appRounds.get(i).perSecond() / bareRounds.get(i).perSecond());
        }
        List<Double> sorted = paired.stream().sorted().toList();
        double median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        out.append(String.format("ratio application / bare, round by round: %s, median %.2f, last round %.2f%n",
                paired.stream().map(r -> String.format("%.2f", r)).toList(), median, paired.get(paired.size() - 1)));
        out.append(String.format("CPU per claim: application %.1f ms (JVM %.1f + PostgreSQL %.1f), bare %.1f ms (JVM %.1f +"
                + " PostgreSQL %.1f)%n", a.cpuMsPerClaim(), a.cpuSeconds() * 1000 / a.claims(), a.pgCpuSeconds() * 1000 / a.claims(),
                b.cpuMsPerClaim(), b.cpuSeconds() * 1000 / b.claims(), b.pgCpuSeconds() * 1000 / b.claims()));
        out.append(String.format("claims/s two dedicated cores would carry at that CPU cost: application %.1f, bare %.1f,"
                + " ratio %.2f%n", a.perSecondOnTwoCores(), b.perSecondOnTwoCores(),
                a.perSecondOnTwoCores() / b.perSecondOnTwoCores()));
        for (int i = 0; i < appRounds.size(); i++) {
            Round ar = appRounds.get(i);
            Round br = bareRounds.get(i);
            out.append(String.format("  round %d by CPU cost: application %.1f ms/claim, bare %.1f ms/claim, ratio %.2f;"
                    + " of it JIT compiling: application %.1f ms/claim, bare %.1f ms/claim%n", i + 1,
                    ar.cpuMsPerClaim(), br.cpuMsPerClaim(), br.cpuMsPerClaim() / ar.cpuMsPerClaim(),
                    ar.jitSeconds() * 1000 / ar.claims(), br.jitSeconds() * 1000 / br.claims()));
        }
        out.append("database work per claim (pg_stat_database; the benchmark's own few queries included):\n");
        a.rows().forEach((k, v) -> out.append(String.format("  %-10s application %6.1f   bare %6.1f%n", k,
                (double) v / a.claims(), (double) b.rows().getOrDefault(k, 0L) / b.claims())));
        out.append(String.format("load average of the machine at the end: %.1f (2 cores, shared)%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        steps(out, "application", a);
        steps(out, "bare engine", b);
        System.out.println(out);
        System.err.println(out);
    }

    private static void steps(StringBuilder out, String side, Round r) {
        if (!Boolean.getBoolean("bench.sql")) {
            out.append("  (SQL statements per step: run with -Dbench.sql=true; the counting proxy slows the timings)\n");
        }
        long total = r.steps().nanos.values().stream().mapToLong(LongAdder::sum).sum();
        long totalCpu = r.steps().cpuNanos.values().stream().mapToLong(LongAdder::sum).sum();
        out.append(String.format("%s, per claim (mean over the round; wall time and CPU time of the worker thread):%n",
                side));
        r.steps().nanos.forEach((step, n) -> {
            long cpu = r.steps().cpuNanos.get(step).sum();
            out.append(String.format("  %-55s wall %7.2f ms %4.1f %%   CPU %6.2f ms %4.1f %%   SQL %5.1f (+%5.1f rows batched)%n",
                    step, n.sum() / 1e6 / r.claims(), 100.0 * n.sum() / total, cpu / 1e6 / r.claims(),
                    100.0 * cpu / totalCpu, (double) r.steps().statements.get(step).sum() / r.claims(),
                    (double) r.steps().batchedRows.get(step).sum() / r.claims()));
        });
        long sql = r.steps().statements.values().stream().mapToLong(LongAdder::sum).sum();
        long batched = r.steps().batchedRows.values().stream().mapToLong(LongAdder::sum).sum();
        out.append(String.format("  %-55s wall %7.2f ms          CPU %6.2f ms          SQL %5.1f (+%5.1f rows batched)%n",
                "total", total / 1e6 / r.claims(), totalCpu / 1e6 / r.claims(), (double) sql / r.claims(),
                (double) batched / r.claims()));
    }

    private static Recording startRecording() throws Exception {
        Recording recording = new Recording(Configuration.getConfiguration("profile"));
        recording.start();
        return recording;
    }

    /**
     * The JFR execution samples of the last (warmest) application round: the hottest frames, and the share of samples
     * under each of the application's own methods (the outermost cn.xueshi frame below the benchmark).
     */
    private static void profile(Path jfr) throws Exception {
        Map<String, Integer> top = new HashMap<>();
        Map<String, Integer> ours = new HashMap<>();
        Map<String, Integer> innermostOurs = new HashMap<>();
        Map<String, Integer> library = new HashMap<>();
        int samples = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = e.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            samples++;
            top.merge(name(frames.get(0)), 1, Integer::sum);
            library.merge(library(frames.get(0)), 1, Integer::sum);
            String inner = null;
            for (RecordedFrame f : frames) {
                String n = name(f);
                if (n.startsWith("cn.xueshi.") && !n.contains("Benchmark")) {
                    if (inner == null) {
                        inner = n;
                    }
                }
            }
            if (inner != null) {
                innermostOurs.merge(inner, 1, Integer::sum);
            }
            for (int i = frames.size() - 1; i >= 0; i--) {
                String n = name(frames.get(i));
                if (n.startsWith("cn.xueshi.") && !n.contains("Benchmark")) {
                    ours.merge(n, 1, Integer::sum);
                    break;
                }
            }
        }
        StringBuilder out = new StringBuilder(String.format("%n=== JFR profile of the last application round (%s): %d"
                + " execution samples ===%n", jfr, samples));
        section(out, "self time by library (package of the sampled frame)", library, samples, 15);
        section(out, "hottest frames (self)", top, samples, 15);
        section(out, "outermost application method on the stack", ours, samples, 15);
        section(out, "innermost application method on the stack", innermostOurs, samples, 20);
        System.out.println(out);
        System.err.println(out);
        Files.writeString(Path.of(jfr + ".txt"), out);
    }

    private static void section(StringBuilder out, String title, Map<String, Integer> counts, int samples, int n) {
        out.append(title).append(":\n");
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(n)
                .forEach(e -> out.append(String.format("  %5.1f %%  %s%n", 100.0 * e.getValue() / samples, e.getKey())));
    }

    private static final List<String> LIBRARIES = List.of("cn.xueshi", "org.camunda.bpm.dmn", "org.camunda.feel",
            "org.camunda.bpm.engine.impl.history", "org.camunda.bpm.engine.impl.persistence", "org.camunda.bpm.engine.impl.db",
            "org.camunda.bpm.engine", "org.camunda", "org.apache.ibatis", "org.hibernate", "org.postgresql", "com.zaxxer",
            "org.springframework", "com.fasterxml", "scala", "java.lang.reflect", "jdk.internal.reflect", "java.util", "java",
            "jdk", "sun");

    private static String library(RecordedFrame f) {
        String type = f.getMethod().getType().getName();
        return LIBRARIES.stream().filter(type::startsWith).findFirst().orElse("other");
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }
}
