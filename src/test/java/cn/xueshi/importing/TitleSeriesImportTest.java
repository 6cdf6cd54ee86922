package cn.xueshi.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.xueshi.identity.Directory;
import cn.xueshi.identity.Groups;
import cn.xueshi.identity.Unit;
import cn.xueshi.identity.UnitType;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * TITLE_SERIES import (人员职称系列): every row outcome in Chinese, a dry run writes nothing, the commit writes the
 * changes with an audit row each, a reviewer's scope is their units, an employee may not run it, and the xlsx
 * template's Chinese columns (用户名, 姓名, 职称系列) with labels instead of codes.
 */
@IntegrationTest
class TitleSeriesImportTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    MockMvc mvc;
    @Autowired
    TestUsers users;
    @Autowired
    Directory directory;
    @Autowired
    JdbcTemplate jdbc;

    String admin;
    String reviewer;
    String nurse;
    String teacher;
    String outsider;

    @BeforeEach
    void people() {
        admin = users.user("adm", "管", "理", Groups.ADMIN);
        Unit hospital = users.unit("青岛测试医院", UnitType.STATE_OWNED, "QINGDAO", "qingdao-2023");
        Unit school = users.unit("青岛测试中学", UnitType.STATE_OWNED, "QINGDAO", "qingdao-2023");
        reviewer = users.reviewerOf(hospital, "李", "审");
        nurse = users.member(hospital, "王", "芳");
        teacher = users.member(hospital, "林", "老师");
        outsider = users.member(school, "赵", "强");
    }

    JsonNode send(String who, boolean dryRun, List<Map<String, Object>> rows, int status) throws Exception {
        MvcResult r = mvc.perform(post("/api/v1/imports").param("kind", "TITLE_SERIES")
                .param("dryRun", String.valueOf(dryRun)).contentType(MediaType.APPLICATION_JSON)
                .content(JSON.writeValueAsString(Map.of("rows", rows))).with(httpBasic(who, TestUsers.PASSWORD)))
                .andReturn();
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(status);
        String text = r.getResponse().getContentAsString(StandardCharsets.UTF_8);
        return text.isEmpty() ? null : JSON.readTree(text);
    }

    static Map<String, Object> row(String userId, String name, String series) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("userId", userId);
        row.put("name", name);
        row.put("titleSeries", series);
        return row;
    }

    List<Map<String, Object>> rows() {
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(row(nurse, "王芳", "卫生"));               // 1 valid, by label
        rows.add(row(teacher, "林老师", "EDUCATION"));       // 2 valid, by code
        rows.add(row("nobody-here", "某人", "卫生"));        // 3 unknown user
        rows.add(row(teacher, "林某", "会计"));              // 4 name mismatch
        rows.add(row(nurse, "王芳", "护理"));                // 5 unknown series
        rows.add(row(nurse, "王芳", "HEALTH"));              // 6 the same person again
        return rows;
    }

    List<String> problems(JsonNode r, String kind) {
        List<String> out = new ArrayList<>();
        r.get(kind).forEach(e -> out.add(e.get("row").asInt() + ":" + e.get("field").asText() + ":"
                + e.get("message").asText()));
        return out;
    }

    long auditRows(String subject) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM xs_directory_audit WHERE subject = ? AND field = 'TITLE_SERIES'",
                Long.class, subject);
        return n == null ? 0 : n;
    }

    @Test
    void aDryRunReportsEveryRowInChineseAndWritesNothing() throws Exception {
        JsonNode r = send(reviewer, true, rows(), 200);
        assertThat(r.get("status").asText()).isEqualTo("CHECKED");
        assertThat(r.get("valid").asInt()).isEqualTo(2);
        assertThat(problems(r, "errors")).satisfiesExactly(
                e -> assertThat(e).startsWith("3:userId:").contains("找不到用户“nobody-here”"),
                e -> assertThat(e).startsWith("4:name:").contains("姓名“林某”与用户"),
                e -> assertThat(e).startsWith("5:titleSeries:").contains("职称系列“护理”不在可选范围内")
                        .contains("卫生、中小学教师、会计、工程"));
        assertThat(problems(r, "duplicateRows")).singleElement().asString().startsWith("6:userId:").contains("第 1 行");
        assertThat(directory.titleSeriesOf(nurse)).isEmpty();
        assertThat(directory.titleSeriesOf(teacher)).isEmpty();
        assertThat(auditRows(nurse)).isZero();
    }

    @Test
    void theCommitSetsTheSeriesWithAnAuditRowEachAndAgainChangesNothing() throws Exception {
        JsonNode r = send(reviewer, false, rows(), 200);
        assertThat(r.get("status").asText()).isEqualTo("COMMITTED");
        assertThat(r.get("created").asInt()).isEqualTo(2);
        assertThat(directory.titleSeriesOf(nurse)).isEqualTo("HEALTH");
        assertThat(directory.titleSeriesOf(teacher)).isEqualTo("EDUCATION");
        Map<String, Object> audit = jdbc.queryForMap("SELECT actor, old_value, new_value, source FROM xs_directory_audit "
                + "WHERE subject = ? AND field = 'TITLE_SERIES'", nurse);
        assertThat(audit.values()).containsExactly(reviewer, "", "HEALTH", "IMPORT:" + r.get("importId").asText());

        // the same file again: nothing to change, each row says so
        JsonNode again = send(reviewer, false, List.of(row(nurse, "王芳", "卫生"), row(teacher, "林老师", "中小学教师")), 200);
        assertThat(again.get("created").asInt()).isZero();
        assertThat(problems(again, "duplicateRows")).first().asString().contains("已是“卫生”，无需更改");
        assertThat(auditRows(nurse)).isEqualTo(1);

        // 无 clears it
        JsonNode cleared = send(reviewer, false, List.of(row(nurse, "王芳", "无")), 200);
        assertThat(cleared.get("created").asInt()).isEqualTo(1);
        assertThat(directory.titleSeriesOf(nurse)).isEmpty();
        assertThat(auditRows(nurse)).isEqualTo(2);
    }

    @Test
    void aReviewerImportsTheirUnitsOnlyAnAdminAnyoneAnEmployeeNothing() throws Exception {
        JsonNode r = send(reviewer, false, List.of(row(outsider, "赵强", "会计")), 200);
        assertThat(r.get("created").asInt()).isZero();
        assertThat(problems(r, "errors")).singleElement().asString().startsWith("1:userId:")
                .contains("不在您可导入的范围内");
        assertThat(directory.titleSeriesOf(outsider)).isEmpty();

        JsonNode byAdmin = send(admin, false, List.of(row(outsider, "赵强", "会计")), 200);
        assertThat(byAdmin.get("created").asInt()).isEqualTo(1);
        assertThat(directory.titleSeriesOf(outsider)).isEqualTo("ACCOUNTING");

        send(nurse, true, List.of(row(nurse, "王芳", "卫生")), 403);
        // a reviewer group member who reviews no unit (e.g. a department's reviewer) may not either
        String departmentReviewer = users.user("wjw", "卫", "审", Groups.REVIEWER);
        send(departmentReviewer, true, List.of(row(nurse, "王芳", "卫生")), 403);
        assertThat(directory.titleSeriesOf(nurse)).isEmpty();
    }

    @Test
    void theXlsxTemplatesChineseColumnsWithLabels() throws Exception {
        byte[] file = ImportFiles.xlsx(List.of("用户名", "姓名", "职称系列"),
                List.of(List.of(nurse, "王芳", "卫生"), List.of(teacher, "林老师", "不存在")));
        MvcResult res = mvc.perform(multipart("/api/v1/imports").file(new MockMultipartFile("file", "职称系列.xlsx",
                "application/octet-stream", file)).param("kind", "TITLE_SERIES").param("dryRun", "true")
                .with(httpBasic(reviewer, TestUsers.PASSWORD))).andReturn();
        assertThat(res.getResponse().getStatus()).isEqualTo(200);
        JsonNode r = JSON.readTree(res.getResponse().getContentAsString(StandardCharsets.UTF_8));
        assertThat(r.get("valid").asInt()).isEqualTo(1);
        // Excel's row numbers: the header is row 1
        assertThat(problems(r, "errors")).singleElement().asString().startsWith("3:titleSeries:");
        assertThat(directory.titleSeriesOf(nurse)).isEmpty();
    }
}
