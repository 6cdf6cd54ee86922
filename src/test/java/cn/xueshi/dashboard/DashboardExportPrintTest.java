package cn.xueshi.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.xueshi.dashboard.ComplianceQueries.PersonRow;
import cn.xueshi.document.PrintChecks;
import cn.xueshi.document.PrintableSheets;
import cn.xueshi.identity.Groups;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** The dashboard export as it prints: A4, the Chinese font, values only, columns fitted and long names wrapped. */
@IntegrationTest
class DashboardExportPrintTest {

    static final String LONG_NAME = "阿卜杜热合曼·买买提江（吉林省长春市朝阳区人民政府重庆路街道社区卫生服务中心）";

    @Autowired
    MockMvc mvc;
    @Autowired
    DashboardWorkbook workbook;
    @Autowired
    TestUsers users;

    @Test
    void everySheetOfTheOverviewExportPrintsOnA4InTheChineseFont() throws Exception {
        String admin = users.user("adm", "管", "理", Groups.ADMIN);
        byte[] body = mvc.perform(get("/dashboard/export.xlsx").param("year", "2026").with(user(admin).roles(Groups.ADMIN)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(body))) {
            assertThat(wb.getNumberOfSheets()).isGreaterThan(5);
            for (Sheet s : wb) {
                PrintChecks.assertPrintable(s);
            }
            // headings are not cut: "各单位达标、备案与补学" has long Chinese column titles
            Sheet units = wb.getSheet("各单位达标、备案与补学");
            for (Cell head : units.getRow(0)) {
                assertThat(units.getColumnWidth(head.getColumnIndex()))
                        .as(head.getStringCellValue())
                        .isGreaterThanOrEqualTo(PrintableSheets.displayWidth(head.getStringCellValue()) * 256);
            }
        }
    }

    @Test
    void aLongNameWrapsInARowTallEnoughAndShortOnesFitTheirColumn() throws Exception {
        byte[] body = workbook.people(List.of(
                new PersonRow("u1", LONG_NAME, 3, BigDecimal.TEN, BigDecimal.ONE, null, null, true),
                new PersonRow("u2", "王伟", 1, BigDecimal.ZERO, BigDecimal.ONE, null, null, null)), Locale.SIMPLIFIED_CHINESE);
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(body))) {
            Sheet s = wb.getSheetAt(0);
            PrintChecks.assertPrintable(s);
            Cell name = s.getRow(1).getCell(0);
            assertThat(name.getStringCellValue()).isEqualTo(LONG_NAME);
            assertThat(name.getCellStyle().getWrapText()).isTrue();
            assertThat(s.getRow(1).getHeightInPoints()).isGreaterThan(s.getRow(2).getHeightInPoints());
        }
    }
}
