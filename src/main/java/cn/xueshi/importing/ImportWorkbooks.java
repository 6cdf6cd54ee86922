package cn.xueshi.importing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The xlsx files the import pages hand out: a kind's template (header row, one example row) and an import's error
 * report. Every cell a person typed is written with setCellValue(String), a text cell: "=SUM(…)" in a title stays
 * the characters typed and never becomes a formula.
 */
@Component
class ImportWorkbooks {

    private final MessageSource messages;

    ImportWorkbooks(MessageSource messages) {
        this.messages = messages;
    }

    byte[] template(ImportKind kind, List<ImportColumn> columns) {
        Locale locale = LocaleContextHolder.getLocale();
        try (XSSFWorkbook book = new XSSFWorkbook()) {
            Sheet sheet = book.createSheet(messages.getMessage("import.kind." + kind.name(), null, locale));
            Row header = sheet.createRow(0);
            Row example = sheet.createRow(1);
            for (int c = 0; c < columns.size(); c++) {
                ImportColumn col = columns.get(c);
                header.createCell(c).setCellValue(messages.getMessage(col.labelKey(), null, locale));
                example.createCell(c).setCellValue(messages.getMessage("import.example." + kind.name() + "." + col.key(),
                        null, "", locale));
                sheet.setColumnWidth(c, 18 * 256);
            }
            return bytes(book);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] report(ImportJob job, List<RowReport> lines) {
        Locale locale = LocaleContextHolder.getLocale();
        try (XSSFWorkbook book = new XSSFWorkbook()) {
            Sheet sheet = book.createSheet(messages.getMessage("import.report.sheet", null, locale));
            Row header = sheet.createRow(0);
            String[] keys = {"import.report.row", "import.report.outcome", "import.report.field", "import.report.message"};
            for (int c = 0; c < keys.length; c++) {
                header.createCell(c).setCellValue(messages.getMessage(keys[c], null, locale));
            }
            int r = 1;
            for (RowReport line : lines) {
                Row row = sheet.createRow(r++);
                row.createCell(0).setCellValue(line.row());
                row.createCell(1).setCellValue(messages.getMessage("import.outcome." + line.outcome().name(), null, locale));
                row.createCell(2).setCellValue(line.field() == null ? "" : line.field());
                row.createCell(3).setCellValue(line.message() == null ? "" : line.message());
            }
            sheet.setColumnWidth(3, 80 * 256);
            return bytes(book);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(XSSFWorkbook book) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        book.write(out);
        return out.toByteArray();
    }
}
