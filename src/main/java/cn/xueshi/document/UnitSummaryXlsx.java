package cn.xueshi.document;

import static cn.xueshi.document.SheetStyles.box;
import static cn.xueshi.document.SheetStyles.merge;
import static cn.xueshi.document.SheetStyles.put;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.stereotype.Component;

/**
 * 专业技术人员继续教育学时登记备案汇总表 (Yuxi notice, attachment 2) as .xlsx: one row per member with
 * the year's hours by subject, the requirement, 达标/未达标 and the number of registered claims, then
 * the unit's totals and the cells the notice asks the filing unit to sign and stamp.
 */
@Component
class UnitSummaryXlsx {

    static final String SHEET = "汇总表";
    /** Row index of the column headers; members follow from the next row. */
    static final int HEADER_ROW = 3;
    private static final int LAST_COLUMN = 7;
    /** Longer names wrap within their cell. */
    private static final int MAX_COLUMN_CHARS = 30;

    byte[] write(UnitSummary u) {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet s = wb.createSheet(SHEET);
            SheetStyles st = new SheetStyles(wb);
            int[] widths = {6, 14, 12, 12, 12, 12, 12, 12};
            for (int i = 0; i < widths.length; i++) {
                s.setColumnWidth(i, widths[i] * 256);
            }
            put(s, 0, 0, u.year() + "年度专业技术人员继续教育学时登记备案汇总表", st.title);
            merge(s, 0, 0, 7, st.title);
            put(s, 1, 0, "填报单位：" + u.unitName() + "　　适用规则：" + u.ruleSetName(), st.plain);
            merge(s, 1, 0, LAST_COLUMN, st.plain);

            String[] head = {"序号", "姓名", "公需科目学时", "专业科目学时", "合计学时", "年度要求学时", "是否达标", "登记项数"};
            for (int i = 0; i < head.length; i++) {
                put(s, HEADER_ROW, i, head[i], st.header);
            }
            int row = HEADER_ROW;
            int n = 0;
            for (UnitSummary.Row m : u.rows()) {
                row++;
                put(s, row, 0, ++n, st.hours);
                put(s, row, 1, m.note() == null ? m.name() : m.name() + "（" + m.note() + "）", st.text);
                put(s, row, 2, Hours.value(m.publicHours()), st.hours);
                put(s, row, 3, Hours.value(m.professionalHours()), st.hours);
                put(s, row, 4, Hours.value(m.totalHours()), st.hours);
                put(s, row, 5, Hours.value(m.requiredTotal()), st.hours);
                put(s, row, 6, m.movedOut() ? "已调出" : m.compliant() ? "达标" : "未达标", st.text);
                put(s, row, 7, m.registeredClaims(), st.hours);
            }
            row++;
            put(s, row, 0, "合计", st.header);
            put(s, row, 1, u.rows().size() + " 人", st.text);
            put(s, row, 2, Hours.value(u.publicTotal()), st.hours);
            put(s, row, 3, Hours.value(u.professionalTotal()), st.hours);
            put(s, row, 4, Hours.value(u.total()), st.hours);
            put(s, row, 5, "", st.text);
            put(s, row, 6, "达标 " + u.compliantCount() + " 人", st.text);
            put(s, row, 7, u.registeredClaims(), st.hours);
            if (!u.rows().isEmpty()) {
                UnitSummary.Row first = u.rows().get(0);
                row++;
                put(s, row, 0, "注：年度要求为合计不少于 " + Hours.text(first.requiredTotal()) + " 学时，其中公需科目不少于 "
                        + Hours.text(first.requiredPublic()) + " 学时、专业科目不少于 "
                        + Hours.text(first.requiredProfessional()) + " 学时；只计登记完成或已备案的学时。", st.plain);
                merge(s, row, 0, LAST_COLUMN, st.plain);
            }
            // what the notice asks the filing unit to fill in: its seal, the clerk's signature and the date,
            // as boxes to stamp and sign in
            row += 2;
            box(s, row, row + 2, 0, 1, RegistrationFormXlsx.SEAL_ROW_HEIGHT, "填报单位（盖章）：", st.header);
            box(s, row, row + 2, 2, 4, RegistrationFormXlsx.SEAL_ROW_HEIGHT, "（加盖单位公章）", st.box);
            box(s, row, row + 1, 5, 5, RegistrationFormXlsx.SEAL_ROW_HEIGHT, "经办人签字：", st.header);
            box(s, row, row + 1, 6, 7, RegistrationFormXlsx.SEAL_ROW_HEIGHT, null, st.box);
            put(s, row + 2, 5, "日期：", st.header);
            box(s, row + 2, row + 2, 6, 7, RegistrationFormXlsx.SEAL_ROW_HEIGHT, null, st.box);

            PrintableSheets.fitColumns(s, widths, MAX_COLUMN_CHARS);
            PrintableSheets.fitRowHeights(s);
            PrintableSheets.a4(s, true);
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
