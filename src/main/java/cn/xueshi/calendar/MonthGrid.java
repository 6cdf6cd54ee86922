package cn.xueshi.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** One month of the calendar page: weeks from Monday to Sunday, each day marked off, 调休 or ordinary. */
public record MonthGrid(int month, List<List<Day>> weeks) {

    public enum Kind {
        WORKDAY(""), WEEKEND("text-body-secondary"), HOLIDAY("bg-danger-subtle"), MAKEUP_WORKDAY("bg-warning-subtle");

        private final String css;

        Kind(String css) {
            this.css = css;
        }

        public String getCss() {
            return css;
        }
    }

    public record Day(LocalDate date, Kind kind, String festival) {
    }

    static List<MonthGrid> year(int year, Optional<HolidayYear> data) {
        List<MonthGrid> months = new ArrayList<>();
        for (int m = 1; m <= 12; m++) {
            months.add(month(YearMonth.of(year, m), data));
        }
        return months;
    }

    static MonthGrid month(YearMonth month, Optional<HolidayYear> data) {
        List<List<Day>> weeks = new ArrayList<>();
        List<Day> week = new ArrayList<>(Collections.nCopies(month.atDay(1).getDayOfWeek().getValue() - 1, null));
        for (int d = 1; d <= month.lengthOfMonth(); d++) {
            LocalDate date = month.atDay(d);
            week.add(new Day(date, kind(date, data), data.map(y -> y.festivalOn(date)).orElse(null)));
            if (date.getDayOfWeek() == DayOfWeek.SUNDAY) {
                weeks.add(week);
                week = new ArrayList<>();
            }
        }
        if (!week.isEmpty()) {
            while (week.size() < 7) {
                week.add(null);
            }
            weeks.add(week);
        }
        return new MonthGrid(month.getMonthValue(), weeks);
    }

    private static Kind kind(LocalDate date, Optional<HolidayYear> data) {
        if (data.isPresent() && data.get().isHoliday(date)) {
            return Kind.HOLIDAY;
        }
        if (data.isPresent() && data.get().isMakeupWorkday(date)) {
            return Kind.MAKEUP_WORKDAY;
        }
        DayOfWeek w = date.getDayOfWeek();
        return w == DayOfWeek.SATURDAY || w == DayOfWeek.SUNDAY ? Kind.WEEKEND : Kind.WORKDAY;
    }
}
