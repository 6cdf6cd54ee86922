package cn.xueshi.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Counts working days (工作日) on the Chinese calendar: weekends and public holidays (法定节假日) off,
 * 调休 make-up Saturdays/Sundays on. The holidays are data ({@link HolidayYears}); a year without
 * data (notice not yet published) counts weekends only.
 */
@Service
public class WorkingDayCalendar {

    private final HolidayYears years;

    public WorkingDayCalendar(HolidayYears years) {
        this.years = years;
    }

    public boolean isWorkingDay(LocalDate day) {
        Optional<CalendarYear> year = years.forYear(day.getYear());
        if (year.isPresent()) {
            HolidayYear data = year.get().data();
            if (data.isMakeupWorkday(day)) {
                return true;
            }
            if (data.isHoliday(day)) {
                return false;
            }
        }
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

    /**
     * The number of working days after {@code from} up to and including {@code to} (0 when {@code to} is not
     * after {@code from}); for a working day s, {@code workingDaysBetween(s, addWorkingDays(s, n)) == n}.
     */
    public int workingDaysBetween(LocalDate from, LocalDate to) {
        int count = 0;
        for (LocalDate day = from.plusDays(1); !day.isAfter(to); day = day.plusDays(1)) {
            if (isWorkingDay(day)) {
                count++;
            }
        }
        return count;
    }

    /**
     * The day that is {@code n} working days before {@code day} (n ≥ 0; 0 gives {@code day} itself):
     * the reminder day "N working days before" a deadline. The one place that counts backwards.
     */
    public LocalDate workingDaysBefore(LocalDate day, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0");
        }
        LocalDate result = day;
        for (int left = n; left > 0; ) {
            result = result.minusDays(1);
            if (isWorkingDay(result)) {
                left--;
            }
        }
        return result;
    }
}
