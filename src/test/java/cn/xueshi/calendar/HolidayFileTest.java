package cn.xueshi.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** A holiday file is refused with a precise reason when it is not well-formed. */
@org.junit.jupiter.api.Tag("no-database")
class HolidayFileTest {

    static String file(int year, String holidays, String workdays) {
        return """
                {"year": %d, "published": true,
                 "source": {"title": "测试通知", "number": null, "date": "2030-11-01", "url": null},
                 "holidays": [%s], "workdays": [%s]}""".formatted(year, holidays, workdays);
    }

    static String day(String date, String festival) {
        return "{\"date\": \"" + date + "\", \"festival\": \"" + festival + "\"}";
    }

    private static void refused(String text, String code, Object... args) {
        assertThatThrownBy(() -> HolidayFile.parse(text))
                .isInstanceOfSatisfying(InvalidHolidayFile.class, e -> {
                    assertThat(e.getCode()).isEqualTo(code);
                    if (args.length > 0) {
                        assertThat(e.getArgs()).containsExactly(args);
                    }
                });
    }

    @Test
    void aWellFormedFileIsRead() {
        HolidayYear y = HolidayFile.parse(file(2031, day("2031-01-01", "元旦"), day("2031-01-04", "元旦")));
        assertThat(y.year()).isEqualTo(2031);
        assertThat(y.festivalOn(LocalDate.of(2031, 1, 1))).isEqualTo("元旦");
        assertThat(y.isMakeupWorkday(LocalDate.of(2031, 1, 4))).isTrue();
        assertThat(y.source().date()).isEqualTo(LocalDate.of(2030, 11, 1));
    }

    @Test
    void brokenJsonIsRefusedWithItsPosition() {
        refused("{\"year\": 2031,\n \"published\": tru }", "calendar.file.error.json");
        refused("", "calendar.file.error.notObject");
        refused("[1, 2]", "calendar.file.error.notObject");
        refused(file(2031, "", "") + " trailing", "calendar.file.error.json");
        refused("{\"year\": 2031, \"year\": 2032}", "calendar.file.error.json");
    }

    @Test
    void missingOrMistypedFieldsAreNamed() {
        refused("{\"published\": true}", "calendar.file.error.field", "year");
        refused("{\"year\": \"2031\", \"published\": true}", "calendar.file.error.field", "year");
        refused("{\"year\": 2031, \"published\": \"yes\"}", "calendar.file.error.field", "published");
        refused(file(2031, "", "").replace("\"title\": \"测试通知\"", "\"title\": \" \""),
                "calendar.file.error.field", "source.title");
        refused(file(2031, "", "").replace("\"holidays\": [],", ""), "calendar.file.error.field", "holidays");
        refused(file(1999, "", ""), "calendar.file.error.yearRange", 1999, 2000, 2100);
    }

    @Test
    void aDateOutsideTheYearIsRefused() {
        refused(file(2031, day("2030-12-31", "元旦"), ""), "calendar.file.error.outside", "2030-12-31", 2031);
    }

    @Test
    void aDateInBothListsIsRefused() {
        refused(file(2031, day("2031-02-01", "春节"), day("2031-02-01", "春节")), "calendar.file.error.overlap",
                "2031-02-01");
    }

    @Test
    void invalidDatesDuplicatesAndMissingFestivalsAreRefused() {
        refused(file(2031, day("2031-02-30", "春节"), ""), "calendar.file.error.date", "2031-02-30", "holidays");
        refused(file(2031, day("2031-02-03", "春节") + "," + day("2031-02-03", "春节"), ""),
                "calendar.file.error.duplicate", "2031-02-03", "holidays");
        refused(file(2031, day("2031-02-03", " "), ""), "calendar.file.error.festival", "2031-02-03");
        refused(file(2031, "\"2031-02-03\"", ""), "calendar.file.error.entry", "holidays");
    }

    @Test
    void aMakeupWorkdayMustBeAWeekendDay() {
        // 2031-02-03 is a Monday: working anyway, so it cannot be a 调休 working day
        refused(file(2031, "", day("2031-02-03", "春节")), "calendar.file.error.notWeekend", "2031-02-03");
    }

    @Test
    void anUnpublishedYearListsNoDates() {
        refused(file(2031, day("2031-01-01", "元旦"), "").replace("\"published\": true", "\"published\": false"),
                "calendar.file.error.unpublishedWithDates");
    }
}
