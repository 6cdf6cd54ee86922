package cn.xueshi.document;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.FontCharset;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * What makes a generated workbook print as people expect in Excel, WPS and LibreOffice: A4 paper, a
 * Chinese font named in the file (POI's default Calibri has no Chinese glyphs, so every viewer
 * substituted its own), column widths that fit the text (a Chinese character is two digits wide), and
 * row heights that fit wrapped text (no viewer but LibreOffice grows rows by itself, and none for merged
 * cells). Shared by the forms here and the dashboard export.
 */
public final class PrintableSheets {

    /**
     * 宋体 (SimSun): present on every Chinese Windows and in Office for Mac, and mapped by LibreOffice and
     * fontconfig to the installed CJK serif (Noto Serif CJK SC, AR PL) where it is missing.
     */
    public static final String FONT = "宋体";
    /** Points one line of text takes per point of font size (glyph height and leading). */
    private static final double LINE_FACTOR = 1.4;
    /** Characters of margin a column gets beyond its widest text (cell padding, bold headers). */
    private static final int PADDING = 2;
    private static final DataFormatter FORMATTER = new DataFormatter();

    private PrintableSheets() {
    }

    /** Names the Chinese font in the workbook's default font, which every cell style starts from. */
    public static void chineseFont(XSSFWorkbook wb) {
        name(wb.getFontAt(0));
    }

    /** A new font of the workbook, in the Chinese font (a new POI font is Calibri otherwise). */
    public static XSSFFont font(XSSFWorkbook wb) {
        return name(wb.createFont());
    }

    private static XSSFFont name(XSSFFont f) {
        f.setFontName(FONT);
        f.setCharSet(FontCharset.GB2312.getValue());
        return f;
    }

    /** A4, fitted to one page wide (as many pages tall as it takes). */
    public static void a4(Sheet s, boolean landscape) {
        PrintSetup p = s.getPrintSetup();
        p.setPaperSize(PrintSetup.A4_PAPERSIZE);
        p.setLandscape(landscape);
        s.setFitToPage(true);
        p.setFitWidth((short) 1);
        p.setFitHeight((short) 0);
        s.setHorizontallyCenter(true);
    }

    /** Width in digit widths: East Asian wide and full-width characters count two. */
    public static int displayWidth(String text) {
        int w = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            w += wide(cp) ? 2 : 1;
            i += Character.charCount(cp);
        }
        return w;
    }

    private static boolean wide(int cp) {
        return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF && cp != 0x303F)
                || (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F)
                || (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
    }

    /** The text a cell shows (numbers as formatted). */
    public static String shown(Cell c) {
        return c == null ? "" : FORMATTER.formatCellValue(c);
    }

    /**
     * Widens each column to its widest cell (merged cells excepted: they span several columns), at least
     * {@code min[i]} characters where given and at most {@code maxChars}: longer text wraps, so its cell
     * style must wrap.
     */
    public static void fitColumns(Sheet s, int[] min, int maxChars) {
        int columns = min.length;
        for (Row r : s) {
            columns = Math.max(columns, r.getLastCellNum());
        }
        for (int col = 0; col < columns; col++) {
            int need = col < min.length ? min[col] : 0;
            for (Row r : s) {
                Cell c = r.getCell(col);
                if (c != null && merged(s, r.getRowNum(), col) == null) {
                    for (String line : shown(c).split("\n")) {
                        need = Math.max(need, Math.min(displayWidth(line) + PADDING, maxChars));
                    }
                }
            }
            if (need > 0) {
                s.setColumnWidth(col, need * 256);
            }
        }
    }

    /** Sets each row with wrapped text as tall as its most wrapped cell, counting merged cells' full width. */
    public static void fitRowHeights(Sheet s) {
        XSSFWorkbook wb = (XSSFWorkbook) s.getWorkbook();
        for (Row r : s) {
            double height = 0;
            for (Cell c : r) {
                CellStyle style = c.getCellStyle();
                String text = shown(c);
                if (text.isEmpty() || !style.getWrapText()) {
                    continue;
                }
                CellRangeAddress region = merged(s, r.getRowNum(), c.getColumnIndex());
                if (region != null && (region.getFirstRow() != r.getRowNum()
                        || region.getFirstColumn() != c.getColumnIndex() || region.getLastRow() > region.getFirstRow())) {
                    continue; // a vertical merge is as tall as its rows; other cells of a region hold nothing
                }
                int from = region == null ? c.getColumnIndex() : region.getFirstColumn();
                int to = region == null ? c.getColumnIndex() : region.getLastColumn();
                double chars = 0;
                for (int col = from; col <= to; col++) {
                    chars += s.getColumnWidth(col) / 256.0;
                }
                chars = Math.max(1, chars - 1);
                int lines = 0;
                for (String line : text.split("\n")) {
                    lines += Math.max(1, (int) Math.ceil(displayWidth(line) / chars));
                }
                double size = wb.getFontAt(style.getFontIndex()).getFontHeightInPoints();
                height = Math.max(height, lines * size * LINE_FACTOR + 4);
            }
            if (height > r.getHeightInPoints()) {
                r.setHeightInPoints((float) height);
            }
        }
    }

    static CellRangeAddress merged(Sheet s, int row, int col) {
        for (CellRangeAddress a : s.getMergedRegions()) {
            if (a.isInRange(row, col)) {
                return a;
            }
        }
        return null;
    }
}
