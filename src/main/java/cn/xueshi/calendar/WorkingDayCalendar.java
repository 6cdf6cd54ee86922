package cn.xueshi.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import org.springframework.stereotype.Service;

/**
 * Counts working days (工作日). Weekends are off; public holidays and 调休 working weekends are data
 * that the holiday files add (see the calendar issue); without them only weekends are skipped.
 */
@Service
public class WorkingDayCalendar {

    public boolean isWorkingDay(LocalDate day) {
        DayOfWeek d = day.getDayOfWeek();
        return d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY;
    }

    /** The day that is {@code n} working days after {@code start} (n ≥ 0; 0 gives the next working day on or after start). */
    public LocalDate addWorkingDays(LocalDate start, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0");
        }
        LocalDate day = start;
        while (!isWorkingDay(day)) {
            day = day.plusDays(1);
        }
        int left = n;
        while (left > 0) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                left--;
            }
        }
        return day;
    }
}
