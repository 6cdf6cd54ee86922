package cn.xueshi.document;

import static cn.xueshi.document.Downloads.bytes;
import static cn.xueshi.document.Downloads.employee;
import static cn.xueshi.document.Downloads.fetch;
import static cn.xueshi.document.Downloads.number;
import static cn.xueshi.document.Downloads.rowContaining;
import static cn.xueshi.document.Downloads.rowOf;
import static cn.xueshi.document.Downloads.sheet;
import static cn.xueshi.document.Downloads.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.xueshi.evidence.EvidenceStore;
import cn.xueshi.rules.RecognitionService;
import cn.xueshi.rules.Requirement;
import cn.xueshi.support.IntegrationTest;
import org.apache.poi.ss.usermodel.Sheet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** 登记表 (attachment 1) read back cell by cell. */
@IntegrationTest
class RegistrationFormTest {

    static final byte[] PDF = cn.xueshi.evidence.EvidenceSamples.pdf();

    @Autowired
    MockMvc mvc;
    @Autowired
    DocumentFixtures fixtures;
    @Autowired
    EvidenceStore evidence;
    @Autowired
    RecognitionService recognition;

    @Test
    void registrationFormListsCountedActivitiesInDateOrderWithTotalsAndTheUnitsOpinion() throws Exception {
        DocumentFixtures.Year y = fixtures.compliantYear();
        String me = y.setup().employee();
        evidence.insert(y.approved().getId(), null, "会议通知.pdf", PDF, me);

        fetch(mvc, "/documents/registration-form?year=2026", employee(me))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", DocumentController.XLSX.toString()))
                .andExpect(header().string("Content-Disposition",
                        org.hamcrest.Matchers.containsString("attachment")));
        Sheet s = sheet(bytes(mvc, "/documents/registration-form?year=2026", employee(me)));

        assertThat(s.getSheetName()).isEqualTo(RegistrationFormXlsx.SHEET);
        assertThat(text(s, 0, 0)).isEqualTo("2026年度专业技术人员继续教育学时登记表");
        assertThat(text(s, 2, 2)).isEqualTo("王小明");
        assertThat(text(s, 2, 4)).isEqualTo("长春市第一医院");
        assertThat(text(s, 3, 2)).isEqualTo("2026");
        assertThat(text(s, 3, 4)).contains("吉林");

        // items in date order: the adjusted claim (10 Feb) with the reviewer's hours, then 2 Mar
        assertThat(text(s, 5, 4)).isEqualTo("公需科目学时");
        assertThat(text(s, 6, 1)).isEqualTo("2026-02-10");
        assertThat(text(s, 6, 2)).isEqualTo("专业学习与交流");
        assertThat(number(s, 6, 4)).isEqualTo(30);
        assertThat(number(s, 6, 5)).isEqualTo(40);
        assertThat(text(s, 6, 6)).isEmpty();
        assertThat(text(s, 7, 1)).isEqualTo("2026-03-02");
        assertThat(number(s, 7, 4)).isZero();
        assertThat(number(s, 7, 5)).isEqualTo(24);
        assertThat(text(s, 7, 6)).isEqualTo("会议通知.pdf");
        assertThat(text(s, 8, 0)).isEmpty(); // the claim still in review is not listed

        Requirement required = recognition.standards("jilin-2026").orElseThrow().requirement();
        int totals = rowOf(s, "已登记学时");
        assertThat(number(s, totals, 4)).isEqualTo(30);
        assertThat(number(s, totals, 5)).isEqualTo(64);
        assertThat(number(s, totals, 6)).isEqualTo(94);
        int requirement = rowOf(s, "年度要求（不少于）");
        assertThat(number(s, requirement, 4)).isEqualTo(required.publicMin().doubleValue());
        assertThat(number(s, requirement, 5)).isEqualTo(required.professionalMin().doubleValue());
        assertThat(number(s, requirement, 6)).isEqualTo(required.total().doubleValue());
        assertThat(text(s, rowOf(s, "是否达标"), 4)).isEqualTo("达标");
        assertThat(rowContaining(s, "另有 1 项学时登记尚在审核")).isPositive();

        int adjusted = rowOf(s, "#" + y.adjusted().getId());
        assertThat(text(s, adjusted, 1)).isEqualTo("调整后认定");
        assertThat(text(s, adjusted, 2)).isEqualTo("李审核");
        assertThat(text(s, adjusted, 4)).isEqualTo("其中公需讲座30学时");
        int approved = rowOf(s, "#" + y.approved().getId());
        assertThat(text(s, approved, 1)).isEqualTo("同意认定");
        assertThat(text(s, approved, 4)).isEqualTo("材料齐全，同意");
        assertThat(text(s, approved, 3)).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(rowOf(s, "本人签字：")).isGreaterThan(approved);
        assertThat(rowOf(s, "单位审核人签字（盖章）：")).isGreaterThan(approved);
    }

    @Test
    void aYearWithoutRegisteredHoursStillGivesAFormWithZeroTotals() throws Exception {
        DocumentFixtures.Year y = fixtures.compliantYear();
        Sheet s = sheet(bytes(mvc, "/documents/registration-form?year=2026", employee(y.secondMember())));
        assertThat(text(s, 2, 2)).isEqualTo("欧阳娜娜");
        assertThat(text(s, 6, 0)).isEqualTo("本年度尚无登记完成的学时");
        assertThat(number(s, rowOf(s, "已登记学时"), 6)).isZero();
        assertThat(text(s, rowOf(s, "是否达标"), 4)).isEqualTo("未达标");
    }
}
