package cn.xueshi.ruleedit;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/** FEEL literals as the typed editor writes and reads them: strings, numbers, the empty cell and "-". */
public final class FeelText {

    private static final Pattern STRING = Pattern.compile("^\"([^\"\\\\]|\\\\.)*\"$");
    private static final Pattern NUMBER = Pattern.compile("^-?\\d+(\\.\\d+)?$");

    private FeelText() {
    }

    public static boolean blank(String cell) {
        return cell == null || cell.isBlank();
    }

    /** An input cell that accepts anything. */
    public static boolean any(String cell) {
        return blank(cell) || cell.trim().equals("-");
    }

    public static boolean isString(String cell) {
        return cell != null && STRING.matcher(cell.trim()).matches();
    }

    public static boolean isNumber(String cell) {
        return cell != null && NUMBER.matcher(cell.trim()).matches();
    }

    /** The text of a string literal; any other cell as it is (trimmed). */
    public static String unquote(String cell) {
        if (cell == null) {
            return "";
        }
        String t = cell.trim();
        if (!isString(t)) {
            return t;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < t.length() - 1; i++) {
            char c = t.charAt(i);
            if (c == '\\' && i + 1 < t.length() - 1) {
                c = t.charAt(++i);
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** A FEEL string literal of the text (backslash and quote escaped). */
    public static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** A number as a FEEL literal: plain, no trailing zeros (26, 0.5). */
    public static String number(BigDecimal value) {
        BigDecimal v = value.stripTrailingZeros();
        return (v.scale() < 0 ? v.setScale(0) : v).toPlainString();
    }
}
