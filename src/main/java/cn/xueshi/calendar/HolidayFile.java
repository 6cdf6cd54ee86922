package cn.xueshi.calendar;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads and checks one year's holiday file (calendar/holidays-YYYY.json, or an upload). Format:
 * <pre>{ "year": 2026, "published": true,
 *   "source": {"title": "国务院办公厅关于2026年部分节假日安排的通知", "number": null, "date": "2025-11-04", "url": "…"},
 *   "note": "optional",
 *   "holidays": [{"date": "2026-02-15", "festival": "春节"}, …],
 *   "workdays": [{"date": "2026-02-14", "festival": "春节"}, …] }</pre>
 * Every date lies in the year, appears once, never in both lists; workdays are Saturdays or Sundays.
 */
public final class HolidayFile {

    public static final int MIN_YEAR = 2000;
    public static final int MAX_YEAR = 2100;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private HolidayFile() {
    }

    public static HolidayYear parse(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new InvalidHolidayFile("calendar.file.error.json", at == null ? 0 : at.getLineNr(),
                    at == null ? 0 : at.getColumnNr());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidHolidayFile("calendar.file.error.notObject");
        }
        JsonNode yearNode = root.get("year");
        if (yearNode == null || !yearNode.canConvertToInt() || !yearNode.isIntegralNumber()) {
            throw new InvalidHolidayFile("calendar.file.error.field", "year");
        }
        int year = yearNode.intValue();
        if (year < MIN_YEAR || year > MAX_YEAR) {
            throw new InvalidHolidayFile("calendar.file.error.yearRange", year, MIN_YEAR, MAX_YEAR);
        }
        JsonNode publishedNode = root.get("published");
        if (publishedNode == null || !publishedNode.isBoolean()) {
            throw new InvalidHolidayFile("calendar.file.error.field", "published");
        }
        HolidayYear.Source source = source(root.get("source"));
        String note = optionalText(root, "note");
        Map<LocalDate, String> holidays = days(root, "holidays", year);
        Map<LocalDate, String> workdays = days(root, "workdays", year);
        for (LocalDate d : workdays.keySet()) {
            if (holidays.containsKey(d)) {
                throw new InvalidHolidayFile("calendar.file.error.overlap", d.toString());
            }
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                throw new InvalidHolidayFile("calendar.file.error.notWeekend", d.toString());
            }
        }
        boolean published = publishedNode.booleanValue();
        if (!published && (!holidays.isEmpty() || !workdays.isEmpty())) {
            throw new InvalidHolidayFile("calendar.file.error.unpublishedWithDates");
        }
        return new HolidayYear(year, published, source, note, new TreeMap<>(holidays), new TreeMap<>(workdays));
    }

    private static HolidayYear.Source source(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new InvalidHolidayFile("calendar.file.error.field", "source");
        }
        String title = optionalText(node, "title");
        if (title == null || title.isBlank()) {
            throw new InvalidHolidayFile("calendar.file.error.field", "source.title");
        }
        String date = optionalText(node, "date");
        LocalDate published = null;
        if (date != null) {
            published = date(date, "source.date");
        }
        return new HolidayYear.Source(title.strip(), optionalText(node, "number"), published,
                optionalText(node, "url"));
    }

    private static Map<LocalDate, String> days(JsonNode root, String list, int year) {
        JsonNode array = root.get(list);
        if (array == null || !array.isArray()) {
            throw new InvalidHolidayFile("calendar.file.error.field", list);
        }
        Map<LocalDate, String> days = new TreeMap<>();
        for (JsonNode entry : array) {
            if (!entry.isObject() || !entry.path("date").isTextual()) {
                throw new InvalidHolidayFile("calendar.file.error.entry", list);
            }
            LocalDate day = date(entry.get("date").textValue(), list);
            if (day.getYear() != year) {
                throw new InvalidHolidayFile("calendar.file.error.outside", day.toString(), year);
            }
            String festival = entry.path("festival").isTextual() ? entry.get("festival").textValue().strip() : "";
            if (festival.isEmpty()) {
                throw new InvalidHolidayFile("calendar.file.error.festival", day.toString());
            }
            if (days.put(day, festival) != null) {
                throw new InvalidHolidayFile("calendar.file.error.duplicate", day.toString(), list);
            }
        }
        return days;
    }

    private static LocalDate date(String text, String where) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidHolidayFile("calendar.file.error.date", text, where);
        }
    }

    private static String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidHolidayFile("calendar.file.error.field", field);
        }
        return value.textValue();
    }
}
