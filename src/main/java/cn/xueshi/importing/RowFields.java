package cn.xueshi.importing;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the fields of a JSON-shaped row leniently (a sheet gives every cell as text, JSON gives numbers) and
 * strictly (anything else is a {@link BadField} naming the field and the message key). Dates: ISO, 2025/5/10,
 * 2025.5.10, 2025年5月10日, 20250510, or an Excel serial number (days since 1899-12-30), as text or number.
 */
public final class RowFields {

    private static final Pattern YMD = Pattern.compile("(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*日?");
    private static final Pattern COMPACT = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");
    private static final Pattern SERIAL = Pattern.compile("\\d{1,6}(\\.0+)?");
    private static final LocalDate EXCEL_EPOCH = LocalDate.of(1899, 12, 30);

    private RowFields() {
    }

    /** A field that cannot be taken as it is: its name and the message key (and arguments) saying why. */
    public static class BadField extends RuntimeException {
        private final String field;
        private final String messageKey;
        private final transient Object[] args;

        public BadField(String field, String messageKey, Object... args) {
            super(field + ": " + messageKey);
            this.field = field;
            this.messageKey = messageKey;
            this.args = args;
        }

        public String field() {
            return field;
        }

        public String messageKey() {
            return messageKey;
        }

        public Object[] args() {
            return args;
        }
    }

    /** The row's number as the caller counts it (from 1 in request order, or Excel's row). */
    public static int rowNo(Map<String, Object> row) {
        Object n = row.get(ImportService.ROW);
        return n instanceof Number num ? num.intValue() : 0;
    }

    /** What the engine found in the raw row: a cell holding a formula, or a row too long to keep. */
    public static void engineChecks(Map<String, Object> row) {
        if (Boolean.TRUE.equals(row.get(ImportService.TOO_LONG))) {
            throw new BadField("", "import.row.tooLongRow");
        }
        if (row.get(ImportService.FORMULAS) instanceof java.util.List<?> formulas && !formulas.isEmpty()) {
            throw new BadField(String.valueOf(formulas.get(0)), "import.row.formula");
        }
    }

    public static String text(Map<String, Object> row, String field, boolean required, int maxLength) {
        Object v = row.get(field);
        if (v == null || v.toString().isBlank()) {
            if (required) {
                throw new BadField(field, "import.row.missing");
            }
            return null;
        }
        if (v instanceof Map || v instanceof Iterable) {
            throw new BadField(field, "import.row.notText");
        }
        String s = v.toString().trim();
        if (s.length() > maxLength) {
            throw new BadField(field, "import.row.tooLong", maxLength);
        }
        return s;
    }

    public static Integer integer(Map<String, Object> row, String field, boolean required, int min, int max) {
        BigDecimal d = number(row, field, required, BigDecimal.valueOf(min), BigDecimal.valueOf(max));
        if (d == null) {
            return null;
        }
        if (d.stripTrailingZeros().scale() > 0) {
            throw new BadField(field, "import.row.notInteger");
        }
        return d.intValueExact();
    }

    public static BigDecimal number(Map<String, Object> row, String field, boolean required, BigDecimal min,
            BigDecimal max) {
        Object v = row.get(field);
        if (v == null || v.toString().isBlank()) {
            if (required) {
                throw new BadField(field, "import.row.missing");
            }
            return null;
        }
        BigDecimal d;
        try {
            d = v instanceof Number n ? new BigDecimal(n.toString()) : new BigDecimal(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new BadField(field, "import.row.notNumber", String.valueOf(v));
        }
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new BadField(field, "import.row.range", min.toPlainString(), max.toPlainString());
        }
        return d;
    }

    public static LocalDate date(Map<String, Object> row, String field, boolean required) {
        Object v = row.get(field);
        if (v == null || v.toString().isBlank()) {
            if (required) {
                throw new BadField(field, "import.row.missing");
            }
            return null;
        }
        String s = v.toString().trim();
        try {
            Matcher m = YMD.matcher(s);
            if (m.matches()) {
                return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)));
            }
            m = COMPACT.matcher(s);
            if (m.matches()) {
                return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)));
            }
            if (SERIAL.matcher(s).matches()) {
                long days = new BigDecimal(s).longValue();
                if (days >= 1 && days <= 200_000) {
                    return EXCEL_EPOCH.plusDays(days);
                }
            }
        } catch (DateTimeException | NumberFormatException e) {
            // 2025-02-30 and the like: the same message as any text that is no date
        }
        throw new BadField(field, "import.row.notDate", s);
    }
}
