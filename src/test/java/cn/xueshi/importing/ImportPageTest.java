package cn.xueshi.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.xueshi.identity.Unit;
import cn.xueshi.identity.UnitType;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The /imports page: template download, upload → dry-run report with Chinese messages → commit; a bad file gets its
 * message beside the field; the error report and the 登记表 of imported records keep "=…" as text (no formula).
 */
@IntegrationTest
class ImportPageTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    TestUsers users;

    String admin;
    String person;

    @BeforeEach
    void people() {
        admin = users.user("adm", "管", "理", "camunda-admin");
        Unit qd = users.unit("青岛页面医院", UnitType.STATE_OWNED, "QINGDAO", "qingdao-2023");
        person = users.member(qd, "孙", "丽");
    }

    static RequestPostProcessor as(String id, String... roles) {
        return user(id).roles(roles);
    }

    @Test
    void templateUploadReportCommit() throws Exception {
        MvcResult page = mvc.perform(get("/imports").with(as(admin, "camunda-admin"))).andReturn();
        assertThat(page.getResponse().getStatus()).isEqualTo(200);
        assertThat(page.getResponse().getContentAsString()).contains("历史学时").contains("下载");

        MvcResult template = mvc.perform(get("/imports/template").param("kind", "HISTORY")
                .with(as(admin, "camunda-admin"))).andReturn();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(template.getResponse().getContentAsByteArray()))) {
            Row header = book.getSheetAt(0).getRow(0);
            assertThat(header.getCell(0).getStringCellValue()).isEqualTo("用户名");
            assertThat(header.getLastCellNum()).isEqualTo((short) 10);
        }

        byte[] file = ImportFiles.xlsx(HistoryImportTest.HEADER, List.of(
                List.of(person, "孙丽", 2024, "2024-03-01", "=1+2", "单位台账", "", "", 5, 5),
                List.of("nobody-x", "", 2024, "2024-03-01", "讲座", "单位台账", "", "", 5, 5)));
        MvcResult upload = mvc.perform(multipart("/imports").file(new MockMultipartFile("file", "台账.xlsx",
                "application/octet-stream", file)).param("kind", "HISTORY").with(csrf()).with(as(admin, "camunda-admin")))
                .andReturn();
        assertThat(upload.getResponse().getStatus()).isEqualTo(302);
        String jobUrl = upload.getResponse().getRedirectedUrl();
        String report = mvc.perform(get(jobUrl).with(as(admin, "camunda-admin"))).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(report).contains("尚未写入任何记录").contains("找不到用户“nobody-x”").contains("确认导入 1 行");

        MvcResult errors = mvc.perform(get(jobUrl + "/report.xlsx").with(as(admin, "camunda-admin"))).andReturn();
        assertNoFormula(errors.getResponse().getContentAsByteArray());

        MvcResult commit = mvc.perform(post(jobUrl + "/commit").with(csrf()).with(as(admin, "camunda-admin")))
                .andReturn();
        assertThat(commit.getResponse().getStatus()).isEqualTo(302);
        assertThat(mvc.perform(get(jobUrl).with(as(admin, "camunda-admin"))).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8)).contains("已导入 1 条记录");

        // the person's 登记表 lists the imported record; its "=1+2" title is a text cell, never a formula
        MvcResult form = mvc.perform(get("/documents/registration-form").param("year", "2024")
                .with(as(person, "employee"))).andReturn();
        assertThat(form.getResponse().getStatus()).isEqualTo(200);
        List<String> texts = assertNoFormula(form.getResponse().getContentAsByteArray());
        assertThat(texts).anyMatch(t -> t.contains("=1+2"));
    }

    @Test
    void aBadFileIsExplainedBesideTheField() throws Exception {
        MvcResult r = mvc.perform(multipart("/imports").file(new MockMultipartFile("file", "坏.xlsx",
                "application/octet-stream", new byte[] {'P', 'K', 3, 4, 1, 2, 3})).param("kind", "HISTORY").with(csrf())
                .with(as(admin, "camunda-admin"))).andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(200);
        String html = r.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("is-invalid").contains("坏.xlsx").contains("无法作为 Excel");
    }

    @Test
    void peopleWhoMayImportNothingAreRefused() throws Exception {
        assertThat(mvc.perform(get("/imports").with(as(person, "employee"))).andReturn().getResponse().getStatus())
                .isEqualTo(403);
        assertThat(mvc.perform(get("/imports/template").param("kind", "HISTORY").with(as(person, "employee")))
                .andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(mvc.perform(get("/imports/no-such-import").with(as(admin, "camunda-admin"))).andReturn()
                .getResponse().getStatus()).isEqualTo(404);
    }

    /** Every cell of every sheet, as text; fails on any formula cell. */
    static List<String> assertNoFormula(byte[] xlsx) throws Exception {
        List<String> texts = new ArrayList<>();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            for (Sheet sheet : book) {
                for (Row row : sheet) {
                    for (Cell cell : row) {
                        assertThat(cell.getCellType()).as("cell %s", cell.getAddress()).isNotEqualTo(CellType.FORMULA);
                        if (cell.getCellType() == CellType.STRING) {
                            texts.add(cell.getStringCellValue());
                        }
                    }
                }
            }
        }
        return texts;
    }
}
