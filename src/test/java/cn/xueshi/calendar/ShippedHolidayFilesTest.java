package cn.xueshi.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The files under calendar/ load and say what the State Council notices say (spot checks per year). */
@org.junit.jupiter.api.Tag("no-database")
class ShippedHolidayFilesTest {

    private final Map<Integer, HolidayYear> years = HolidayYears.loadShipped();

    private static LocalDate d(String iso) {
        return LocalDate.parse(iso);
    }

    @Test
    void everyYearFrom2023To2027IsShipped() {
        assertThat(years).containsOnlyKeys(2023, 2024, 2025, 2026, 2027);
        years.values().forEach(y -> assertThat(y.source().title()).contains(y.year() + "年部分节假日安排"));
        years.values().forEach(y -> y.workdays().keySet().forEach(day -> assertThat(day.getDayOfWeek())
                .isIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY)));
    }

    @Test
    void year2023MatchesNoticeGuobanfaMingdian2022No16() {
        HolidayYear y = years.get(2023);
        assertThat(y.published()).isTrue();
        assertThat(y.source().number()).isEqualTo("国办发明电〔2022〕16号");
        assertThat(y.holidays()).containsEntry(d("2023-01-02"), "元旦").containsEntry(d("2023-01-21"), "春节")
                .containsEntry(d("2023-01-27"), "春节").containsEntry(d("2023-04-05"), "清明节")
                .containsEntry(d("2023-06-24"), "端午节").containsEntry(d("2023-09-29"), "中秋节、国庆节")
                .containsEntry(d("2023-10-06"), "中秋节、国庆节").doesNotContainKey(d("2023-04-04"));
        assertThat(y.workdays()).containsOnlyKeys(d("2023-01-28"), d("2023-01-29"), d("2023-04-23"),
                d("2023-05-06"), d("2023-06-25"), d("2023-10-07"), d("2023-10-08"));
        assertThat(y.holidays()).hasSize(2 + 7 + 1 + 5 + 3 + 8);
    }

    @Test
    void year2024MatchesNoticeGuobanfaMingdian2023No7() {
        HolidayYear y = years.get(2024);
        assertThat(y.source().date()).isEqualTo(d("2023-10-25"));
        assertThat(y.holidays()).containsEntry(d("2024-02-10"), "春节").containsEntry(d("2024-02-17"), "春节")
                .containsEntry(d("2024-06-10"), "端午节").containsEntry(d("2024-09-17"), "中秋节")
                .containsEntry(d("2024-10-07"), "国庆节")
                // 除夕 (2月9日) is only recommended as a day off, not a holiday
                .doesNotContainKey(d("2024-02-09"));
        assertThat(y.workdays()).containsEntry(d("2024-02-04"), "春节").containsEntry(d("2024-02-18"), "春节")
                .containsEntry(d("2024-04-07"), "清明节").containsEntry(d("2024-05-11"), "劳动节")
                .containsEntry(d("2024-09-14"), "中秋节").containsEntry(d("2024-10-12"), "国庆节").hasSize(8);
    }

    @Test
    void year2025MatchesNoticeGuobanfaMingdian2024No12() {
        HolidayYear y = years.get(2025);
        assertThat(y.holidays()).containsEntry(d("2025-01-01"), "元旦").containsEntry(d("2025-01-28"), "春节")
                .containsEntry(d("2025-02-04"), "春节").containsEntry(d("2025-05-05"), "劳动节")
                .containsEntry(d("2025-06-02"), "端午节").containsEntry(d("2025-10-08"), "国庆节、中秋节")
                .doesNotContainKey(d("2025-01-02"));
        assertThat(y.workdays()).containsOnlyKeys(d("2025-01-26"), d("2025-02-08"), d("2025-04-27"),
                d("2025-09-28"), d("2025-10-11"));
    }

    @Test
    void year2026MatchesNoticeOf4November2025() {
        HolidayYear y = years.get(2026);
        assertThat(y.source().date()).isEqualTo(d("2025-11-04"));
        assertThat(y.holidays()).containsEntry(d("2026-01-03"), "元旦").containsEntry(d("2026-02-15"), "春节")
                .containsEntry(d("2026-02-23"), "春节").containsEntry(d("2026-04-06"), "清明节")
                .containsEntry(d("2026-06-19"), "端午节").containsEntry(d("2026-09-25"), "中秋节")
                .containsEntry(d("2026-10-07"), "国庆节").hasSize(3 + 9 + 3 + 5 + 3 + 3 + 7);
        assertThat(y.workdays()).containsEntry(d("2026-01-04"), "元旦").containsEntry(d("2026-02-14"), "春节")
                .containsEntry(d("2026-02-28"), "春节").containsEntry(d("2026-05-09"), "劳动节")
                .containsEntry(d("2026-09-20"), "国庆节").containsEntry(d("2026-10-10"), "国庆节").hasSize(6);
    }

    @Test
    void year2027IsNotPublishedYetAndHasNoDates() {
        HolidayYear y = years.get(2027);
        assertThat(y.published()).isFalse();
        assertThat(y.holidays()).isEmpty();
        assertThat(y.workdays()).isEmpty();
        assertThat(y.note()).contains("未见");
    }
}
