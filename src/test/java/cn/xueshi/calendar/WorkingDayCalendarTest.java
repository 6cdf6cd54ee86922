package cn.xueshi.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Working days on the shipped calendar: holidays off, 调休 weekend days on, unpublished years weekends only. */
@org.junit.jupiter.api.Tag("no-database")
class WorkingDayCalendarTest {

    private final UploadedYearRepository noUploads = mock(UploadedYearRepository.class);
    private final WorkingDayCalendar calendar = new WorkingDayCalendar(new HolidayYears(noUploads, Duration.ofMinutes(5)));

    private static LocalDate d(String iso) {
        return LocalDate.parse(iso);
    }

    @Test
    void springFestival2026SkipsTheNineDaysOffAndCountsTheMakeupSaturdays() {
        // 春节 2026: 2月15日–23日 off; 2月14日 (Sat) and 2月28日 (Sat) worked
        assertThat(calendar.isWorkingDay(d("2026-02-14"))).isTrue();
        assertThat(calendar.isWorkingDay(d("2026-02-16"))).isFalse();
        assertThat(calendar.isWorkingDay(d("2026-02-23"))).isFalse();
        assertThat(calendar.addWorkingDays(d("2026-02-13"), 1)).isEqualTo(d("2026-02-14"));
        assertThat(calendar.addWorkingDays(d("2026-02-13"), 2)).isEqualTo(d("2026-02-24"));
        assertThat(calendar.addWorkingDays(d("2026-02-15"), 0)).isEqualTo(d("2026-02-24"));
        // a five-working-day publicity from Wednesday 11 February ends on the 25th (weekends only: the 18th)
        assertThat(calendar.addWorkingDays(d("2026-02-11"), 5)).isEqualTo(d("2026-02-25"));
        assertThat(calendar.addWorkingDays(d("2026-02-27"), 1)).isEqualTo(d("2026-02-28"));
        assertThat(calendar.addWorkingDays(d("2026-02-27"), 2)).isEqualTo(d("2026-03-02"));
    }

    @Test
    void workingDaysBeforeCountsBackOverHolidaysAndMakeupDays() {
        // 春节 2026: 2月15日–23日 off, 2月14日 (Sat) and 2月28日 (Sat) worked
        assertThat(calendar.workingDaysBefore(d("2026-02-25"), 0)).isEqualTo(d("2026-02-25"));
        assertThat(calendar.workingDaysBefore(d("2026-02-25"), 1)).isEqualTo(d("2026-02-24"));
        assertThat(calendar.workingDaysBefore(d("2026-02-25"), 2)).isEqualTo(d("2026-02-14"));
        assertThat(calendar.workingDaysBefore(d("2026-02-25"), 3)).isEqualTo(d("2026-02-13"));
        assertThat(calendar.workingDaysBefore(d("2026-03-02"), 1)).isEqualTo(d("2026-02-28"));
        // a deadline on a Sunday: the first working day before it is the Friday
        assertThat(calendar.workingDaysBefore(d("2026-03-08"), 1)).isEqualTo(d("2026-03-06"));
        // the inverse of addWorkingDays from a working day
        assertThat(calendar.addWorkingDays(calendar.workingDaysBefore(d("2026-02-25"), 5), 5)).isEqualTo(d("2026-02-25"));
        assertThatThrownBy(() -> calendar.workingDaysBefore(d("2026-02-25"), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nationalDayAndMidAutumn2025CombinedHolidayIsEightDaysOff() {
        // 国庆节、中秋节 2025: 10月1日–8日 off; 9月28日 (Sun) and 10月11日 (Sat) worked
        assertThat(calendar.addWorkingDays(d("2025-09-26"), 1)).isEqualTo(d("2025-09-28"));
        assertThat(calendar.addWorkingDays(d("2025-09-26"), 3)).isEqualTo(d("2025-09-30"));
        assertThat(calendar.addWorkingDays(d("2025-09-26"), 4)).isEqualTo(d("2025-10-09"));
        assertThat(calendar.addWorkingDays(d("2025-09-26"), 6)).isEqualTo(d("2025-10-11"));
        assertThat(calendar.addWorkingDays(d("2025-10-01"), 0)).isEqualTo(d("2025-10-09"));
        assertThat(calendar.isWorkingDay(d("2025-10-08"))).isFalse();
    }

    @Test
    void midAutumnAndNationalDay2026AreSeparateHolidays() {
        // 中秋节 9月25日–27日, 国庆节 10月1日–7日, 9月20日 (Sun) and 10月10日 (Sat) worked
        assertThat(calendar.addWorkingDays(d("2026-09-24"), 1)).isEqualTo(d("2026-09-28"));
        assertThat(calendar.addWorkingDays(d("2026-09-30"), 1)).isEqualTo(d("2026-10-08"));
        assertThat(calendar.addWorkingDays(d("2026-10-09"), 1)).isEqualTo(d("2026-10-10"));
        assertThat(calendar.isWorkingDay(d("2026-09-20"))).isTrue();
    }

    @Test
    void aMakeupSaturdayIsAWorkingDay() {
        // 劳动节 2024: 5月11日 (Sat) worked
        assertThat(calendar.isWorkingDay(d("2024-05-11"))).isTrue();
        assertThat(calendar.isWorkingDay(d("2024-05-18"))).isFalse();
        assertThat(calendar.addWorkingDays(d("2024-05-11"), 0)).isEqualTo(d("2024-05-11"));
    }

    @Test
    void countingRunsAcrossTheTurnOfTheYear() {
        // 2025-12-31 (Wed), then 元旦 2026 off 1月1日–3日 and 1月4日 (Sun) worked
        assertThat(calendar.addWorkingDays(d("2025-12-31"), 1)).isEqualTo(d("2026-01-04"));
    }

    @Test
    void anUnpublishedYearCountsWeekendsOnly() {
        assertThat(calendar.isWorkingDay(d("2027-02-08"))).isTrue();
        assertThat(calendar.isWorkingDay(d("2027-10-01"))).isTrue();
        assertThat(calendar.isWorkingDay(d("2027-10-02"))).isFalse();
        assertThat(calendar.addWorkingDays(d("2027-09-30"), 1)).isEqualTo(d("2027-10-01"));
        // a year without any file likewise
        assertThat(calendar.addWorkingDays(d("2031-01-03"), 1)).isEqualTo(d("2031-01-06"));
    }

    @Test
    void workingDaysBetweenIsTheInverseOfAddWorkingDays() {
        assertThat(calendar.workingDaysBetween(d("2026-02-11"), d("2026-02-25"))).isEqualTo(5);
        assertThat(calendar.workingDaysBetween(d("2026-02-25"), d("2026-02-11"))).isZero();
        for (LocalDate start = d("2025-09-01"); start.isBefore(d("2026-03-31")); start = start.plusDays(3)) {
            LocalDate s = calendar.addWorkingDays(start, 0);
            for (int n = 0; n < 15; n += 4) {
                assertThat(calendar.workingDaysBetween(s, calendar.addWorkingDays(s, n))).isEqualTo(n);
            }
        }
    }

    @Test
    void negativeCountsAreRefused() {
        assertThatThrownBy(() -> calendar.addWorkingDays(d("2026-01-05"), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eachYearIsReadOnceNotPerDay() {
        calendar.addWorkingDays(d("2026-01-05"), 200);
        verify(noUploads, times(1)).findById(2026);
    }
}
