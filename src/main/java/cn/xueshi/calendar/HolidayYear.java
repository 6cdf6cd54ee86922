package cn.xueshi.calendar;

import java.time.LocalDate;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One year of the State Council's holiday schedule (国务院办公厅关于某年部分节假日安排的通知):
 * the days off (放假) and the 调休 weekend days that are working days, each with its festival.
 * {@code published == false} means the notice is not out yet: no dates, weekends only.
 */
public record HolidayYear(int year, boolean published, Source source, String note,
        SortedMap<LocalDate, String> holidays, SortedMap<LocalDate, String> workdays) {

    /** Where the dates come from: the notice's title, number (文号), date and where it was read. */
    public record Source(String title, String number, LocalDate date, String url) {
    }

    public HolidayYear {
        holidays = Collections.unmodifiableSortedMap(new TreeMap<>(holidays));
        workdays = Collections.unmodifiableSortedMap(new TreeMap<>(workdays));
    }

    public boolean isHoliday(LocalDate day) {
        return holidays.containsKey(day);
    }

    /** A 调休 Saturday or Sunday on which people work (上班). */
    public boolean isMakeupWorkday(LocalDate day) {
        return workdays.containsKey(day);
    }

    /** The festival a marked day belongs to, or null for an ordinary day. */
    public String festivalOn(LocalDate day) {
        String f = holidays.get(day);
        return f != null ? f : workdays.get(day);
    }
}
