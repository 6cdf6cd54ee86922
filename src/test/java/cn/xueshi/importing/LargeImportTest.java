package cn.xueshi.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.xueshi.claim.ImportedRecords;
import cn.xueshi.identity.CurrentUser;
import cn.xueshi.identity.CurrentUserService;
import cn.xueshi.identity.Unit;
import cn.xueshi.identity.UnitType;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * 10,000 rows: the import runs in the background, progress is visible (API and page, from the database) while it
 * checks and while it writes, the commit writes every row; a commit failing halfway leaves nothing written.
 */
@IntegrationTest
class LargeImportTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    MockMvc mvc;
    @Autowired
    TestUsers users;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ImportJobs jobs;
    @Autowired
    ImportProperties properties;
    @Autowired
    ObjectMapper json;
    @Autowired
    MessageSource messages;
    @Autowired
    PlatformTransactionManager tx;
    @Autowired
    ImportedRecords records;
    @Autowired
    CurrentUserService currentUsers;
    @Autowired
    List<ImportHandler> handlers;

    @Test
    void tenThousandRowsInTheBackgroundWithProgress() throws Exception {
        String admin = users.user("adm", "管", "理", "camunda-admin");
        Unit unit = users.unit("大导入医院", UnitType.STATE_OWNED, "QINGDAO", "qingdao-2023");
        List<String> people = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            people.add(users.member(unit, "批", "量" + i));
        }
        StringBuilder csv = new StringBuilder("用户名,年度,日期,名称,来源,已认定公需学时,已认定专业学时\n");
        for (int i = 0; i < 10_000; i++) {
            csv.append(people.get(i % 20)).append(",2024,2024-").append(String.format("%02d", 1 + i % 12))
                    .append("-10,讲座 ").append(i).append(",单位台账,1,0\n");
        }
        MvcResult started = mvc.perform(multipart("/api/v1/imports").file(new MockMultipartFile("file", "big.csv",
                "text/csv", csv.toString().getBytes(StandardCharsets.UTF_8))).param("kind", "HISTORY")
                .param("dryRun", "true").with(httpBasic(admin, TestUsers.PASSWORD))).andReturn();
        JsonNode first = JSON.readTree(started.getResponse().getContentAsString());
        String id = first.get("importId").asText();
        assertThat(first.get("rows").asInt()).isEqualTo(10_000);
        List<String> seen = follow(admin, id, "CHECKED");
        assertThat(first.get("status").asText()).isIn("CHECKING", "CHECKED");
        JsonNode checked = status(admin, id);
        assertThat(checked.get("valid").asInt()).isEqualTo(10_000);
        assertThat(count(people)).isZero();

        mvc.perform(post("/api/v1/imports/" + id + "/commit").with(httpBasic(admin, TestUsers.PASSWORD))).andReturn();
        // while it writes, the page shows a progress bar (read from xs_import: any node can serve it)
        String page = mvc.perform(get("/imports/" + id).with(user(admin).roles("camunda-admin"))).andReturn()
                .getResponse().getContentAsString(StandardCharsets.UTF_8);
        seen.addAll(follow(admin, id, "COMMITTED"));
        assertThat(seen).as("progress seen while running").anyMatch(s -> s.startsWith("CHECKING ")
                || s.startsWith("WRITING "));
        if (page.contains("导入中")) {
            assertThat(page).contains("<progress").contains("max=\"10000\"");
        }
        assertThat(status(admin, id).get("created").asInt()).isEqualTo(10_000);
        assertThat(count(people)).isEqualTo(10_000);
    }

    @Test
    void aCommitFailingHalfwayLeavesNothing() {
        Unit unit = users.unit("失败导入医院", UnitType.STATE_OWNED, "QINGDAO", "qingdao-2023");
        String person = users.member(unit, "失", "败");
        String admin = users.user("adm", "管", "理", "camunda-admin");
        CurrentUser me = currentUsers.load(admin);
        ImportHandler history = handlers.stream().filter(h -> h.kind() == ImportKind.HISTORY).findFirst().orElseThrow();
        // the real history kind, whose commit breaks after writing 300 of 500 records (a crash, a lost connection)
        ImportHandler breaking = new ImportHandler() {
            public ImportKind kind() {
                return ImportKind.HISTORY;
            }

            public boolean allowed(CurrentUser u) {
                return true;
            }

            public List<ImportColumn> columns() {
                return history.columns();
            }

            public Checked check(List<Map<String, Object>> rows, Map<String, String> o, CurrentUser u, Progress p) {
                return history.check(rows, o, u, p);
            }

            public int commit(Checked c, Map<String, String> o, CurrentUser u, String importId, Progress p) {
                List<Object> firstPart = new ArrayList<>(c.prepared().subList(0, 300));
                history.commit(new Checked(c.reports().subList(0, 300), firstPart), o, u, importId, p);
                throw new IllegalStateException("connection lost");
            }
        };
        ImportService engine = new ImportService(List.of(breaking), jobs, properties, json, messages, tx);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("userId", person);
            row.put("year", 2024);
            row.put("date", LocalDate.of(2024, 3, 1).plusDays(i % 200).toString());
            row.put("title", "记录 " + i);
            row.put("source", "台账");
            row.put("publicHours", BigDecimal.ONE);
            rows.add(row);
        }
        org.springframework.context.i18n.LocaleContextHolder.setLocale(java.util.Locale.SIMPLIFIED_CHINESE);
        ImportJob job = engine.start(ImportKind.HISTORY, rows, null, Map.of(), false, me);
        assertThat(job.status()).isEqualTo(ImportStatus.FAILED);
        assertThat(job.message()).contains("未写入任何记录");
        assertThat(count(List.of(person))).isZero();
        assertThat(records.ofImport(job.id())).isEmpty();
        engine.stop();
        assertThatThrownBy(() -> engine.commit(job.id(), me)).isInstanceOf(cn.xueshi.system.Conflict.class);
    }

    private int count(List<String> people) {
        int n = 0;
        for (String p : people) {
            n += jdbc.queryForObject("SELECT COUNT(*) FROM xs_claim WHERE claimant = ?", Integer.class, p);
        }
        return n;
    }

    private JsonNode status(String admin, String id) throws Exception {
        return JSON.readTree(mvc.perform(get("/api/v1/imports/" + id).with(httpBasic(admin, TestUsers.PASSWORD)))
                .andReturn().getResponse().getContentAsString());
    }

    /** Polls until {@code status}; returns "STATUS processed" of every running state seen on the way. */
    private List<String> follow(String admin, String id, String until) throws Exception {
        List<String> seen = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 600_000;
        while (System.currentTimeMillis() < deadline) {
            JsonNode s = status(admin, id);
            String st = s.get("status").asText();
            if (st.equals("FAILED")) {
                throw new AssertionError("import failed: " + s);
            }
            if (st.equals(until)) {
                return seen;
            }
            int processed = s.get("processed").asInt();
            if (processed > 0 && processed < s.get("rows").asInt()) {
                seen.add(st + " " + processed);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("import did not finish");
    }
}
