package cn.xueshi.importing;

import java.util.ArrayList;
import java.util.List;

/** RFC 4180 lines: comma-separated, double quotes around cells holding commas, quotes or line breaks. */
final class CsvLines {

    private CsvLines() {
    }

    static List<List<String>> parse(String text) {
        List<List<String>> lines = new ArrayList<>();
        List<String> line = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cell.append(ch);
                }
                continue;
            }
            switch (ch) {
                case '"' -> {
                    quoted = true;
                    any = true;
                }
                case ',' -> {
                    line.add(cell.toString());
                    cell.setLength(0);
                    any = true;
                }
                case '\r' -> { }
                case '\n' -> {
                    line.add(cell.toString());
                    cell.setLength(0);
                    lines.add(line);
                    line = new ArrayList<>();
                    any = false;
                }
                default -> {
                    cell.append(ch);
                    any = true;
                }
            }
        }
        if (any || cell.length() > 0) {
            line.add(cell.toString());
            lines.add(line);
        }
        return lines;
    }
}
