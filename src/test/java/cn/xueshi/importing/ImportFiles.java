package cn.xueshi.importing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Builds the files people send: xlsx rows (text, numbers, a formula, a date cell), CSV in a charset. */
final class ImportFiles {

    private ImportFiles() {
    }

    /** Cells: String → text, Number → numeric, "=…" prefixed with "FORMULA:" → a formula, java.time.LocalDate → date cell. */
    static byte[] xlsx(List<String> header, List<List<Object>> rows) throws IOException {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet("导入");
            CellStyle date = book.createCellStyle();
            date.setDataFormat(book.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
            Row h = sheet.createRow(0);
            for (int c = 0; c < header.size(); c++) {
                h.createCell(c).setCellValue(header.get(c));
            }
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r + 1);
                for (int c = 0; c < rows.get(r).size(); c++) {
                    Object v = rows.get(r).get(c);
                    if (v == null) {
                        continue;
                    }
                    Cell cell = row.createCell(c);
                    if (v instanceof Number n) {
                        cell.setCellValue(n.doubleValue());
                    } else if (v instanceof java.time.LocalDate d) {
                        cell.setCellValue(d);
                        cell.setCellStyle(date);
                    } else if (v.toString().startsWith("FORMULA:")) {
                        cell.setCellFormula(v.toString().substring("FORMULA:".length()));
                    } else {
                        cell.setCellValue(v.toString());
                    }
                }
            }
            book.write(out);
            return out.toByteArray();
        }
    }
}
