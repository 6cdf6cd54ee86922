package cn.xueshi.document;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import cn.xueshi.identity.Groups;
import java.io.ByteArrayInputStream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Fetches documents as a given person and reads .xlsx files back cell by cell. */
final class Downloads {

    static RequestPostProcessor as(String userId, String group) {
        return user(userId).roles(group);
    }

    static RequestPostProcessor employee(String userId) {
        return as(userId, Groups.EMPLOYEE);
    }

    static ResultActions fetch(MockMvc mvc, String url, RequestPostProcessor who) throws Exception {
        return mvc.perform(get(url).with(who));
    }

    static byte[] bytes(MockMvc mvc, String url, RequestPostProcessor who) throws Exception {
        return fetch(mvc, url, who).andReturn().getResponse().getContentAsByteArray();
    }

    static Sheet sheet(byte[] xlsx) throws Exception {
        return new XSSFWorkbook(new ByteArrayInputStream(xlsx)).getSheetAt(0);
    }

    static String text(Sheet s, int row, int col) {
        Row r = s.getRow(row);
        Cell c = r == null ? null : r.getCell(col);
        return c == null ? "" : new DataFormatter().formatCellValue(c);
    }

    static double number(Sheet s, int row, int col) {
        Cell c = s.getRow(row).getCell(col);
        if (c.getCellType() != CellType.NUMERIC) {
            throw new AssertionError("cell " + row + "/" + col + " is not a number: " + text(s, row, col));
        }
        return c.getNumericCellValue();
    }

    /** The first row whose column A reads {@code label}. */
    static int rowOf(Sheet s, String label) {
        for (int i = 0; i <= s.getLastRowNum(); i++) {
            if (label.equals(text(s, i, 0))) {
                return i;
            }
        }
        throw new AssertionError("no row labelled " + label);
    }

    /** The first row any of whose cells contains {@code fragment}, or -1. */
    static int rowContaining(Sheet s, String fragment) {
        for (int i = 0; i <= s.getLastRowNum(); i++) {
            Row r = s.getRow(i);
            if (r == null) {
                continue;
            }
            for (Cell c : r) {
                if (new DataFormatter().formatCellValue(c).contains(fragment)) {
                    return i;
                }
            }
        }
        return -1;
    }

    private Downloads() {
    }
}
