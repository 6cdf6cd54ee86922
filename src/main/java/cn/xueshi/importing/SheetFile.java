package cn.xueshi.importing;

import cn.xueshi.system.UnstorableCharacters;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Reads an uploaded import file into rows keyed by the header row: {@code .xlsx} by POI (first sheet, cells as the
 * text they hold; date cells as ISO dates; formulas refused per cell), or CSV in UTF-8 (with or without BOM),
 * UTF-16 with BOM, or GBK/GB18030 (what Excel on a Chinese Windows saves). The kind is taken from the first bytes,
 * never from the name. Everything a caller can send ends as rows or as {@link UnreadableFile}, never as a 500.
 */
public final class SheetFile {

    private static final Charset GB18030 = Charset.forName("GB18030");

    private SheetFile() {
    }

    public static List<SheetRow> read(byte[] bytes, int maxRows) {
        if (bytes == null || bytes.length == 0) {
            throw new UnreadableFile("import.file.empty");
        }
        if (startsWith(bytes, 0x50, 0x4B, 0x03, 0x04)) {
            return xlsx(bytes, maxRows);
        }
        if (startsWith(bytes, 0xD0, 0xCF, 0x11, 0xE0)) {
            throw new UnreadableFile("import.file.xls");
        }
        if (startsWith(bytes, 0x25, 0x50, 0x44, 0x46) || looksBinary(bytes)) {
            throw new UnreadableFile("import.file.type");
        }
        return csv(text(bytes), maxRows);
    }

    // ---------------------------------------------------------------- xlsx

    private static List<SheetRow> xlsx(byte[] bytes, int maxRows) {
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            if (book.getNumberOfSheets() == 0) {
                throw new UnreadableFile("import.file.noHeader");
            }
            Sheet sheet = book.getSheetAt(0);
            Row header = sheet.getRow(sheet.getFirstRowNum());
            if (header == null) {
                throw new UnreadableFile("import.file.noHeader");
            }
            List<String> names = new ArrayList<>();
            for (int c = 0; c < header.getLastCellNum(); c++) {
                Cell cell = header.getCell(c);
                names.add(cell == null || cell.getCellType() != CellType.STRING ? ""
                        : UnstorableCharacters.strip(cell.getStringCellValue()).trim());
            }
            List<SheetRow> rows = new ArrayList<>();
            for (int r = header.getRowNum() + 1; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                if (row == null) {
                    continue;
                }
                Map<String, String> cells = new LinkedHashMap<>();
                Set<String> formulas = new HashSet<>();
                for (int c = 0; c < names.size(); c++) {
                    Cell cell = row.getCell(c);
                    if (cell == null || names.get(c).isEmpty()) {
                        continue;
                    }
                    if (cell.getCellType() == CellType.FORMULA) {
                        formulas.add(names.get(c));
                        continue;
                    }
                    String v = UnstorableCharacters.strip(text(cell));
                    if (v != null && !v.isBlank()) {
                        cells.put(names.get(c), v.trim());
                    }
                }
                if (cells.isEmpty() && formulas.isEmpty()) {
                    continue; // an empty line: Excel keeps formatted blank rows
                }
                if (rows.size() >= maxRows) {
                    throw new UnreadableFile("import.file.tooManyRows", maxRows);
                }
                rows.add(new SheetRow(r + 1, cells, formulas));
            }
            return rows;
        } catch (UnreadableFile e) {
            throw e;
        } catch (Exception | OutOfMemoryError e) {
            // a damaged zip, a zip bomb (POI's inflate-ratio guard), a renamed file, a sheet POI cannot parse
            throw new UnreadableFile("import.file.damaged");
        }
    }

    private static String text(Cell cell) {
        switch (cell.getCellType()) {
            case STRING:
                return cell.getStringCellValue();
            case NUMERIC:
                if (DateUtil.isCellDateFormatted(cell)) {
                    return cell.getLocalDateTimeCellValue().toLocalDate().toString();
                }
                return BigDecimal.valueOf(cell.getNumericCellValue()).stripTrailingZeros().toPlainString();
            case BOOLEAN:
                return String.valueOf(cell.getBooleanCellValue());
            default:
                return null;
        }
    }

    // ---------------------------------------------------------------- csv

    /** UTF-8 with BOM, UTF-16 with BOM, UTF-8 if it decodes strictly, otherwise GB18030 (a superset of GBK). */
    static String text(byte[] bytes) {
        if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
            return new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        }
        if (startsWith(bytes, 0xFF, 0xFE)) {
            return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE);
        }
        if (startsWith(bytes, 0xFE, 0xFF)) {
            return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16BE);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, GB18030);
        }
    }

    private static List<SheetRow> csv(String text, int maxRows) {
        List<List<String>> lines = CsvLines.parse(text);
        if (lines.isEmpty()) {
            throw new UnreadableFile("import.file.noHeader");
        }
        List<String> names = lines.get(0).stream().map(n -> UnstorableCharacters.strip(n).trim()).toList();
        if (names.stream().allMatch(String::isEmpty)) {
            throw new UnreadableFile("import.file.noHeader");
        }
        List<SheetRow> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            List<String> line = lines.get(i);
            Map<String, String> cells = new LinkedHashMap<>();
            for (int c = 0; c < Math.min(names.size(), line.size()); c++) {
                String v = UnstorableCharacters.strip(line.get(c)).trim();
                if (!v.isEmpty() && !names.get(c).isEmpty()) {
                    cells.put(names.get(c), v);
                }
            }
            if (cells.isEmpty()) {
                continue;
            }
            if (rows.size() >= maxRows) {
                throw new UnreadableFile("import.file.tooManyRows", maxRows);
            }
            rows.add(new SheetRow(i + 1, cells, Set.of()));
        }
        return rows;
    }

    private static boolean looksBinary(byte[] bytes) {
        int n = Math.min(bytes.length, 4096);
        boolean utf16 = startsWith(bytes, 0xFF, 0xFE) || startsWith(bytes, 0xFE, 0xFF);
        for (int i = 0; i < n && !utf16; i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

}
