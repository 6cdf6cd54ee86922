package cn.xueshi.dashboard;

import java.sql.Connection;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ScriptUtils;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Each dashboard view on 100,000·s persons and 1,000,000·s claims ({@code -Dbench.scale=s}, default 1;
 * 10 is a province: 1,000,000 persons, 10,000,000 claims) in PostgreSQL (database {@code -Dbench.db},
 * default xueshi_bench, on 127.0.0.1:5432, user postgres; created, migrated, filled and rolled up on the
 * first run). See BENCHMARK.md.
 */
@Tag("benchmark")
@SpringBootTest
@org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc
@ActiveProfiles("test")
@org.springframework.context.annotation.Import(PageStatements.class)
class DashboardBenchmark {

    static final String SERVER = System.getProperty("bench.pg", "jdbc:postgresql://127.0.0.1:5432/");
    static final String DATABASE = System.getProperty("bench.db", "xueshi_bench");
    static final int SCALE = Integer.getInteger("bench.scale", 1);
    static final int YEAR = LocalDate.now().getYear();
    /** Timed runs per row ({@code -Dbench.runs}); the median and the maximum of them are printed. */
    static final int RUNS = Integer.getInteger("bench.runs", 5);
    /** {@code -Dbench.only=unit}: only the one-unit rows (the unit page's fixed cost, without the scans of the others). */
    static final boolean UNIT_ONLY = "unit".equals(System.getProperty("bench.only"));
    /** {@code -Dbench.jfr=file}: a JFR recording of {@link #PROFILED_GETS} GETs of each unit page, dumped there. */
    static final String JFR = System.getProperty("bench.jfr");
    static final int PROFILED_GETS = 200;

    @DynamicPropertySource
    static void benchDatabase(DynamicPropertyRegistry registry) throws Exception {
        BenchDatabase.use(registry, SERVER, DATABASE);
    }

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DashboardService dashboards;
    @Autowired
    ClaimFlowQueries flow;
    @Autowired
    ComplianceQueries compliance;
    @Autowired
    Rollups rollups;
    @Autowired
    org.springframework.test.web.servlet.MockMvc mvc;
    @Autowired
    cn.xueshi.support.TestUsers users;
    /** An administrator of the benchmark database (a real account: the pages read the viewer's groups). */
    String admin;

    @Test
    void everyViewAtTheChosenScale() throws Exception {
        Long claims = jdbc.queryForObject("SELECT COUNT(*) FROM xs_claim", Long.class);
        if (claims < 1_000_000L * SCALE) {
            if (claims > 0) {
                throw new IllegalStateException(DATABASE + " holds " + claims + " claims, fewer than scale " + SCALE
                        + " needs: drop it first");
            }
            long t = System.nanoTime();
            String script = new String(new ClassPathResource("dashboard/bench-data.sql").getInputStream().readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8)
                    .replace("${units}", String.valueOf(2_000 * SCALE))
                    .replace("${persons}", String.valueOf(100_000 * SCALE))
                    .replace("${claims}", String.valueOf(1_000_000L * SCALE));
            try (Connection c = jdbc.getDataSource().getConnection()) {
                ScriptUtils.executeSqlScript(c, new org.springframework.core.io.ByteArrayResource(
                        script.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            }
            System.out.printf("generated data in %.1f s%n", (System.nanoTime() - t) / 1e9);
            // the bulk SQL went past the entities, so no marks: build the rollups from the claims, as the backfill does
            t = System.nanoTime();
            rollups.rebuild();
            jdbc.execute("ANALYZE");
            System.out.printf("built the rollups in %.1f s%n", (System.nanoTime() - t) / 1e9);
        }
        System.out.printf("rollup rows: %d person-years, %d unit states, %d unit types, %d unit days%n",
                count("xs_rollup_person"), count("xs_rollup_state"), count("xs_rollup_type"), count("xs_rollup_day"));
        System.out.printf("task rollup rows: %d step-time buckets, %d open-task rows, %d holder rows, %d unit headcounts%n",
                count("xs_rollup_step_time"), count("xs_rollup_open_task"), count("xs_rollup_holder"), count("xs_rollup_unit"));
        System.out.printf("data: %d units, %d persons, %d claims, %d items, %d task history rows, %d open tasks%n",
                count("xs_unit"), count("xs_person"), count("xs_claim"), count("xs_claim_item"),
                count("ACT_HI_TASKINST"), count("ACT_RU_TASK"));
        admin = users.user("bench", "看板", "管理员", cn.xueshi.identity.Groups.ADMIN);
        Long someUnit = jdbc.queryForObject("SELECT MIN(id) FROM xs_unit WHERE code LIKE 'BENCH%'", Long.class);
        List<String[]> rows = new ArrayList<>();
        for (DashboardScope s : List.of(new DashboardScope(YEAR, null, null),
                new DashboardScope(YEAR, Set.of("JILIN"), null),
                new DashboardScope(YEAR, Set.of("JILIN", "QINGDAO", "YUXI", "ANHUI"), someUnit))) {
            if (UNIT_ONLY && s.unitId() == null) {
                continue;
            }
            String scope = s.unitId() != null ? "one unit" : s.jurisdictions() == null ? "all (admin)" : "JILIN";
            Map<String, cn.xueshi.rules.Requirement> req = dashboards.requirements(s);
            LocalDateTime now = LocalDateTime.now();
            rows.add(time(scope, "claims by state", () -> flow.claimsByState(s)));
            rows.add(time(scope, "weekly throughput", () -> flow.throughput(s)));
            rows.add(time(scope, "backlog per step", () -> flow.backlog(s, now)));
            rows.add(time(scope, "task holders (top 20)", () -> flow.holders(s, now, 20)));
            rows.add(time(scope, "time per step (mean, p90)", () -> flow.stepTimes(s)));
            rows.add(time(scope, "objections", () -> flow.objections(s)));
            rows.add(time(scope, "units: compliance, filing, make-ups", () -> compliance.units(s, req, LocalDate.now())));
            rows.add(time(scope, "hours by activity type", () -> compliance.hoursByType(s)));
            rows.add(time(scope, "process health", () -> flow.health(s)));
            if (s.unitId() != null) {
                rows.add(time(scope, "people of the unit", () -> dashboards.people(s)));
            }
            rows.add(time(scope, "whole overview computed (all of the above, side by side)", () -> dashboards.compute(s)));
            if (s.unrestricted()) {
                rows.add(time(scope, "whole overview served (shared nationwide copy in the database, at most 60 s old)", () -> dashboards.overview(s)));
            }
            // the page as the browser gets it: the filters, the overview, the charts' JSON and the HTML (Thymeleaf)
            String url = s.unitId() != null ? "/dashboard?unit=" + s.unitId()
                    : s.jurisdictions() == null ? "/dashboard" : "/dashboard?jurisdiction=JILIN";
            rows.add(time(scope, "whole page (GET " + url + ", HTML)", () -> page(url)));
            if (s.unitId() != null) {
                String people = "/dashboard/units/" + s.unitId();
                rows.add(time(scope, "unit's people page (GET " + people + ", HTML)", () -> page(people)));
            }
        }
        if (someUnit != null) {
            System.out.printf("persons of unit %d: %d; SQL statements per GET: %s%n", someUnit,
                    jdbc.queryForObject("SELECT COUNT(*) FROM xs_person WHERE unit_id = ?", Long.class, someUnit),
                    statementsPerGet(someUnit));
        }
        if (JFR != null) {
            profileUnitPages(someUnit);
        }
        System.out.println("| scope | view | median ms | max ms | median CPU ms |");
        System.out.println("|---|---|---:|---:|---:|");
        rows.forEach(r -> System.out.println("| " + String.join(" | ", r) + " |"));
    }

    /** The page's HTML for an administrator (every scope is theirs); its length, so nothing is optimised away. */
    private int page(String url) {
        try {
            return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(url)
                            .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                                    .user(admin).roles(cn.xueshi.identity.Groups.ADMIN)))
                    .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isOk())
                    .andReturn().getResponse().getContentAsString().length();
        } catch (Exception e) {
            throw new IllegalStateException(url, e);
        }
    }

    /**
     * Statements each unit page and JILIN's overview send (the request's and the overview pool's), and of them the
     * requests for pending marks (SELECTs on xs_rollup_dirty: nothing is pending here); -Dbench.sqlList prints them.
     */
    private String statementsPerGet(long unit) throws Exception {
        StringBuilder out = new StringBuilder();
        List<String> urls = UNIT_ONLY ? List.of("/dashboard?unit=" + unit, "/dashboard/units/" + unit)
                : List.of("/dashboard?unit=" + unit, "/dashboard/units/" + unit, "/dashboard?jurisdiction=JILIN");
        for (String url : urls) {
            List<String> sql = PageStatements.record(() -> page(url));
            out.append(url).append(" ").append(sql.size()).append(" (pending marks ")
                    .append(PageStatements.count(sql, "xs_rollup_dirty")).append(")  ");
            if (Boolean.getBoolean("bench.sqlList")) {
                sql.forEach(q -> System.out.println("SQL " + url + ": " + q));
            }
        }
        return out.toString().trim();
    }

    /** GETs of both unit pages under a JFR recording ("profile" settings), dumped to {@code -Dbench.jfr}. */
    private void profileUnitPages(long unit) throws Exception {
        jdk.jfr.Recording recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
        recording.start();
        long t = System.nanoTime();
        for (int i = 0; i < PROFILED_GETS; i++) {
            page("/dashboard?unit=" + unit);
            page("/dashboard/units/" + unit);
        }
        recording.stop();
        recording.dump(java.nio.file.Path.of(JFR));
        System.out.printf("profiled %d GETs of each unit page in %.1f s: %s%n", PROFILED_GETS,
                (System.nanoTime() - t) / 1e9, JFR);
    }

    private long count(String table) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
    }

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    /**
     * Median and maximum wall time of the runs, and the median CPU time the JVM spent on one (every thread: the
     * request's, the overview's pool, and whatever else runs meanwhile) — the CPU figure depends much less on the
     * machine's load than the wall time does, so it compares runs made at different loads.
     */
    private static String[] time(String scope, String view, Supplier<?> query) {
        query.get();
        List<Long> millis = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            long c = OS.getProcessCpuTime();
            long t = System.nanoTime();
            query.get();
            millis.add((System.nanoTime() - t) / 1_000_000);
            cpu.add((OS.getProcessCpuTime() - c) / 1e6);
        }
        Collections.sort(millis);
        Collections.sort(cpu);
        return new String[] {scope, view, String.valueOf(millis.get(RUNS / 2)), String.valueOf(millis.get(RUNS - 1)),
                String.format("%.0f", cpu.get(RUNS / 2))};
    }
}
