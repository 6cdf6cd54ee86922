package cn.xueshi.document;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;

/** The few cell styles the two forms share (title, header, bordered text and hours), and cell writing. */
final class SheetStyles {

    final CellStyle title;
    final CellStyle header;
    final CellStyle text;
    final CellStyle hours;
    final CellStyle plain;

    SheetStyles(Workbook wb) {
        Font bold = wb.createFont();
        bold.setBold(true);
        Font big = wb.createFont();
        big.setBold(true);
        big.setFontHeightInPoints((short) 16);
        title = wb.createCellStyle();
        title.setFont(big);
        title.setAlignment(HorizontalAlignment.CENTER);
        header = bordered(wb.createCellStyle());
        header.setFont(bold);
        header.setAlignment(HorizontalAlignment.CENTER);
        header.setWrapText(true);
        text = bordered(wb.createCellStyle());
        text.setWrapText(true);
        hours = bordered(wb.createCellStyle());
        hours.setDataFormat(wb.createDataFormat().getFormat("0.#"));
        hours.setAlignment(HorizontalAlignment.RIGHT);
        plain = wb.createCellStyle();
        plain.setWrapText(false);
    }

    private static CellStyle bordered(CellStyle s) {
        s.setBorderTop(BorderStyle.THIN);
        s.setBorderBottom(BorderStyle.THIN);
        s.setBorderLeft(BorderStyle.THIN);
        s.setBorderRight(BorderStyle.THIN);
        s.setVerticalAlignment(VerticalAlignment.CENTER);
        return s;
    }

    static Row row(Sheet sheet, int index) {
        Row r = sheet.getRow(index);
        return r == null ? sheet.createRow(index) : r;
    }

    static Cell put(Sheet sheet, int row, int col, String value, CellStyle style) {
        Cell c = row(sheet, row).createCell(col);
        c.setCellValue(value == null ? "" : value);
        c.setCellStyle(style);
        return c;
    }

    static Cell put(Sheet sheet, int row, int col, double value, CellStyle style) {
        Cell c = row(sheet, row).createCell(col);
        c.setCellValue(value);
        c.setCellStyle(style);
        return c;
    }

    /** Merges columns {@code from..to} of a row, giving the empty cells the same style (so borders show). */
    static void merge(Sheet sheet, int row, int from, int to, CellStyle style) {
        for (int col = from; col <= to; col++) {
            if (row(sheet, row).getCell(col) == null) {
                row(sheet, row).createCell(col).setCellStyle(style);
            }
        }
        if (to > from) {
            sheet.addMergedRegion(new CellRangeAddress(row, row, from, to));
        }
    }
}
