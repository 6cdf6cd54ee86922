package cn.xueshi.importing;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Puts a sheet cell into a JSON-shaped row by its column key: {@code item.x} into the nested item,
 * {@code item.params} ("minutes=120; characters=2500") as the item's parameters, numbers as numbers there (the
 * recognition service takes them as the API would). Top-level cells stay text; the handler reads them leniently.
 */
final class SheetValues {

    private static final Pattern NUMBER = Pattern.compile("-?\\d{1,9}(\\.\\d{1,6})?");

    private SheetValues() {
    }

    @SuppressWarnings("unchecked")
    static void put(Map<String, Object> row, String key, String value) {
        if (!key.startsWith("item.")) {
            row.put(key, value);
            return;
        }
        Map<String, Object> item = (Map<String, Object>) row.computeIfAbsent("item", k -> new LinkedHashMap<>());
        String name = key.substring("item.".length());
        if (!"params".equals(name)) {
            item.put(name, value);
            return;
        }
        for (String pair : value.split("[;；,，\\n]")) {
            int eq = pair.indexOf('=') >= 0 ? pair.indexOf('=') : pair.indexOf('＝');
            if (eq <= 0) {
                if (!pair.isBlank()) {
                    item.put(pair.trim(), null); // named without a value: the rule set's check says what is missing
                }
                continue;
            }
            String k = pair.substring(0, eq).trim();
            String v = pair.substring(eq + 1).trim();
            item.put(k, NUMBER.matcher(v).matches() ? new BigDecimal(v) : v);
        }
    }
}
