package cn.xueshi.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.xueshi.identity.Groups;
import cn.xueshi.identity.Unit;
import cn.xueshi.identity.UnitType;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import cn.xueshi.task.HumanTasks;
import cn.xueshi.paging.PageRequest;
import cn.xueshi.paging.ListPage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The reviewer's inbox at a unit's size (issue 16): one hospital with 6,000 open review tasks shared by its two
 * reviewers, 94,000 more in 20 other units (a city), on PostgreSQL. Times the page query (first, middle and last page, each
 * filter) and the whole {@code /review} page as the reviewer sees it, against the engine's own task list of the
 * same reviewer (what the inbox used to start from). Target: every page &lt; 200 ms. See BENCHMARK.md.
 * <p>
 * {@code ./mvnw test -Pbenchmark -Ppostgres -Dpg.url=jdbc:postgresql://127.0.0.1:5432/<own db> -Dtest=InboxBenchmark}
 * (the synthetic rows are removed again at the end).
 */
@Tag("benchmark")
@IntegrationTest
class InboxBenchmark {

    static final int RUNS = 20;
    static final long TARGET_MS = 200;

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    InboxQuery inbox;
    @Autowired
    HumanTasks humanTasks;
    @Autowired
    TestUsers users;
    @Autowired
    MockMvc mvc;

    @Test
    void fiveThousandOpenReviewTasksAnswerInUnder200Ms() throws Exception {
        assertThat(jdbc.queryForObject("select version()", String.class)).as("run on PostgreSQL (-Ppostgres)")
                .contains("PostgreSQL");
        script("review/inbox-bench-clean.sql", Map.of());
        Unit hospital = users.unit("基准医院", UnitType.STATE_OWNED, "JILIN", "jilin-2026");
        String rev0 = users.reviewerOf(hospital, "李", "审核");
        String rev1 = users.reviewerOf(hospital, "赵", "审核");
        try {
            long t = System.nanoTime();
            script("review/inbox-bench-data.sql", Map.of("HOSPITAL", String.valueOf(hospital.getId()), "REV0", rev0,
                    "REV1", rev1));
            System.out.printf("generated in %.1f s: %d open review tasks in all, %d candidate links%n",
                    (System.nanoTime() - t) / 1e9, count("ACT_RU_TASK"), count("ACT_RU_IDENTITYLINK"));
            List<String[]> rows = new ArrayList<>();
            Instant now = Instant.parse("2026-12-01T02:00:00Z");
            ListPage<ReviewRow> first = inbox.page(ReviewService.REVIEW_TASK, rev0, InboxFilter.none(),
                    PageRequest.first(50), now);
            System.out.printf("reviewer %s: %d open review tasks, %d pages of 50%n", rev0, first.total(),
                    first.totalPages());
            assertThat(first.total()).isGreaterThanOrEqualTo(5000);
            int middle = first.totalPages() / 2;
            int last = first.totalPages();
            rows.add(time("page 1 of 50, no filter", () -> page(rev0, InboxFilter.none(), 1, now)));
            rows.add(time("page " + middle + " (middle)", () -> page(rev0, InboxFilter.none(), middle, now)));
            rows.add(time("page " + last + " (last)", () -> page(rev0, InboxFilter.none(), last, now)));
            rows.add(time("page 1, 200 rows", () -> inbox.page(ReviewService.REVIEW_TASK, rev0, InboxFilter.none(),
                    PageRequest.first(200), now).rows().size()));
            rows.add(time("overdue", () -> page(rev0, new InboxFilter("overdue", null, null), 1, now)));
            rows.add(time("unclaimed", () -> page(rev0, new InboxFilter("unclaimed", null, null), 1, now)));
            rows.add(time("mine", () -> page(rev0, new InboxFilter("mine", null, null), 1, now)));
            rows.add(time("type TRAINING", () -> page(rev0, new InboxFilter(null, "TRAINING", null), 1, now)));
            rows.add(time("person 王", () -> page(rev0, new InboxFilter(null, null, "王"), 1, now)));
            rows.add(time("person 员工4711", () -> page(rev0, new InboxFilter(null, null, "员工4711"), 1, now)));
            rows.add(time("GET /review (whole page, rendered)", () -> http(rev0, "/review")));
            rows.add(time("GET /review?page=" + last, () -> http(rev0, "/review?page=" + last)));
            rows.add(time("engine: taskService list of the reviewer's tasks (before)",
                    () -> humanTasks.open(ReviewService.REVIEW_TASK, rev0).size()));
            System.out.println("| view | rows | median ms | p95 ms |");
            System.out.println("|---|---|---|---|");
            rows.forEach(r -> System.out.println("| " + String.join(" | ", r) + " |"));
            for (String[] r : rows) {
                if (!r[0].startsWith("engine")) {
                    assertThat(Double.parseDouble(r[2])).as(r[0] + " median ms").isLessThan(TARGET_MS);
                }
            }
        } finally {
            script("review/inbox-bench-clean.sql", Map.of());
        }
    }

    private int page(String reviewer, InboxFilter filter, int page, Instant now) {
        return inbox.page(ReviewService.REVIEW_TASK, reviewer, filter, new PageRequest(page, 50, null, null, List.of()),
                now).rows().size();
    }

    private int http(String reviewer, String path) {
        try {
            return mvc.perform(get(path).with(user(reviewer).roles(Groups.REVIEWER))).andExpect(status().isOk())
                    .andReturn().getResponse().getContentAsString().length();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String[] time(String name, Supplier<Integer> run) {
        int rows = 0;
        for (int i = 0; i < 3; i++) {
            rows = run.get();
        }
        long[] ms = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long t = System.nanoTime();
            run.get();
            ms[i] = (System.nanoTime() - t) / 1_000_000;
        }
        Arrays.sort(ms);
        return new String[] {name, String.valueOf(rows), String.valueOf(ms[RUNS / 2]),
                String.valueOf(ms[(int) Math.ceil(RUNS * 0.95) - 1])};
    }

    private long count(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Long.class);
    }

    private void script(String path, Map<String, String> values) throws Exception {
        String sql = new String(new ClassPathResource(path).getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        for (var e : values.entrySet()) {
            sql = sql.replace("${" + e.getKey() + "}", e.getValue());
        }
        StringBuilder statement = new StringBuilder();
        for (String line : sql.split("\n")) {
            if (line.startsWith("--")) {
                continue;
            }
            statement.append(line).append('\n');
            if (line.trim().endsWith(";")) {
                jdbc.execute(statement.toString().trim().replaceAll(";$", ""));
                statement.setLength(0);
            }
        }
    }
}
