package cn.xueshi.dashboard;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The first start after V132 (or V95, or other step-time buckets): {@link RollupBackfill}'s rebuild of every rollup and
 * every person-year's parts, timed on the data {@link DashboardBenchmark} generates ({@code -Dbench.db}, default
 * xueshi_bench, {@code -Dbench.scale}; generate it with that benchmark first). As after the migration, the 'built' mark
 * is removed and the rollups of before are left in place; the rebuild runs as the backfill calls it, while another
 * thread plays a second node: every second it asks the page (GET /dashboard?jurisdiction=JILIN as an administrator),
 * a fold ({@link Rollups#catchUp()}, as its scheduler would) and the rollup rows it would read (units' claims of the
 * year) and how long the rebuild's lock still runs ({@code -Dxueshi.dashboard.rollup-lock-at-most-for=PT30S} shows it
 * kept alive past its term). Prints seconds, rows written and what the other node saw; each step's time with
 * {@code -Dlogging.level.cn.xueshi.dashboard.RollupParts=DEBUG}. See BENCHMARK.md.
 */
@Tag("benchmark")
@SpringBootTest
@org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc
@ActiveProfiles("test")
class RebuildBenchmark {

    static final String DATABASE = System.getProperty("bench.db", "xueshi_bench");
    static final int SCALE = Integer.getInteger("bench.scale", 1);
    static final int YEAR = LocalDate.now().getYear();

    @DynamicPropertySource
    static void benchDatabase(DynamicPropertyRegistry registry) throws Exception {
        BenchDatabase.use(registry, DashboardBenchmark.SERVER, DATABASE);
    }

    @Autowired JdbcTemplate jdbc;
    @Autowired Rollups rollups;
    @Autowired DashboardService dashboards;
    @Autowired MockMvc mvc;
    @Autowired cn.xueshi.support.TestUsers users;

    @Test
    void theStartUpRebuildAtTheChosenScale() throws Exception {
        long claims = count("xs_claim");
        if (claims < 1_000_000L * SCALE) {
            throw new IllegalStateException(DATABASE + " holds " + claims + " claims: generate scale " + SCALE
                    + " with DashboardBenchmark first");
        }
        String admin = users.user("bench", "重建", "管理员", cn.xueshi.identity.Groups.ADMIN);
        String before = figures();
        // as V132 leaves it: the rollups of the previous version in place, the mark gone
        jdbc.update("DELETE FROM xs_rollup_meta WHERE name = 'built'");
        rollups.forgetBuilt();
        AtomicBoolean running = new AtomicBoolean(true);
        List<String> seen = new ArrayList<>();
        long t0 = System.nanoTime();
        Thread otherNode = new Thread(() -> {
            while (running.get()) {
                try {
                    long t = System.nanoTime();
                    String page = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                                    .get("/dashboard").param("jurisdiction", "JILIN")
                                    .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                                            .user(admin).roles(cn.xueshi.identity.Groups.ADMIN)))
                            .andReturn().getResponse().getContentAsString();
                    long pageMs = (System.nanoTime() - t) / 1_000_000;
                    t = System.nanoTime();
                    boolean folded = rollups.catchUp();
                    long foldMs = (System.nanoTime() - t) / 1_000_000;
                    // the rebuild's lock, by the database's clock (ShedLock's usingDbTime: UTC): kept alive while it runs
                    Double lockLeft = jdbc.queryForObject("SELECT EXTRACT(EPOCH FROM lock_until - timezone('utc', now()))"
                            + " FROM shedlock WHERE name = ?", Double.class, Rollups.LOCK);
                    seen.add(String.format("%5.1f s: lock held %.0f s more, page %s in %d ms, fold %s in %d ms, rollups read %s",
                            (System.nanoTime() - t0) / 1e9, lockLeft, page.contains("统计数据正在重建") ? "says 统计数据正在重建"
                                    : page.contains("id=\"summary\"") ? "shows figures" : "shows neither", pageMs,
                            folded ? "ran" : "skipped", foldMs, figures()));
                    Thread.sleep(1_000);
                } catch (Exception e) {
                    seen.add("error: " + e);
                    return;
                }
            }
        }, "other-node");
        otherNode.start();
        long t = System.nanoTime();
        boolean rebuilt = rollups.rebuildUnlessBuilt();
        double seconds = (System.nanoTime() - t) / 1e9;
        running.set(false);
        otherNode.join();
        System.out.printf("rebuild (as the backfill calls it) %s in %.1f s on %d claims, %d items, %d task history rows%n",
                rebuilt ? "done" : "NOT done (lock taken)", seconds, claims, count("xs_claim_item"), count("ACT_HI_TASKINST"));
        System.out.printf("rows written: %d parts, %d person-years, %d states, %d types, %d objections, %d days,"
                        + " %d step-time, %d step-time by jurisdiction, %d open-task, %d holder, %d headcounts%n",
                count("xs_rollup_part"), count("xs_rollup_person"), count("xs_rollup_state"), count("xs_rollup_type"),
                count("xs_rollup_objection"), count("xs_rollup_day"), count("xs_rollup_step_time"),
                count("xs_rollup_step_time_j"), count("xs_rollup_open_task"), count("xs_rollup_holder"), count("xs_rollup_unit"));
        System.out.println("rollups before: " + before + "; after: " + figures());
        System.out.println("the other node, every second while it ran:");
        seen.forEach(System.out::println);
    }

    /** What JILIN's claims-by-state view reads (another connection: the rebuild's transaction is not committed). */
    private String figures() {
        DashboardScope jilin = new DashboardScope(YEAR, Set.of("JILIN"), null);
        Long n = jdbc.queryForObject("SELECT COALESCE(SUM(r.n), 0) FROM xs_rollup_state r JOIN xs_unit u ON u.id = r.unit_id"
                + " WHERE r.yr = ? AND u.jurisdiction = 'JILIN'", Long.class, jilin.year());
        return n + " claims of " + jilin.year() + " in JILIN";
    }

    private long count(String table) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
    }
}
