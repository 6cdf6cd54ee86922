package cn.xueshi.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.xueshi.claim.Claim;
import cn.xueshi.claim.ClaimRepository;
import cn.xueshi.claim.ClaimStatus;
import cn.xueshi.claim.ProgressService;
import cn.xueshi.identity.Directory;
import cn.xueshi.identity.Unit;
import cn.xueshi.identity.UnitType;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * 历史学时导入 through the API: every row outcome, dry run writes nothing, commit once (idempotent), re-evaluation
 * differences shown not applied, scope, and the files people really send (formulas, GBK, BOM, Excel dates, broken).
 */
@IntegrationTest
class HistoryImportTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> HEADER = List.of("用户名", "姓名", "年度", "日期", "名称", "来源", "活动类型", "活动参数",
            "已认定公需学时", "已认定专业学时");

    @Autowired
    MockMvc mvc;
    @Autowired
    TestUsers users;
    @Autowired
    Directory directory;
    @Autowired
    ClaimRepository claims;
    @Autowired
    ProgressService progress;

    String admin;
    String bureauQd;
    String qdPerson;
    String jlPerson;
    String qdOther;

    @BeforeEach
    void people() {
        admin = users.user("adm", "管", "理", "camunda-admin");
        bureauQd = users.user("bqd", "青", "局", "bureau");
        directory.assignOversight(bureauQd, "QINGDAO");
        Unit qd = users.unit("青岛测试医院", UnitType.STATE_OWNED, "QINGDAO", "qingdao-2023");
        Unit jl = users.unit("吉林测试医院", UnitType.STATE_OWNED, "JILIN", "jilin-2026");
        qdPerson = users.member(qd, "王", "芳");
        qdOther = users.member(qd, "赵", "强");
        jlPerson = users.member(jl, "刘", "洋");
    }

    JsonNode send(String who, String kind, boolean dryRun, Object body, int status) throws Exception {
        MvcResult r = mvc.perform(post("/api/v1/imports").param("kind", kind).param("dryRun", String.valueOf(dryRun))
                .contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(body))
                .with(httpBasic(who, TestUsers.PASSWORD))).andReturn();
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(status);
        String text = r.getResponse().getContentAsString(StandardCharsets.UTF_8);
        return text.isEmpty() ? null : JSON.readTree(text);
    }

    JsonNode upload(String who, byte[] file, String name, int status) throws Exception {
        MvcResult r = mvc.perform(multipart("/api/v1/imports").file(new MockMultipartFile("file", name,
                "application/octet-stream", file)).param("kind", "HISTORY").param("dryRun", "true")
                .with(httpBasic(who, TestUsers.PASSWORD))).andReturn();
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(status);
        return JSON.readTree(r.getResponse().getContentAsString(StandardCharsets.UTF_8));
    }

    Map<String, Object> row(String userId, int year, String date, String title, Map<String, Object> item,
            Number pub, Number prof) {
        Map<String, Object> row = new java.util.LinkedHashMap<>();
        row.put("userId", userId);
        row.put("year", year);
        row.put("date", date);
        row.put("title", title);
        row.put("source", "吉林省继续教育平台导出");
        if (item != null) {
            row.put("item", item);
        }
        if (pub != null) {
            row.put("publicHours", pub);
        }
        if (prof != null) {
            row.put("professionalHours", prof);
        }
        return row;
    }

    List<Claim> claimsOf(String userId) {
        return claims.findByClaimantOrderBySubmittedAtDesc(userId);
    }

    Map<String, Object> body() {
        List<Map<String, Object>> rows = new ArrayList<>();
        // 1 valid: re-evaluated by Qingdao's rules (public course 24 h)
        rows.add(row(qdPerson, 2024, "2024-03-01", "公需科目网络课程", Map.of("activityType", "PUBLIC_COURSE", "hours", 24),
                null, null));
        // 2 valid: hours only, Jilin 2025 (no rule set in force before 2026)
        rows.add(row(jlPerson, 2025, "2025-05-10", "吉林平台2025年度学时", null, 30, 60));
        // 3 warning: the source says 20, the rules say 24
        rows.add(row(qdOther, 2024, "2024-04-02", "公需课（平台记 20）", Map.of("activityType", "PUBLIC_COURSE", "hours", 24),
                20, 0));
        // 4 error: nobody of that name
        rows.add(row("nobody-here", 2024, "2024-03-01", "x", null, 1, 1));
        // 5 error: an activity type Qingdao does not know
        rows.add(row(qdPerson, 2024, "2024-03-01", "y", Map.of("activityType", "NO_SUCH_TYPE"), null, null));
        // 6 error: the date is not in the year
        rows.add(row(qdPerson, 2024, "2023-12-31", "z", null, 2, 0));
        // 7 duplicate of row 1
        rows.add(row(qdPerson, 2024, "2024-03-01", "公需科目网络课程", Map.of("activityType", "PUBLIC_COURSE", "hours", 24),
                null, null));
        // 8 error: hours out of range
        rows.add(row(qdPerson, 2024, "2024-03-05", "w", null, -3, 0));
        // 9 error: Jilin 2025 with parameters only: nothing to price them by
        rows.add(row(jlPerson, 2025, "2025-06-01", "单位活动", Map.of("activityType", "UNIT_ACTIVITY", "minutes", 100),
                null, null));
        return Map.of("rows", rows);
    }

    @Test
    void dryRunReportsEveryRowAndWritesNothing() throws Exception {
        JsonNode r = send(admin, "HISTORY", true, body(), 200);
        assertThat(r.get("status").asText()).isEqualTo("CHECKED");
        assertThat(r.get("rows").asInt()).isEqualTo(9);
        assertThat(r.get("valid").asInt()).isEqualTo(3);
        assertThat(r.get("duplicates").asInt()).isEqualTo(1);
        assertThat(r.get("warnings").asInt()).isEqualTo(1);
        List<String> errors = new ArrayList<>();
        r.get("errors").forEach(e -> errors.add(e.get("row").asInt() + ":" + e.get("field").asText()));
        assertThat(errors).containsExactly("4:userId", "5:item.activityType", "6:date", "8:publicHours",
                "9:publicHours");
        assertThat(r.get("errors").get(0).get("message").asText()).contains("找不到用户");
        assertThat(r.get("warningRows").get(0).get("message").asText()).contains("应为公需 24").contains("来源记录为公需 20");
        assertThat(r.get("duplicateRows").get(0).get("message").asText()).contains("第 1 行");
        assertThat(claimsOf(qdPerson)).isEmpty();
        assertThat(claimsOf(jlPerson)).isEmpty();
    }

    @Test
    void commitCountsTowardTheYearOnceAndSecondImportCreatesNothing() throws Exception {
        JsonNode r = send(admin, "HISTORY", false, body(), 200);
        assertThat(r.get("status").asText()).isEqualTo("COMMITTED");
        assertThat(r.get("created").asInt()).isEqualTo(3);
        List<Claim> mine = claimsOf(qdPerson);
        assertThat(mine).hasSize(1);
        Claim c = mine.get(0);
        assertThat(c.getStatus()).isEqualTo(ClaimStatus.REGISTERED);
        assertThat(c.getProcessInstanceId()).isNull();
        assertThat(c.getOrigin()).isEqualTo("HISTORY");
        assertThat(c.getSource()).isEqualTo("吉林省继续教育平台导出");
        assertThat(c.getApprovedPublic()).isEqualByComparingTo("24");
        assertThat(progress.of(qdPerson, 2024, "qingdao-2023").orElseThrow().publicHours()).isEqualByComparingTo("24");
        // the difference was shown, not applied: the recorded 20 counts
        Claim other = claimsOf(qdOther).get(0);
        assertThat(other.getApprovedPublic()).isEqualByComparingTo("20");
        assertThat(progress.of(qdOther, 2024, "qingdao-2023").orElseThrow().publicHours()).isEqualByComparingTo("20");
        Claim jl = claimsOf(jlPerson).get(0);
        assertThat(jl.getApprovedHours()).isEqualByComparingTo(BigDecimal.valueOf(90));

        JsonNode again = send(admin, "HISTORY", false, body(), 200);
        assertThat(again.get("created").asInt()).isZero();
        assertThat(again.get("duplicates").asInt()).isEqualTo(4);
        assertThat(again.get("duplicateRows").get(0).get("message").asText()).contains("已经导入过");
        assertThat(claimsOf(qdPerson)).hasSize(1);
        assertThat(claimsOf(jlPerson)).hasSize(1);
    }

    @Test
    void aDryRunIsCommittedInOneActionOnce() throws Exception {
        JsonNode dry = send(admin, "HISTORY", true, body(), 200);
        String id = dry.get("importId").asText();
        assertThat(claimsOf(qdPerson)).isEmpty();
        MvcResult r = mvc.perform(post("/api/v1/imports/" + id + "/commit").with(httpBasic(admin, TestUsers.PASSWORD)))
                .andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(200);
        assertThat(JSON.readTree(r.getResponse().getContentAsString()).get("created").asInt()).isEqualTo(3);
        assertThat(claimsOf(qdPerson)).hasSize(1);
        MvcResult twice = mvc.perform(post("/api/v1/imports/" + id + "/commit")
                .with(httpBasic(admin, TestUsers.PASSWORD))).andReturn();
        assertThat(twice.getResponse().getStatus()).isEqualTo(409);
        MvcResult status = mvc.perform(get("/api/v1/imports/" + id).with(httpBasic(admin, TestUsers.PASSWORD)))
                .andReturn();
        assertThat(JSON.readTree(status.getResponse().getContentAsString()).get("status").asText())
                .isEqualTo("COMMITTED");
    }

    @Test
    void scopeAndPermissions() throws Exception {
        // a Qingdao bureau imports Qingdao people only: the Jilin person is a row error, not a leak
        JsonNode r = send(bureauQd, "HISTORY", true, Map.of("rows", List.of(
                row(qdPerson, 2024, "2024-03-01", "a", null, 2, 2), row(jlPerson, 2025, "2025-03-01", "b", null, 2, 2))),
                200);
        assertThat(r.get("valid").asInt()).isEqualTo(1);
        assertThat(r.get("errors").get(0).get("row").asInt()).isEqualTo(2);
        assertThat(r.get("errors").get(0).get("message").asText()).contains("不在您可导入的范围内");
        // an employee may not import history at all; without credentials 401
        send(qdPerson, "HISTORY", true, Map.of("rows", List.of()), 403);
        MvcResult anonymous = mvc.perform(post("/api/v1/imports").param("kind", "HISTORY")
                .contentType(MediaType.APPLICATION_JSON).content("{\"rows\":[]}")).andReturn();
        assertThat(anonymous.getResponse().getStatus()).isEqualTo(401);
        // someone else's import is not found
        MvcResult foreign = mvc.perform(get("/api/v1/imports/" + r.get("importId").asText())
                .with(httpBasic(admin, TestUsers.PASSWORD))).andReturn();
        assertThat(foreign.getResponse().getStatus()).isEqualTo(200); // an admin sees every import
        String otherBureau = users.user("bjl", "吉", "局", "bureau");
        MvcResult notYours = mvc.perform(get("/api/v1/imports/" + r.get("importId").asText())
                .with(httpBasic(otherBureau, TestUsers.PASSWORD))).andReturn();
        assertThat(notYours.getResponse().getStatus()).isEqualTo(404);
        // bad bodies are 400 with a message, never 500
        send(admin, "HISTORY", true, Map.of("rows", "nope"), 400);
        send(admin, "NOSUCHKIND", true, Map.of("rows", List.of()), 400);
        send(admin, "HISTORY", true, Map.of("rows", List.of()), 400);
        JsonNode odd = send(admin, "HISTORY", true, Map.of("rows", List.of(1, "x", Map.of("year", "MMXXIV",
                "item", List.of(1)))), 200);
        assertThat(odd.get("errors")).hasSize(3);
    }

    @Test
    void xlsxWithFormulasExcelDatesAndTextThatLooksLikeAFormula() throws Exception {
        byte[] file = ImportFiles.xlsx(HEADER, List.of(
                // a real date cell
                List.of(qdPerson, "王芳", 2024, LocalDate.of(2024, 5, 6), "=HYPERLINK(\"http://x\")", "单位台账", "", "", 3, 4),
                // an Excel serial number as a number (2024-05-07 = 45419) and as text
                List.of(qdPerson, "王芳", 2024, 45419, "讲座二", "单位台账", "", "", 1, 0),
                List.of(qdPerson, "王芳", 2024, "45420", "讲座三", "单位台账", "", "", 1, 0),
                // a formula cell in the hours column
                java.util.Arrays.asList(qdPerson, "王芳", 2024, "2024年5月9日", "讲座四", "单位台账", null, null,
                        "FORMULA:1+1", 0),
                // parameters in the sheet's one column, priced by the rules
                List.of(qdPerson, "王芳", 2024, "2024/5/10", "网络课程", "单位台账", "PUBLIC_COURSE", "hours=12", "", ""),
                // the wrong name for the user
                List.of(qdPerson, "王芬", 2024, "2024-05-11", "讲座五", "单位台账", "", "", 1, 0)));
        JsonNode r = upload(admin, file, "台账.xlsx", 200);
        assertThat(r.get("valid").asInt()).as(r.toString()).isEqualTo(4);
        List<String> errors = new ArrayList<>();
        r.get("errors").forEach(e -> errors.add(e.get("row").asInt() + ":" + e.get("field").asText()));
        assertThat(errors).containsExactly("5:publicHours", "7:name");
        assertThat(r.get("errors").get(0).get("message").asText()).contains("公式");
        send(admin, "HISTORY", true, Map.of("rows", List.of()), 400); // (an empty JSON import stays a 400)
        MvcResult commit = mvc.perform(post("/api/v1/imports/" + r.get("importId").asText() + "/commit")
                .with(httpBasic(admin, TestUsers.PASSWORD))).andReturn();
        assertThat(commit.getResponse().getStatus()).isEqualTo(200);
        List<Claim> mine = claimsOf(qdPerson);
        assertThat(mine).hasSize(4);
        // text that starts with = is stored as typed (text), never evaluated
        assertThat(mine).extracting(Claim::getDescription).contains("=HYPERLINK(\"http://x\")");
        assertThat(mine).flatExtracting(Claim::getItems).extracting(i -> i.getActivityDate().toString())
                .contains("2024-05-06", "2024-05-07", "2024-05-08", "2024-05-10");
    }

    @Test
    void csvInGbkAndInUtf8WithBom() throws Exception {
        String csv = "用户名,姓名,年度,日期,名称,来源,已认定公需学时,已认定专业学时\n"
                + qdPerson + ",王芳,2024,2024-06-01,\"消防培训,第一期\",单位台账,2,0\n"
                + qdPerson + ",王芳,2024,2024-06-02,=1+2,单位台账,1,0\n";
        JsonNode gbk = upload(admin, csv.getBytes(Charset.forName("GBK")), "ledger.csv", 200);
        assertThat(gbk.get("valid").asInt()).as(gbk.toString()).isEqualTo(2);
        byte[] utf8 = csv.getBytes(StandardCharsets.UTF_8);
        byte[] bom = new byte[utf8.length + 3];
        bom[0] = (byte) 0xEF;
        bom[1] = (byte) 0xBB;
        bom[2] = (byte) 0xBF;
        System.arraycopy(utf8, 0, bom, 3, utf8.length);
        JsonNode withBom = upload(admin, bom, "ledger.csv", 200);
        assertThat(withBom.get("valid").asInt()).as(withBom.toString()).isEqualTo(2);
    }

    @Test
    void filesThatCannotBeReadAreRefusedWithAReason() throws Exception {
        assertThat(upload(admin, new byte[0], "a.xlsx", 400).get("message").asText()).contains("空");
        byte[] broken = ImportFiles.xlsx(HEADER, List.of(List.of(qdPerson)));
        byte[] half = java.util.Arrays.copyOf(broken, broken.length / 2);
        assertThat(upload(admin, half, "a.xlsx", 400).get("message").asText()).contains("无法作为 Excel");
        assertThat(upload(admin, new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, 0, 0}, "a.xls", 400)
                .get("message").asText()).contains(".xls");
        assertThat(upload(admin, "%PDF-1.4 ...".getBytes(StandardCharsets.US_ASCII), "a.csv", 400)
                .get("message").asText()).contains("不是 .xlsx 或 .csv");
        assertThat(upload(admin, "a,b,c\n1,2,3\n".getBytes(StandardCharsets.UTF_8), "a.csv", 400)
                .get("message").asText()).contains("表头与模板不符");
        byte[] big = new byte[21 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) 'a');
        assertThat(upload(admin, big, "big.csv", 400).get("message").asText()).contains("MB");
    }
}
