package cn.xueshi.document;

import static cn.xueshi.document.Downloads.as;
import static cn.xueshi.document.Downloads.bytes;
import static cn.xueshi.document.Downloads.number;
import static cn.xueshi.document.Downloads.sheet;
import static cn.xueshi.document.Downloads.text;
import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.identity.Groups;
import cn.xueshi.rules.RecognitionService;
import cn.xueshi.support.IntegrationTest;
import org.apache.poi.ss.usermodel.Sheet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** 登记备案汇总表 (attachment 2) read back cell by cell. */
@IntegrationTest
class UnitSummaryTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    DocumentFixtures fixtures;
    @Autowired
    RecognitionService recognition;

    @Test
    void summaryHasOneRowPerMemberWithHoursComplianceAndClaimsThenTheUnitsTotals() throws Exception {
        DocumentFixtures.Year y = fixtures.compliantYear();
        long unit = y.setup().unit().getId();
        Sheet s = sheet(bytes(mvc, "/documents/units/" + unit + "/summary?year=2026",
                as(y.setup().reviewer(), Groups.REVIEWER)));
        double required = recognition.standards("jilin-2026").orElseThrow().requirement().total().doubleValue();

        assertThat(text(s, 0, 0)).isEqualTo("2026年度专业技术人员继续教育学时登记备案汇总表");
        assertThat(text(s, 1, 0)).contains("长春市第一医院");
        int h = UnitSummaryXlsx.HEADER_ROW;
        assertThat(text(s, h, 1)).isEqualTo("姓名");
        assertThat(text(s, h, 6)).isEqualTo("是否达标");

        assertThat(text(s, h + 1, 1)).isEqualTo("欧阳娜娜");
        assertThat(number(s, h + 1, 2)).isZero();
        assertThat(number(s, h + 1, 3)).isZero();
        assertThat(number(s, h + 1, 4)).isZero();
        assertThat(number(s, h + 1, 5)).isEqualTo(required);
        assertThat(text(s, h + 1, 6)).isEqualTo("未达标");
        assertThat(number(s, h + 1, 7)).isZero();

        assertThat(text(s, h + 2, 1)).isEqualTo("王小明");
        assertThat(number(s, h + 2, 2)).isEqualTo(30);
        assertThat(number(s, h + 2, 3)).isEqualTo(64);
        assertThat(number(s, h + 2, 4)).isEqualTo(94);
        assertThat(number(s, h + 2, 5)).isEqualTo(required);
        assertThat(text(s, h + 2, 6)).isEqualTo("达标");
        assertThat(number(s, h + 2, 7)).isEqualTo(2);

        assertThat(text(s, h + 3, 0)).isEqualTo("合计");
        assertThat(text(s, h + 3, 1)).isEqualTo("2 人");
        assertThat(number(s, h + 3, 2)).isEqualTo(30);
        assertThat(number(s, h + 3, 3)).isEqualTo(64);
        assertThat(number(s, h + 3, 4)).isEqualTo(94);
        assertThat(text(s, h + 3, 6)).isEqualTo("达标 1 人");
        assertThat(number(s, h + 3, 7)).isEqualTo(2);
    }
}
