package cn.xueshi.document;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** What a generated workbook must be to print well, read back from the file: for the forms and the dashboard export. */
public final class PrintChecks {

    private PrintChecks() {
    }

    /**
     * A4; every cell in the Chinese font (named in the file, default font included); values only, no formulas;
     * each cell's text fits its column, or it wraps and its row is tall enough for the wrapped lines.
     */
    public static void assertPrintable(Sheet s) {
        XSSFWorkbook wb = (XSSFWorkbook) s.getWorkbook();
        assertThat(s.getPrintSetup().getPaperSize()).as("paper of %s", s.getSheetName()).isEqualTo(PrintSetup.A4_PAPERSIZE);
        assertThat(wb.getFontAt(0).getFontName()).as("default font").isEqualTo(PrintableSheets.FONT);
        assertThat(((XSSFSheet) s).getCTWorksheet().xmlText()).as("formulas in %s", s.getSheetName()).doesNotContain("<main:f");
        for (Row r : s) {
            for (Cell c : r) {
                String where = s.getSheetName() + "!" + c.getAddress();
                assertThat(c.getCellType()).as("formula in %s", where).isNotEqualTo(CellType.FORMULA);
                CellStyle style = c.getCellStyle();
                assertThat(wb.getFontAt(style.getFontIndex()).getFontName()).as("font of %s", where)
                        .isEqualTo(PrintableSheets.FONT);
                String text = PrintableSheets.shown(c);
                if (text.isEmpty()) {
                    continue;
                }
                CellRangeAddress region = PrintableSheets.merged(s, r.getRowNum(), c.getColumnIndex());
                int from = region == null ? c.getColumnIndex() : region.getFirstColumn();
                int to = region == null ? c.getColumnIndex() : region.getLastColumn();
                int units = 0;
                for (int col = from; col <= to; col++) {
                    units += s.getColumnWidth(col);
                }
                int need = PrintableSheets.displayWidth(text) * 256;
                if (units < need) {
                    assertThat(style.getWrapText()).as("%s (%s) is wider than its column and does not wrap", where, text)
                            .isTrue();
                    int lines = (int) Math.ceil((double) need / Math.max(256, units - 256));
                    float height = r.getHeightInPoints();
                    if (region != null) {
                        height = 0;
                        for (int row = region.getFirstRow(); row <= region.getLastRow(); row++) {
                            height += s.getRow(row).getHeightInPoints();
                        }
                    }
                    double size = wb.getFontAt(style.getFontIndex()).getFontHeightInPoints();
                    assertThat((double) height).as("height of %s (%d lines of %s)", where, lines, text)
                            .isGreaterThanOrEqualTo(lines * size);
                }
            }
        }
    }

    /** The cell and the region it is merged into carry a thin border on all sides: a box to sign or stamp in. */
    public static void assertBoxed(Sheet s, int row, int col) {
        CellRangeAddress region = PrintableSheets.merged(s, row, col);
        int r0 = region == null ? row : region.getFirstRow();
        int r1 = region == null ? row : region.getLastRow();
        int c0 = region == null ? col : region.getFirstColumn();
        int c1 = region == null ? col : region.getLastColumn();
        for (int r = r0; r <= r1; r++) {
            for (int c = c0; c <= c1; c++) {
                Cell cell = s.getRow(r).getCell(c);
                assertThat(cell).as("cell %d/%d of the box at %d/%d", r, c, row, col).isNotNull();
                CellStyle st = cell.getCellStyle();
                assertThat(new BorderStyle[] {st.getBorderTop(), st.getBorderBottom(), st.getBorderLeft(),
                        st.getBorderRight()}).as("borders of %d/%d", r, c).containsOnly(BorderStyle.THIN);
            }
        }
    }

    /** The first row and column whose cell reads {@code text}, as {row, col}. */
    public static int[] find(Sheet s, String text) {
        for (Row r : s) {
            for (Cell c : r) {
                if (text.equals(PrintableSheets.shown(c))) {
                    return new int[] {r.getRowNum(), c.getColumnIndex()};
                }
            }
        }
        throw new AssertionError("no cell reads " + text + " in " + s.getSheetName());
    }
}
