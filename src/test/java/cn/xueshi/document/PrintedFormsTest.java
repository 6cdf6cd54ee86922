package cn.xueshi.document;

import static cn.xueshi.document.PrintChecks.assertBoxed;
import static cn.xueshi.document.PrintChecks.assertPrintable;
import static cn.xueshi.document.PrintChecks.find;
import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.claim.YearProgress;
import cn.xueshi.rules.Requirement;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * The 登记表 and 汇总表 as they print, read back from the file: A4, the Chinese font named in every cell,
 * no formulas, long names wrapped in rows tall enough, columns at least as wide as their text, and bordered
 * boxes to sign and stamp in.
 */
@org.junit.jupiter.api.Tag("no-database")
class PrintedFormsTest {

    static final String LONG_CONTENT = "国家级继续医学教育项目：重症医学新进展与多学科协作诊疗模式在基层医院的推广应用高级研修班（线上线下结合）";
    static final String LONG_UNIT = "吉林省长春市朝阳区人民政府重庆路街道社区卫生服务中心（长春市朝阳区第二人民医院）";

    private static Sheet read(byte[] xlsx) throws Exception {
        return new XSSFWorkbook(new ByteArrayInputStream(xlsx)).getSheetAt(0);
    }

    static YearRecord record() {
        BigDecimal thirty = BigDecimal.valueOf(30);
        YearProgress p = new YearProgress(2026, "jilin-2026", thirty, BigDecimal.valueOf(64), BigDecimal.valueOf(94),
                new Requirement(BigDecimal.valueOf(90), thirty, BigDecimal.valueOf(60)), true, 2, null);
        return new YearRecord("u1", "欧阳娜娜", "欧阳", 1, LONG_UNIT, 2026, "jilin-2026", "吉林省（2026）", List.of(
                new YearRecord.Line(LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 6), "学术会议", LONG_CONTENT,
                        BigDecimal.ZERO, BigDecimal.valueOf(64), List.of("结业证书（扫描件）.pdf", "会议日程.pdf"), 7),
                new YearRecord.Line(LocalDate.of(2026, 5, 1), null, "公需科目网络学习", "专业技术人员职业道德",
                        thirty, BigDecimal.ZERO, List.of(), 8)),
                p, List.of(new YearRecord.Opinion(7, "同意", "李娜", LocalDate.of(2026, 3, 20),
                        "学时按会议天数认定；" + LONG_CONTENT)), 1, false);
    }

    @Test
    void registrationFormPrintsOnA4InTheChineseFontWithWrappedNamesAndBoxesToSignAndStamp() throws Exception {
        Sheet s = read(new RegistrationFormXlsx().write(record()));
        assertPrintable(s);
        assertThat(s.getPrintSetup().getLandscape()).isTrue();

        int[] content = find(s, LONG_CONTENT);
        Cell cell = s.getRow(content[0]).getCell(content[1]);
        assertThat(cell.getCellStyle().getWrapText()).isTrue();
        assertThat(s.getColumnWidth(content[1])).isLessThan(PrintableSheets.displayWidth(LONG_CONTENT) * 256);
        assertThat(s.getRow(content[0]).getHeightInPoints()).isGreaterThan(s.getDefaultRowHeightInPoints() * 2);
        // dates are not cut: the column is as wide as "2026-03-02 至 2026-03-06"
        int[] date = find(s, "2026-03-02 至 2026-03-06");
        assertThat(s.getColumnWidth(date[1])).isGreaterThanOrEqualTo(PrintableSheets.displayWidth("2026-03-02 至 2026-03-06") * 256);

        for (String label : new String[] {"本人签字：", "单位审核人签字（盖章）："}) {
            int[] at = find(s, label);
            assertBoxed(s, at[0], at[1]);
            assertBoxed(s, at[0], 2); // the box to sign (or stamp) in beside the label
            assertBoxed(s, at[0], 5); // the date box
            assertThat(PrintableSheets.shown(s.getRow(at[0]).getCell(2))).doesNotContain("_");
        }
        int[] seal = find(s, "（加盖单位公章）");
        assertBoxed(s, seal[0], seal[1]);
        var region = PrintableSheets.merged(s, seal[0], seal[1]);
        float sealHeight = 0;
        for (int r = region.getFirstRow(); r <= region.getLastRow(); r++) {
            sealHeight += s.getRow(r).getHeightInPoints();
        }
        assertThat(sealHeight).as("room for a 4.2 cm seal").isGreaterThanOrEqualTo(110f);
    }

    @Test
    void unitSummaryPrintsOnA4WithTheUnitNameWrappedAndTheSealBox() throws Exception {
        UnitSummary u = new UnitSummary(1, LONG_UNIT, 2026, "吉林省（2026）", List.of(
                new UnitSummary.Row("u1", "欧阳娜娜", BigDecimal.valueOf(30), BigDecimal.valueOf(64), BigDecimal.valueOf(94),
                        BigDecimal.valueOf(90), BigDecimal.valueOf(30), BigDecimal.valueOf(60), true, 2),
                new UnitSummary.Row("u2", "阿卜杜热合曼·买买提", BigDecimal.ZERO, BigDecimal.TEN, BigDecimal.TEN,
                        BigDecimal.valueOf(90), BigDecimal.valueOf(30), BigDecimal.valueOf(60), false, 1)));
        Sheet s = read(new UnitSummaryXlsx().write(u));
        assertPrintable(s);
        int[] name = find(s, "阿卜杜热合曼·买买提");
        assertThat(s.getColumnWidth(name[1])).isGreaterThanOrEqualTo(PrintableSheets.displayWidth("阿卜杜热合曼·买买提") * 256);
        int[] head = find(s, "填报单位：" + LONG_UNIT + "　　适用规则：吉林省（2026）");
        assertThat(s.getRow(head[0]).getCell(head[1]).getCellStyle().getWrapText()).isTrue();
        for (String label : new String[] {"填报单位（盖章）：", "（加盖单位公章）", "经办人签字：", "日期："}) {
            int[] at = find(s, label);
            assertBoxed(s, at[0], at[1]);
            assertBoxed(s, at[0], at[1] + (label.endsWith("：") ? (label.startsWith("填报") ? 2 : 1) : 0));
        }
    }

    @Test
    void aChineseCharacterIsTwoDigitsWide() {
        assertThat(PrintableSheets.displayWidth("2026")).isEqualTo(4);
        assertThat(PrintableSheets.displayWidth("学时证明")).isEqualTo(8);
        assertThat(PrintableSheets.displayWidth("（盖章）：")).isEqualTo(10);
        assertThat(PrintableSheets.displayWidth("a学b")).isEqualTo(4);
    }
}
