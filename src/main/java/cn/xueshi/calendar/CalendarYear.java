package cn.xueshi.calendar;

import java.time.Instant;

/** The holiday data in force for a year: an upload if there is one, otherwise the shipped file. */
public record CalendarYear(HolidayYear data, boolean uploaded, String uploadedBy, Instant uploadedAt) {

    static CalendarYear shipped(HolidayYear data) {
        return new CalendarYear(data, false, null, null);
    }

    public int year() {
        return data.year();
    }
}
