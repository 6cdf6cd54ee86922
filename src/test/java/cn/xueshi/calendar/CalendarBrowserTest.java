package cn.xueshi.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.identity.Groups;
import cn.xueshi.support.Browser;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The real upload form in a browser: multipart with CSRF through the container, errors beside the field. */
@org.junit.jupiter.api.Tag("browser")
@IntegrationTest
class CalendarBrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    TestUsers users;
    @Autowired
    HolidayYears years;
    @Autowired
    WorkingDayCalendar calendar;

    @AfterEach
    void restore() {
        years.revert(CalendarAdminControllerTest.NO_FILE);
    }

    private static String upload(Browser browser, String year, String json) throws Exception {
        Path file = Files.createTempFile("holidays", ".json");
        Files.writeString(file, json, StandardCharsets.UTF_8);
        browser.go("/admin/calendar");
        browser.driver().findElement(By.id("year")).clear();
        browser.driver().findElement(By.id("year")).sendKeys(year);
        browser.driver().findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
        browser.click(By.cssSelector("#upload button[type=submit]"));
        return file.toString();
    }

    @Test
    void adminUploadsAYearAndSeesWrongFilesRefusedBesideTheField() throws Exception {
        String admin = users.user("adm", "祖", "冲之", Groups.ADMIN);
        try (Browser browser = Browser.open(port)) {
            browser.login(admin, TestUsers.PASSWORD).awaitText("祖冲之，您好");
            browser.go("/");
            browser.click(By.id("nav-admin-menu"));
            browser.click(By.linkText("工作日历"));
            browser.awaitText("国务院办公厅关于2026年部分节假日安排的通知", "上传年度文件");

            upload(browser, "2031", CalendarAdminControllerTest.published2027());
            assertThat(browser.awaitText("文件中的年份是 2027，与所选年份 2031 不符。")).isNotEmpty();
            assertThat(browser.driver().findElement(By.id("file-error")).isDisplayed()).isTrue();
            browser.screenshot("calendar-upload-refused");

            upload(browser, "2031", HolidayFileTest.file(2031, HolidayFileTest.day("2031-01-06", "测试节"), ""));
            browser.awaitText("2031 年的节假日数据已上传并生效。");
            assertThat(calendar.isWorkingDay(java.time.LocalDate.of(2031, 1, 6))).isFalse();

            browser.go("/admin/calendar/2026");
            browser.awaitText("2026 年工作日历", "春节", "2026-02-15 至 2026-02-23");
            browser.screenshot("calendar-2026");
        }
    }
}
