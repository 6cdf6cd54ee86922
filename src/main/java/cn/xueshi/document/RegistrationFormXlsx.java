package cn.xueshi.document;

import static cn.xueshi.document.SheetStyles.box;
import static cn.xueshi.document.SheetStyles.merge;
import static cn.xueshi.document.SheetStyles.put;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.stereotype.Component;

/**
 * 专业技术人员继续教育学时登记表 (Yuxi notice, attachment 1) as .xlsx: who, the counted activities in
 * date order with their evidence, the year's totals against the requirement, the unit's opinion and
 * the cells to sign. Columns: A 序号, B 日期, C 活动类型, D 学习内容, E 公需, F 专业, G 证明材料.
 */
@Component
class RegistrationFormXlsx {

    static final String SHEET = "登记表";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final int LAST_COLUMN = 6;
    /** Wider text wraps within its cell (学习内容, 证明材料). */
    private static final int MAX_COLUMN_CHARS = 40;
    /** Points: a row to sign in; three rows for the seal box, about 4.2 cm (a unit's round seal). */
    static final float SIGN_HEIGHT = 30;
    static final float SEAL_ROW_HEIGHT = 40;

    byte[] write(YearRecord r) {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet s = wb.createSheet(SHEET);
            SheetStyles st = new SheetStyles(wb);
            int[] widths = {6, 24, 22, 36, 12, 12, 36};
            for (int i = 0; i < widths.length; i++) {
                s.setColumnWidth(i, widths[i] * 256);
            }
            put(s, 0, 0, r.year() + "年度专业技术人员继续教育学时登记表", st.title);
            merge(s, 0, 0, 6, st.title);

            put(s, 2, 0, "姓名", st.header);
            merge(s, 2, 0, 1, st.header);
            put(s, 2, 2, r.name(), st.text);
            put(s, 2, 3, "工作单位", st.header);
            put(s, 2, 4, r.unitName(), st.text);
            merge(s, 2, 4, 6, st.text);
            put(s, 3, 0, "年度", st.header);
            merge(s, 3, 0, 1, st.header);
            put(s, 3, 2, String.valueOf(r.year()), st.text);
            put(s, 3, 3, "适用规则", st.header);
            put(s, 3, 4, r.ruleSetName(), st.text);
            merge(s, 3, 4, 6, st.text);

            int row = 5;
            String[] head = {"序号", "日期", "活动类型", "学习内容", "公需科目学时", "专业科目学时", "证明材料"};
            for (int i = 0; i < head.length; i++) {
                put(s, row, i, head[i], st.header);
            }
            int n = 0;
            for (YearRecord.Line line : r.lines()) {
                row++;
                put(s, row, 0, ++n, st.hours);
                String date = DATE.format(line.date())
                        + (line.end() == null || line.end().equals(line.date()) ? "" : " 至 " + DATE.format(line.end()));
                put(s, row, 1, date, st.text);
                put(s, row, 2, line.activityType(), st.text);
                put(s, row, 3, line.content(), st.text);
                put(s, row, 4, Hours.value(line.publicHours()), st.hours);
                put(s, row, 5, Hours.value(line.professionalHours()), st.hours);
                put(s, row, 6, String.join("、", line.evidence()), st.text);
            }
            if (r.lines().isEmpty()) {
                row++;
                put(s, row, 0, "本年度尚无登记完成的学时", st.text);
                merge(s, row, 0, 6, st.text);
            }

            row += 2;
            put(s, row, 0, "学时汇总", st.header);
            merge(s, row, 0, 3, st.header);
            put(s, row, 4, "公需科目", st.header);
            put(s, row, 5, "专业科目", st.header);
            put(s, row, 6, "合计", st.header);
            var p = r.progress();
            row++;
            put(s, row, 0, "已登记学时", st.text);
            merge(s, row, 0, 3, st.text);
            put(s, row, 4, Hours.value(p.publicHours()), st.hours);
            put(s, row, 5, Hours.value(p.professionalHours()), st.hours);
            put(s, row, 6, Hours.value(p.totalHours()), st.hours);
            row++;
            put(s, row, 0, "年度要求（不少于）", st.text);
            merge(s, row, 0, 3, st.text);
            put(s, row, 4, Hours.value(p.requirement().publicMin()), st.hours);
            put(s, row, 5, Hours.value(p.requirement().professionalMin()), st.hours);
            put(s, row, 6, Hours.value(p.requirement().total()), st.hours);
            row++;
            put(s, row, 0, "是否达标", st.text);
            merge(s, row, 0, 3, st.text);
            put(s, row, 4, p.compliant() ? "达标" : "未达标", st.text);
            merge(s, row, 4, 6, st.text);
            row++;
            put(s, row, 0, "注：合计按适用规则的年度限额和汇总规则计算，可能小于各项学时之和；"
                    + "仅列登记完成（公示期满）或已备案的学时。", st.plain);
            merge(s, row, 0, LAST_COLUMN, st.plain);
            if (r.pendingClaims() > 0) {
                row++;
                put(s, row, 0, "另有 " + r.pendingClaims() + " 项学时登记尚在审核、修改或公示中，未计入本表。", st.plain);
                merge(s, row, 0, LAST_COLUMN, st.plain);
            }

            row += 2;
            put(s, row, 0, "单位意见", st.header);
            merge(s, row, 0, 6, st.header);
            row++;
            String[] opHead = {"登记编号", "审核意见", "审核人", "审核日期", "说明"};
            for (int i = 0; i < opHead.length; i++) {
                put(s, row, i, opHead[i], st.header);
            }
            merge(s, row, 4, 6, st.header);
            for (YearRecord.Opinion o : r.opinions()) {
                row++;
                put(s, row, 0, "#" + o.claimId(), st.text);
                put(s, row, 1, o.decisionZh(), st.text);
                put(s, row, 2, o.reviewerName(), st.text);
                put(s, row, 3, o.date() == null ? "" : DATE.format(o.date()), st.text);
                put(s, row, 4, o.comment(), st.text);
                merge(s, row, 4, 6, st.text);
            }

            // boxes to sign and stamp in: the holder's signature, then the reviewer's with the unit's seal
            row += 2;
            put(s, row, 0, "本人签字：", st.header);
            merge(s, row, 0, 1, st.header);
            box(s, row, row, 2, 3, SIGN_HEIGHT, null, st.box);
            put(s, row, 4, "日期：", st.header);
            box(s, row, row, 5, 6, SIGN_HEIGHT, null, st.box);
            row++;
            box(s, row, row + 2, 0, 1, SEAL_ROW_HEIGHT, "单位审核人签字（盖章）：", st.header);
            box(s, row, row + 2, 2, 3, SEAL_ROW_HEIGHT, "（加盖单位公章）", st.box);
            box(s, row, row + 2, 4, 4, SEAL_ROW_HEIGHT, "日期：", st.header);
            box(s, row, row + 2, 5, 6, SEAL_ROW_HEIGHT, null, st.box);

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
