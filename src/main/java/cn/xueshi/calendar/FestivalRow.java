package cn.xueshi.calendar;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One festival of a year as the notice states it: its days off as ranges, and its 调休 working days. */
public record FestivalRow(String festival, List<Range> off, int daysOff, List<LocalDate> workdays) {

    public record Range(LocalDate from, LocalDate to) {
        public boolean isSingle() {
            return from.equals(to);
        }
    }

    static List<FestivalRow> of(HolidayYear year) {
        Map<String, List<LocalDate>> off = new LinkedHashMap<>();
        Map<String, List<LocalDate>> work = new LinkedHashMap<>();
        // festivals in the order of their first day off; a festival with 调休 days only comes last
        year.holidays().forEach((day, festival) -> off.computeIfAbsent(festival, f -> new ArrayList<>()).add(day));
        year.workdays().forEach((day, festival) -> {
            off.computeIfAbsent(festival, f -> new ArrayList<>());
            work.computeIfAbsent(festival, f -> new ArrayList<>()).add(day);
        });
        List<FestivalRow> rows = new ArrayList<>();
        off.forEach((festival, days) -> rows.add(new FestivalRow(festival, ranges(days), days.size(),
                work.getOrDefault(festival, List.of()))));
        return rows;
    }

    private static List<Range> ranges(List<LocalDate> days) {
        List<Range> ranges = new ArrayList<>();
        for (LocalDate d : days) {
            int last = ranges.size() - 1;
            if (last >= 0 && ranges.get(last).to().plusDays(1).equals(d)) {
                ranges.set(last, new Range(ranges.get(last).from(), d));
            } else {
                ranges.add(new Range(d, d));
            }
        }
        return ranges;
    }
}
