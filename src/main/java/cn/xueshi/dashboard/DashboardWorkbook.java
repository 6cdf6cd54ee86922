package cn.xueshi.dashboard;

import cn.xueshi.dashboard.ClaimFlowQueries.Holder;
import cn.xueshi.dashboard.ClaimFlowQueries.StepBacklog;
import cn.xueshi.dashboard.ClaimFlowQueries.StepTime;
import cn.xueshi.dashboard.ClaimFlowQueries.Week;
import cn.xueshi.dashboard.ComplianceQueries.HoursByType;
import cn.xueshi.dashboard.ComplianceQueries.PersonRow;
import cn.xueshi.dashboard.ComplianceQueries.UnitRow;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import cn.xueshi.document.PrintableSheets;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.stereotype.Component;

/**
 * The dashboard's current view as an .xlsx workbook: one sheet per table, headings in the viewer's language,
 * values only (no formulas), in the Chinese font, columns as wide as their text (long unit names wrap), A4.
 */
@Component
class DashboardWorkbook {

    /** Characters a column grows to at most; longer text (a unit's full name) wraps. */
    private static final int MAX_COLUMN_CHARS = 40;

    private final DashboardLabels labels;

    DashboardWorkbook(DashboardLabels labels) {
        this.labels = labels;
    }

    byte[] overview(Overview o, Map<String, String> jurisdictionNames, Locale locale) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            Sheet states = sheet(wb, locale, "dashboard.states", "dashboard.col.state", "dashboard.col.count");
            o.claimsByState().forEach((st, n) -> row(states, labels.state(st, locale), n));
            Sheet weeks = sheet(wb, locale, "dashboard.throughput", "dashboard.col.week", "dashboard.col.submitted",
                    "dashboard.col.registered");
            for (Week w : o.throughput()) {
                row(weeks, w.monday().toString(), w.submitted(), w.registered());
            }
            Sheet backlog = sheet(wb, locale, "dashboard.backlog", "dashboard.col.step", "dashboard.col.open",
                    "dashboard.col.overdue");
            for (StepBacklog b : o.backlog()) {
                row(backlog, labels.step(b.taskKey(), locale), b.open(), b.overdue());
            }
            Sheet holders = sheet(wb, locale, "dashboard.holders", "dashboard.col.holder", "dashboard.col.open",
                    "dashboard.col.overdue");
            for (Holder h : o.holders()) {
                row(holders, o.holderNames().getOrDefault(h.holder(), h.holder()), h.open(), h.overdue());
            }
            Sheet steps = sheet(wb, locale, "dashboard.stepTimes", "dashboard.col.step", "dashboard.col.count",
                    "dashboard.col.meanHours", "dashboard.col.p90Hours");
            for (StepTime t : o.stepTimes()) {
                row(steps, labels.step(t.taskKey(), locale), t.count(), DashboardController.hours(t.meanMillis()),
                        DashboardController.hours(t.p90Millis()));
            }
            Sheet objections = sheet(wb, locale, "dashboard.objections", "dashboard.col.state", "dashboard.col.count");
            o.objections().forEach((st, n) -> row(objections, labels.objection(st, locale), n));
            Map<String, String> types = labels.activityTypes(locale);
            Sheet hours = sheet(wb, locale, "dashboard.hours", "dashboard.col.activityType", "dashboard.col.items",
                    "dashboard.col.public", "dashboard.col.professional");
            for (HoursByType h : o.hoursByType()) {
                row(hours, types.getOrDefault(h.activityType(), h.activityType()), h.items(), h.publicHours(),
                        h.professionalHours());
            }
            Sheet units = sheet(wb, locale, "dashboard.units", "dashboard.col.unitCode", "dashboard.col.unit",
                    "dashboard.col.jurisdiction", "dashboard.col.persons", "dashboard.col.judged", "dashboard.col.compliant",
                    "dashboard.col.share", "dashboard.col.filing", "dashboard.col.deadline", "dashboard.col.filingOverdue",
                    "dashboard.col.obligations", "dashboard.col.obligationsOverdue");
            for (UnitRow u : o.units()) {
                row(units, u.code(), u.name(), jurisdictionNames.getOrDefault(u.jurisdiction(), u.jurisdiction()),
                        u.persons(), u.judged(), u.compliant(), u.compliantShare(), labels.filing(u.filingStatus(), locale),
                        u.filingDeadline() == null ? "" : u.filingDeadline().toString(),
                        labels.text(u.filingOverdue(o.today()) ? "dashboard.yes" : "dashboard.no", locale),
                        u.openObligations(), u.overdueObligations());
            }
            Sheet health = sheet(wb, locale, "dashboard.health", "dashboard.col.measure", "dashboard.col.count");
            row(health, labels.text("dashboard.incidents", locale), o.health().incidents());
            row(health, labels.text("dashboard.failedJobs", locale), o.health().failedJobs());
            return bytes(wb);
        }
    }

    byte[] people(List<PersonRow> people, Locale locale) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            Sheet s = sheet(wb, locale, "dashboard.people", "dashboard.col.person", "dashboard.col.userId",
                    "dashboard.col.claims", "dashboard.col.public", "dashboard.col.professional",
                    "dashboard.col.reducedPublic", "dashboard.col.reducedProfessional", "dashboard.col.compliance");
            Function<Boolean, String> yesNo = b -> b == null ? labels.text("dashboard.noRules", locale)
                    : labels.text(b ? "dashboard.yes" : "dashboard.no", locale);
            for (PersonRow p : people) {
                row(s, p.name(), p.userId(), p.claims(), p.publicHours(), p.professionalHours(), p.reducedPublic(),
                        p.reducedProfessional(), yesNo.apply(p.compliant()));
            }
            return bytes(wb);
        }
    }

    private Sheet sheet(XSSFWorkbook wb, Locale locale, String titleKey, String... headingKeys) {
        if (wb.getNumberOfSheets() == 0) {
            PrintableSheets.chineseFont(wb);
        }
        Sheet sheet = wb.createSheet(labels.text(titleKey, locale));
        Row head = sheet.createRow(0);
        CellStyle style = headerStyle(wb);
        for (int i = 0; i < headingKeys.length; i++) {
            Cell c = head.createCell(i);
            c.setCellValue(labels.text(headingKeys[i], locale));
            c.setCellStyle(style);
        }
        sheet.createFreezePane(0, 1);
        return sheet;
    }

    private static CellStyle headerStyle(XSSFWorkbook wb) {
        for (int i = 0; i < wb.getNumCellStyles(); i++) {
            CellStyle s = wb.getCellStyleAt(i);
            if (wb.getFontAt(s.getFontIndex()).getBold()) {
                return s;
            }
        }
        Font bold = PrintableSheets.font(wb);
        bold.setBold(true);
        CellStyle s = wb.createCellStyle();
        s.setFont(bold);
        s.setWrapText(true);
        s.setVerticalAlignment(VerticalAlignment.CENTER);
        s.setBorderBottom(BorderStyle.THIN);
        return s;
    }

    /** Text wraps (at {@link #MAX_COLUMN_CHARS}), top-aligned so a wrapped row still reads across. */
    private static CellStyle textStyle(XSSFWorkbook wb) {
        for (int i = 0; i < wb.getNumCellStyles(); i++) {
            CellStyle s = wb.getCellStyleAt(i);
            if (s.getWrapText() && !wb.getFontAt(s.getFontIndex()).getBold()) {
                return s;
            }
        }
        CellStyle s = wb.createCellStyle();
        s.setWrapText(true);
        s.setVerticalAlignment(VerticalAlignment.TOP);
        return s;
    }

    private static void row(Sheet sheet, Object... values) {
        Row r = sheet.createRow(sheet.getLastRowNum() + 1);
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v instanceof Number n) {
                r.createCell(i).setCellValue(v instanceof BigDecimal b ? b.doubleValue() : n.doubleValue());
            } else if (v != null) {
                Cell c = r.createCell(i);
                c.setCellValue(v.toString());
                c.setCellStyle(textStyle((XSSFWorkbook) sheet.getWorkbook()));
            } else {
                r.createCell(i);
            }
        }
    }

    private static byte[] bytes(XSSFWorkbook wb) throws IOException {
        for (Sheet s : wb) {
            PrintableSheets.fitColumns(s, new int[0], MAX_COLUMN_CHARS);
            PrintableSheets.fitRowHeights(s);
            PrintableSheets.a4(s, true);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        wb.write(out);
        return out.toByteArray();
    }
}
