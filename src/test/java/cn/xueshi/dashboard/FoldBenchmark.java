package cn.xueshi.dashboard;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The cost of one fold of the dashboard rollups (issue 16) as a unit-year grows: two units of this year with
 * 1,000 and 10,000 claims (a quarter as many persons, 1.5 items and ~2 task-history rows per claim, open reviews),
 * then passes of 10 changed persons of one unit each (one claim's state flipped between REGISTERED and FILED and the
 * person's mark written, as the lifecycle would) folded by {@link Rollups#catchUp()}: milliseconds per pass and rows
 * the database read for it ({@code pg_stat_database}, tup_returned + tup_fetched, less an idle interval's). At the
 * end the folded rollups are compared with a rebuild. PostgreSQL database {@code -Dbench.db} (default
 * {@code xueshi_fold_bench}), created and filled on the first run. See BENCHMARK.md.
 */
@Tag("benchmark")
@SpringBootTest
@ActiveProfiles("test")
class FoldBenchmark {

    static final String SERVER = System.getProperty("bench.pg", "jdbc:postgresql://127.0.0.1:5432/");
    static final String DATABASE = System.getProperty("bench.db", "xueshi_fold_bench");
    static final int YEAR = LocalDate.now().getYear();
    static final int PASSES = 7;
    static final int CHANGED = 10;
    static final int WARM_UP = 5;
    static final List<Integer> SIZES = List.of(1_000, 10_000);

    @DynamicPropertySource
    static void benchDatabase(DynamicPropertyRegistry registry) throws Exception {
        BenchDatabase.use(registry, SERVER, DATABASE);
    }

    @Autowired JdbcTemplate jdbc;
    @Autowired Rollups rollups;

    @Test
    void foldOfTenChangedPersonsPerUnitYearSize() throws Exception {
        for (int size : SIZES) {
            if (jdbc.queryForObject("SELECT COUNT(*) FROM xs_unit WHERE code = ?", Long.class, "FOLD" + size) == 0) {
                long t = System.nanoTime();
                fill(size);
                System.out.printf("filled unit FOLD%d in %.1f s%n", size, (System.nanoTime() - t) / 1e9);
            }
        }
        long t = System.nanoTime();
        rollups.rebuild();
        // the rebuild rewrote every rollup row: vacuum, so dead index entries are not counted as rows read
        jdbc.execute("VACUUM ANALYZE");
        System.out.printf("rebuilt the rollups in %.1f s%n", (System.nanoTime() - t) / 1e9);
        System.out.printf("data: %d claims, %d items, %d task history rows, %d open tasks%n", count("xs_claim"),
                count("xs_claim_item"), count("ACT_HI_TASKINST"), count("ACT_RU_TASK"));
        rollups.catchUp();
        long idle = idleRows();
        System.out.printf("idle rows per %d ms: %d%n", SETTLE_MS, idle);
        List<String> table = new ArrayList<>();
        for (int size : SIZES) {
            long unit = jdbc.queryForObject("SELECT id FROM xs_unit WHERE code = ?", Long.class, "FOLD" + size);
            List<String> persons = jdbc.queryForList("SELECT user_id FROM xs_person WHERE unit_id = ? ORDER BY user_id",
                    String.class, unit);
            for (int i = 0; i < WARM_UP; i++) {
                pass(persons, PASSES + 1 + i);
            }
            List<Long> millis = new ArrayList<>();
            Thread.sleep(SETTLE_MS);
            Map<String, Long> tables = tableRows();
            long rows = rows();
            for (int i = 1; i <= PASSES; i++) {
                millis.add(pass(persons, i));
            }
            Thread.sleep(SETTLE_MS);
            long read = rows() - rows - idle;
            Map<String, Long> after = tableRows();
            StringBuilder top = new StringBuilder();
            after.entrySet().stream().map(e -> Map.entry(e.getKey(), e.getValue() - tables.getOrDefault(e.getKey(), 0L)))
                    .filter(e -> e.getValue() > 0).sorted((x, y) -> Long.compare(y.getValue(), x.getValue())).limit(6)
                    .forEach(e -> top.append(' ').append(e.getKey()).append(' ').append(e.getValue() / PASSES));
            System.out.println("unit-year of " + size + " claims, rows read per pass by table:" + top);
            Collections.sort(millis);
            table.add("| " + size + " | " + CHANGED + " | " + millis.get(PASSES / 2) + " | " + millis.get(PASSES - 1) + " | "
                    + read / PASSES + " |");
        }
        System.out.println("| claims in the unit-year | changed persons per pass | fold median ms | max ms | rows read per pass |");
        System.out.println("|---:|---:|---:|---:|---:|");
        table.forEach(System.out::println);
        Map<String, List<Map<String, Object>>> folded = snapshot();
        rollups.rebuild();
        System.out.println("folded rollups equal a rebuild: " + folded.equals(snapshot()));
    }

    static final long SETTLE_MS = 11_000; // a backend reports its counters to pg_stat_database at most every 10 s when idle

    /** One pass: 10 persons (the next ones in turn) each have a claim flipped REGISTERED ↔ FILED, marked, folded. */
    private long pass(List<String> persons, int pass) {
        List<Object[]> marks = new ArrayList<>();
        for (int i = 0; i < CHANGED; i++) {
            String user = persons.get((pass * CHANGED + i) % persons.size());
            jdbc.update("UPDATE xs_claim SET status = CASE status WHEN 'REGISTERED' THEN 'FILED' ELSE 'REGISTERED' END"
                    + " WHERE id = (SELECT MIN(id) FROM xs_claim WHERE claimant = ? AND status IN ('REGISTERED', 'FILED'))", user);
            marks.add(new Object[] {user, YEAR});
        }
        jdbc.batchUpdate("INSERT INTO xs_rollup_dirty (user_id, yr) VALUES (?, ?)", marks);
        long t = System.nanoTime();
        rollups.catchUp();
        return (System.nanoTime() - t) / 1_000_000;
    }

    /** Rows read per table so far (sequential scans' rows and rows fetched by index scans). */
    private Map<String, Long> tableRows() {
        Map<String, Long> rows = new java.util.HashMap<>();
        jdbc.query("SELECT relname, seq_tup_read + COALESCE(idx_tup_fetch, 0) FROM pg_stat_user_tables", rs -> {
            rows.put(rs.getString(1), rs.getLong(2));
        });
        return rows;
    }

    private long idleRows() throws InterruptedException {
        Thread.sleep(SETTLE_MS);
        long before = rows();
        Thread.sleep(SETTLE_MS);
        return rows() - before;
    }

    private long rows() {
        return jdbc.queryForObject("SELECT tup_returned + tup_fetched FROM pg_stat_database WHERE datname = current_database()",
                Long.class);
    }

    private Map<String, List<Map<String, Object>>> snapshot() {
        Map<String, List<Map<String, Object>>> rows = new java.util.TreeMap<>();
        for (String[] t : new String[][] {{"xs_rollup_person", "user_id, yr"}, {"xs_rollup_state", "unit_id, yr, status"},
                {"xs_rollup_type", "unit_id, yr, activity_type"}, {"xs_rollup_objection", "unit_id, yr, status"},
                {"xs_rollup_day", "unit_id, on_day, kind"}, {"xs_rollup_step_time", "unit_id, yr, task_key, bucket"},
                {"xs_rollup_open_task", "unit_id, yr, task_key, due"}, {"xs_rollup_holder", "unit_id, yr, holder, due"},
                {"xs_rollup_unit", "unit_id"}}) {
            rows.put(t[0], jdbc.queryForList("SELECT * FROM " + t[0] + " ORDER BY " + t[1]));
        }
        return rows;
    }

    private long count(String table) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
    }

    /** One unit of this year with {@code size} claims, deterministic (the shapes of bench-data.sql). */
    private void fill(int size) {
        String code = "FOLD" + size;
        String pre = "f" + size + "_";
        jdbc.update("INSERT INTO xs_unit (code, name, unit_type, jurisdiction, rule_set, created_at)"
                + " VALUES (?, ?, 'STATE_OWNED', 'JILIN', 'jilin-2026', now())", code, "折叠基准单位" + size);
        long unit = jdbc.queryForObject("SELECT id FROM xs_unit WHERE code = ?", Long.class, code);
        int persons = size / 4;
        jdbc.update("INSERT INTO xs_person (user_id, unit_id) SELECT ? || lpad(CAST(g AS TEXT), 6, '0'), ?"
                + " FROM generate_series(0, ? - 1) g", pre, unit, persons);
        jdbc.update("INSERT INTO xs_claim (claimant, unit_id, rule_set, claim_year, status, submission_key, process_instance_id,"
                + " approved_public, approved_professional, approved_hours, submitted_at, updated_at, registered_at, filed_at)"
                + " SELECT ? || lpad(CAST(g % ? AS TEXT), 6, '0'), ?, 'jilin-2026', ?, st, ? || 'k' || g, ? || 'pi' || g,"
                + " CASE WHEN st IN ('APPROVED', 'IN_PUBLICITY', 'REGISTERED', 'FILED') THEN 6 + g % 10 END,"
                + " CASE WHEN st IN ('APPROVED', 'IN_PUBLICITY', 'REGISTERED', 'FILED') THEN 12 + g % 25 END,"
                + " CASE WHEN st IN ('APPROVED', 'IN_PUBLICITY', 'REGISTERED', 'FILED') THEN 18 + g % 10 + g % 25 END,"
                + " sub, sub, CASE WHEN st IN ('REGISTERED', 'FILED') THEN sub + interval '20 days' END,"
                + " CASE WHEN st = 'FILED' THEN sub + interval '60 days' END"
                + " FROM (SELECT g, (ARRAY['SUBMITTED', 'IN_REVIEW', 'RETURNED', 'APPROVED', 'IN_PUBLICITY', 'REJECTED',"
                + "   'REGISTERED', 'REGISTERED', 'REGISTERED', 'REGISTERED', 'REGISTERED', 'REGISTERED', 'REGISTERED',"
                + "   'FILED', 'FILED', 'FILED', 'FILED', 'FILED', 'FILED', 'FILED'])[1 + (g / 7) % 20] AS st,"
                + "   make_timestamp(?, 1, 1, 8, 0, 0) + ((g / 5) % 300) * interval '1 day' + (g % 9) * interval '1 hour' AS sub"
                + "   FROM generate_series(0, ? - 1) g) x", pre, persons, unit, YEAR, pre, pre, YEAR, size);
        String mine = " FROM xs_claim WHERE unit_id = " + unit;
        jdbc.update("INSERT INTO xs_claim_item (claim_id, position, activity_type, params_json, activity_date, hours, public_hours,"
                + " professional_hours) SELECT id, 0, (ARRAY['TRAINING', 'PROFESSIONAL_EXCHANGE', 'PAPER', 'UNIT_ACTIVITY',"
                + " 'DEGREE_EDUCATION'])[1 + id % 5], '{}', CAST(submitted_at AS DATE), COALESCE(approved_hours, 18),"
                + " COALESCE(approved_public, 6), COALESCE(approved_professional, 12)" + mine);
        jdbc.update("INSERT INTO xs_claim_item (claim_id, position, activity_type, params_json, activity_date, hours, public_hours,"
                + " professional_hours) SELECT id, 1, 'SKILL_COMPETITION', '{}', CAST(submitted_at AS DATE), 4, 0, 4" + mine
                + " AND id % 2 = 0");
        jdbc.update("INSERT INTO xs_objection (claim_id, raised_by, reason, raised_at, status) SELECT id, claimant, '基准异议',"
                + " submitted_at + interval '10 days', (ARRAY['OPEN', 'DISMISSED', 'UPHELD'])[1 + id % 3]" + mine
                + " AND id % 97 = 0 AND status IN ('IN_PUBLICITY', 'REGISTERED', 'FILED')");
        // Camunda history: the hour proposal and the review of every reviewed claim, the objection handlings
        jdbc.update("INSERT INTO ACT_HI_TASKINST (ID_, TASK_DEF_KEY_, PROC_DEF_KEY_, PROC_INST_ID_, START_TIME_, END_TIME_, DURATION_)"
                + " SELECT 'fhp' || id, 'proposeHours', 'claim-lifecycle', process_instance_id, submitted_at,"
                + " submitted_at + (1 + id % 30) * interval '1 minute', (1 + id % 30) * 60000" + mine
                + " AND status <> 'SUBMITTED'");
        jdbc.update("INSERT INTO ACT_HI_TASKINST (ID_, TASK_DEF_KEY_, PROC_DEF_KEY_, PROC_INST_ID_, START_TIME_, END_TIME_, DURATION_)"
                + " SELECT 'fht' || id, 'reviewClaim', 'claim-lifecycle', process_instance_id, submitted_at,"
                + " submitted_at + (1 + (id * 7919) % 200) * interval '1 hour', (1 + (id * 7919) % 200) * 3600000" + mine
                + " AND status NOT IN ('SUBMITTED', 'IN_REVIEW')");
        jdbc.update("INSERT INTO ACT_HI_TASKINST (ID_, TASK_DEF_KEY_, PROC_DEF_KEY_, PROC_INST_ID_, START_TIME_, END_TIME_, DURATION_)"
                + " SELECT 'fho' || o.id, 'handleObjection', 'claim-lifecycle', c.process_instance_id, o.raised_at,"
                + " o.raised_at + (1 + o.id % 48) * interval '1 hour', (1 + o.id % 48) * 3600000"
                + " FROM xs_objection o JOIN xs_claim c ON c.id = o.claim_id WHERE c.unit_id = " + unit + " AND o.status <> 'OPEN'");
        jdbc.update("INSERT INTO ACT_RU_EXECUTION (ID_, REV_, PROC_INST_ID_, IS_ACTIVE_, IS_CONCURRENT_, IS_SCOPE_,"
                + " IS_EVENT_SCOPE_, SUSPENSION_STATE_) SELECT process_instance_id, 1, process_instance_id, TRUE, FALSE, TRUE,"
                + " FALSE, 1" + mine + " AND status = 'IN_REVIEW'");
        jdbc.update("INSERT INTO ACT_RU_TASK (ID_, REV_, EXECUTION_ID_, PROC_INST_ID_, NAME_, TASK_DEF_KEY_, ASSIGNEE_, PRIORITY_,"
                + " CREATE_TIME_, DUE_DATE_, SUSPENSION_STATE_) SELECT 'frt' || id, 1, process_instance_id, process_instance_id,"
                + " '审核学时登记', 'reviewClaim', CASE WHEN id % 2 = 0 THEN 'frev' || id % 20 END, 50, submitted_at,"
                + " date_trunc('day', submitted_at) + interval '5 days 18 hours', 1" + mine + " AND status = 'IN_REVIEW'");
        jdbc.update("INSERT INTO ACT_RU_IDENTITYLINK (ID_, REV_, USER_ID_, TYPE_, TASK_ID_) SELECT 'fil' || id, 1,"
                + " 'frev' || id % 20, 'candidate', 'frt' || id" + mine + " AND status = 'IN_REVIEW' AND id % 2 = 1");
    }
}
