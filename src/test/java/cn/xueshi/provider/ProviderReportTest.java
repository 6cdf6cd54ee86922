package cn.xueshi.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.xueshi.claim.Claim;
import cn.xueshi.claim.ClaimRepository;
import cn.xueshi.claim.ClaimStatus;
import cn.xueshi.identity.Unit;
import cn.xueshi.identity.UnitType;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** 继续教育机构报送: every row outcome, claims in each person's unit queue marked with the provider, permissions. */
@IntegrationTest
class ProviderReportTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    MockMvc mvc;
    @Autowired
    TestUsers users;
    @Autowired
    Providers providers;
    @Autowired
    ClaimRepository claims;
    @Autowired
    ClaimFixtures fixtures;
    @Autowired
    cn.xueshi.identity.Directory directory;

    String account;
    String student;
    String earlier;
    Unit qd;

    @BeforeEach
    void provider() {
        qd = users.unit("青岛报送医院", UnitType.STATE_OWNED, "QINGDAO", "qingdao-2023");
        users.reviewerOf(qd, "审", "核");
        student = users.member(qd, "学", "员");
        earlier = users.member(qd, "已", "登");
        account = users.user("prv", "基", "地");
        String code = TestUsers.uniqueId("P");
        Provider p = providers.register(code, "测试继续教育基地" + code, List.of("TRAINING"), List.of("QINGDAO"),
                "test");
        providers.addAccount(p.id(), account);
    }

    Map<String, Object> row(String userId, String date, String title, Map<String, Object> item) {
        Map<String, Object> row = new java.util.LinkedHashMap<>();
        row.put("userId", userId);
        row.put("date", date);
        row.put("title", title);
        row.put("item", item);
        return row;
    }

    JsonNode send(String who, boolean dryRun, Object body, int status) throws Exception {
        MvcResult r = mvc.perform(post("/api/v1/imports").param("kind", "PROVIDER_REPORT")
                .param("dryRun", String.valueOf(dryRun)).contentType(MediaType.APPLICATION_JSON)
                .content(JSON.writeValueAsString(body)).with(httpBasic(who, TestUsers.PASSWORD))).andReturn();
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(status);
        String text = r.getResponse().getContentAsString(StandardCharsets.UTF_8);
        return text.isEmpty() ? null : JSON.readTree(text);
    }

    @Test
    void everyRowOutcomeAndClaimsInTheUnitQueue() throws Exception {
        // earlier already registered this class himself
        fixtures.submit(earlier, ClaimFixtures.form(2026, "TRAINING", LocalDate.of(2026, 10, 15),
                Map.of("hours", "20", "days", "2")));
        Map<String, Object> training = Map.of("activityType", "TRAINING", "hours", 20, "days", 2);
        Map<String, Object> body = Map.of("rows", List.of(
                row(student, "2026-10-15", "专业科目培训班（第一期）", training),
                row("nobody-of-that-name", "2026-10-15", "专业科目培训班（第一期）", training),
                row(student, "2026-10-16", "论文", Map.of("activityType", "PAPER", "count", 1)),
                row(earlier, "2026-10-15", "专业科目培训班（第一期）", training),
                row(student, "2026-10-17", "没有参数的培训", Map.of("activityType", "TRAINING")),
                row(student, "2026-10-15", "专业科目培训班（第一期）", training)));
        JsonNode dry = send(account, true, body, 200);
        assertThat(dry.get("valid").asInt()).as(dry.toString()).isEqualTo(1);
        assertThat(dry.get("duplicates").asInt()).isEqualTo(2);
        List<String> errors = new ArrayList<>();
        dry.get("errors").forEach(e -> errors.add(e.get("row").asInt() + ":" + e.get("field").asText()));
        assertThat(errors).containsExactly("2:userId", "3:item.activityType", "5:item.params");
        assertThat(dry.get("errors").get(1).get("message").asText()).contains("未登记可报送活动类型“PAPER”");
        assertThat(dry.get("duplicateRows").get(0).get("message").asText()).contains("已有同一活动类型");
        assertThat(claims.findByClaimantOrderBySubmittedAtDesc(student)).isEmpty();

        JsonNode done = send(account, false, body, 200);
        assertThat(done.get("created").asInt()).isEqualTo(1);
        List<Claim> mine = claims.findByClaimantOrderBySubmittedAtDesc(student);
        assertThat(mine).hasSize(1);
        fixtures.runJobs(mine.get(0));
        Claim c = fixtures.reload(mine.get(0));
        assertThat(c.getOrigin()).isEqualTo("PROVIDER_REPORT");
        assertThat(c.getSource()).startsWith("测试继续教育基地");
        assertThat(c.getUnitId()).isEqualTo(qd.getId());
        assertThat(c.getStatus()).isEqualTo(ClaimStatus.IN_REVIEW);
        assertThat(c.getProposedHours()).isEqualByComparingTo("16");
        // reported twice: nothing new
        assertThat(send(account, false, body, 200).get("created").asInt()).isZero();
        assertThat(claims.findByClaimantOrderBySubmittedAtDesc(student)).hasSize(1);
    }

    @Test
    void onlyRegisteredProvidersReport() throws Exception {
        Map<String, Object> body = Map.of("rows", List.of(row(student, "2026-10-15", "x",
                Map.of("activityType", "TRAINING", "hours", 8, "days", 1))));
        send(student, true, body, 403);
        String unregistered = users.user("prv", "无", "名", "provider");
        send(unregistered, true, body, 403);
        MvcResult template = mvc.perform(get("/imports/template").param("kind", "PROVIDER_REPORT")
                .with(user(account).roles("provider"))).andReturn();
        assertThat(template.getResponse().getStatus()).isEqualTo(200);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(template.getResponse().getContentAsByteArray()))) {
            assertThat(book.getSheetAt(0).getRow(0).getCell(3).getStringCellValue()).isEqualTo("班级/课程名称");
        }
        assertThat(mvc.perform(get("/imports/template").param("kind", "HISTORY").with(user(account).roles("provider")))
                .andReturn().getResponse().getStatus()).isEqualTo(403);
    }

    /** The sheet a provider uploads at /imports: the template's columns by their JSON keys, one row per person. */
    static byte[] sheet(List<List<Object>> rows) throws Exception {
        try (XSSFWorkbook book = new XSSFWorkbook(); java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream()) {
            var sheet = book.createSheet("报送");
            List<String> header = List.of("userId", "name", "date", "title", "item.activityType", "item.params");
            var h = sheet.createRow(0);
            for (int i = 0; i < header.size(); i++) {
                h.createCell(i).setCellValue(header.get(i));
            }
            for (int r = 0; r < rows.size(); r++) {
                var row = sheet.createRow(r + 1);
                for (int i = 0; i < rows.get(r).size(); i++) {
                    row.createCell(i).setCellValue(String.valueOf(rows.get(r).get(i)));
                }
            }
            book.write(out);
            return out.toByteArray();
        }
    }

    @Test
    void aProviderReportsOnlyWithinItsJurisdictions() throws Exception {
        // the provider is registered for Qingdao: a member of a Jilin unit is refused, per row, nothing created
        Unit jl = users.unit("吉林辖区外医院", UnitType.STATE_OWNED, "JILIN", "jilin-2026");
        String outside = users.member(jl, "辖", "外");
        Map<String, Object> training = Map.of("activityType", "TRAINING", "hours", 8, "days", 1);
        Map<String, Object> body = Map.of("rows", List.of(
                row(student, "2026-10-15", "辖区内培训班", training),
                row(outside, "2026-10-15", "辖区内培训班", training)));
        JsonNode dry = send(account, true, body, 200);
        assertThat(dry.get("valid").asInt()).as(dry.toString()).isEqualTo(1);
        assertThat(dry.get("errors")).hasSize(1);
        assertThat(dry.get("errors").get(0).get("row").asInt()).isEqualTo(2);
        assertThat(dry.get("errors").get(0).get("field").asText()).isEqualTo("userId");
        assertThat(dry.get("errors").get(0).get("message").asText()).contains("青岛").contains("吉林辖区外医院")
                .contains("不在其中");
        JsonNode done = send(account, false, body, 200);
        assertThat(done.get("created").asInt()).isEqualTo(1);
        assertThat(claims.findByClaimantOrderBySubmittedAtDesc(outside)).isEmpty();

        // the page: the same refusal beside the row of the uploaded sheet, and nothing written for it
        byte[] file = sheet(List.of(List.of(outside, "辖外", "2026-10-20", "页面上传的培训班", "TRAINING", "hours=8; days=1")));
        MvcResult upload = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .multipart("/imports").file(new org.springframework.mock.web.MockMultipartFile("file", "结业名单.xlsx",
                        "application/octet-stream", file)).param("kind", "PROVIDER_REPORT")
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
                .with(user(account).roles("provider"))).andReturn();
        assertThat(upload.getResponse().getStatus()).as(upload.getResponse().getContentAsString()).isEqualTo(302);
        String report = mvc.perform(get(upload.getResponse().getRedirectedUrl()).with(user(account).roles("provider")))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(report).contains("不在其中").contains("吉林辖区外医院");
        assertThat(claims.findByClaimantOrderBySubmittedAtDesc(outside)).isEmpty();
    }

    @Test
    void theBureauRegistersProvidersForItsOwnJurisdictionsOnly() throws Exception {
        String bureau = users.user("bqd", "青", "局", "bureau");
        directory.assignOversight(bureau, "QINGDAO");
        String acct = users.user("prv", "新", "基地");
        String code = TestUsers.uniqueId("N");
        MvcResult foreign = mvc.perform(post("/providers").param("code", code).param("name", "新的基地")
                .param("types", "TRAINING").param("account", acct).param("jurisdictions", "JILIN")
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
                .with(user(bureau).roles("bureau"))).andReturn();
        assertThat(foreign.getResponse().getStatus()).isEqualTo(200);
        String page = foreign.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("请至少选择一个您所监管的辖区").contains("新的基地");
        assertThat(providers.byCode(code)).isEmpty();

        MvcResult ok = mvc.perform(post("/providers").param("code", code).param("name", "新的基地")
                .param("types", "TRAINING").param("account", acct).param("jurisdictions", "QINGDAO")
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
                .with(user(bureau).roles("bureau"))).andReturn();
        assertThat(ok.getResponse().getStatus()).isEqualTo(302);
        assertThat(providers.byCode(code).orElseThrow().jurisdictions()).containsExactly("QINGDAO");

        // the types are boxes named by the jurisdiction's rules; the list names types and jurisdictions
        String list = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/providers")
                .with(user(bureau).roles("bureau"))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(list).contains("type=\"checkbox\" name=\"types\" id=\"t-TRAINING\"").contains("<span>青岛市</span>")
                .doesNotContain(">QINGDAO<").doesNotContain("placeholder=\"TRAINING, ADVANCED_SEMINAR\"");
        // a code no rule of the bureau's jurisdictions has is refused, what was typed kept
        String other = TestUsers.uniqueId("N");
        MvcResult unknown = mvc.perform(post("/providers").param("code", other).param("name", "另一基地")
                .param("types", "TRAINING", "NO_SUCH_TYPE").param("account", acct).param("jurisdictions", "QINGDAO")
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
                .with(user(bureau).roles("bureau"))).andReturn();
        assertThat(unknown.getResponse().getStatus()).isEqualTo(200);
        assertThat(unknown.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("请至少选择一个活动类型")
                .contains("另一基地").contains("value=\"TRAINING\" checked=\"checked\"");
        assertThat(providers.byCode(other)).isEmpty();
    }
}
