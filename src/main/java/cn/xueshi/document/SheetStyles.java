package cn.xueshi.document;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The few cell styles the two forms share (title, header, bordered text and hours, notes, the boxes to
 * sign and stamp in), all in the Chinese font, and cell writing.
 */
final class SheetStyles {

    final CellStyle title;
    final CellStyle header;
    final CellStyle text;
    final CellStyle hours;
    /** A note under a table: no border, wrapped across the columns it is merged over. */
    final CellStyle plain;
    /** An empty bordered box to sign or stamp in; its caption (if any) sits small at the bottom right. */
    final CellStyle box;

    SheetStyles(XSSFWorkbook wb) {
        PrintableSheets.chineseFont(wb);
        Font bold = PrintableSheets.font(wb);
        bold.setBold(true);
        Font small = PrintableSheets.font(wb);
        small.setFontHeightInPoints((short) 9);
        small.setColor(IndexedColors.GREY_50_PERCENT.getIndex());
        Font big = PrintableSheets.font(wb);
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
        text.setVerticalAlignment(VerticalAlignment.TOP);
        plain = wb.createCellStyle();
        plain.setWrapText(true);
        plain.setVerticalAlignment(VerticalAlignment.TOP);
        box = bordered(wb.createCellStyle());
        box.setFont(small);
        box.setAlignment(HorizontalAlignment.RIGHT);
        box.setVerticalAlignment(VerticalAlignment.BOTTOM);
    }

    private static CellStyle bordered(CellStyle s) {
        s.setBorderTop(BorderStyle.THIN);
        s.setBorderBottom(BorderStyle.THIN);
        s.setBorderLeft(BorderStyle.THIN);
        s.setBorderRight(BorderStyle.THIN);
        s.setVerticalAlignment(VerticalAlignment.CENTER);
        return s;
    }

    /**
     * A bordered box over rows {@code firstRow..lastRow} and columns {@code from..to}, each {@code height}
     * points tall, with an optional caption: a place to sign or to stamp, not a line of underscores.
     */
    static void box(Sheet sheet, int firstRow, int lastRow, int from, int to, float height, String caption,
            CellStyle style) {
        for (int r = firstRow; r <= lastRow; r++) {
            row(sheet, r).setHeightInPoints(Math.max(row(sheet, r).getHeightInPoints(), height));
            for (int col = from; col <= to; col++) {
                if (row(sheet, r).getCell(col) == null) {
                    row(sheet, r).createCell(col).setCellStyle(style);
                }
            }
        }
        if (caption != null) {
            row(sheet, firstRow).getCell(from).setCellValue(caption);
        }
        if (to > from || lastRow > firstRow) {
            sheet.addMergedRegion(new CellRangeAddress(firstRow, lastRow, from, to));
        }
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
