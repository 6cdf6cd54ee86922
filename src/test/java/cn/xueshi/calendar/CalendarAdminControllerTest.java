package cn.xueshi.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import cn.xueshi.identity.Groups;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

@IntegrationTest
class CalendarAdminControllerTest {

    /** Years the tests upload; 2027 has a shipped (unpublished) file, 2031 none. Both are restored afterwards. */
    static final int SHIPPED_UNPUBLISHED = 2027;
    static final int NO_FILE = 2031;

    @Autowired
    MockMvc mvc;
    @Autowired
    TestUsers users;
    @Autowired
    HolidayYears years;
    @Autowired
    UploadedYearRepository uploads;
    @Autowired
    WorkingDayCalendar calendar;

    String adminId;

    @BeforeEach
    void admin() {
        adminId = users.user("adm", "管", "理", Groups.ADMIN);
    }

    @AfterEach
    void restoreShippedData() {
        years.revert(SHIPPED_UNPUBLISHED);
        years.revert(NO_FILE);
    }

    RequestPostProcessor asAdmin() {
        return user(adminId).roles(Groups.ADMIN);
    }

    static MockMultipartFile json(String text) {
        return new MockMultipartFile("file", "holidays.json", "application/json", text.getBytes(StandardCharsets.UTF_8));
    }

    ResultActions upload(int year, MockMultipartFile file) throws Exception {
        return mvc.perform(multipart("/admin/calendar").file(file).param("year", String.valueOf(year))
                .with(asAdmin()).with(csrf()));
    }

    /** 2027 as if the notice were out: 国庆节 10月1日 (Fri) off, 9月26日 (Sun) worked. */
    static String published2027() {
        return HolidayFileTest.file(SHIPPED_UNPUBLISHED,
                HolidayFileTest.day("2027-10-01", "国庆节") + "," + HolidayFileTest.day("2027-10-02", "国庆节"),
                HolidayFileTest.day("2027-09-26", "国庆节"));
    }

    @Test
    void adminSeesEveryYearWithItsSourceAndCounts() throws Exception {
        mvc.perform(get("/admin/calendar").with(asAdmin()))
                .andExpect(status().isOk())
                .andExpect(view().name(CalendarAdminController.LIST_VIEW))
                .andExpect(content().string(containsString("国务院办公厅关于2023年部分节假日安排的通知")))
                .andExpect(content().string(containsString("国办发明电〔2024〕12号")))
                .andExpect(content().string(containsString("id=\"year-2027\"")))
                .andExpect(content().string(containsString("未发布（只按周末计算）")))
                .andExpect(content().string(containsString("内置文件")))
                .andExpect(content().string(containsString("href=\"/admin/calendar\"")))
                .andExpect(content().string(containsString("上传年度文件")));
    }

    @Test
    void yearPageMarksHolidaysAndMakeupDaysWithTheirFestival() throws Exception {
        mvc.perform(get("/admin/calendar/2026").with(asAdmin()))
                .andExpect(status().isOk())
                .andExpect(view().name(CalendarAdminController.YEAR_VIEW))
                .andExpect(content().string(containsString("2026 年工作日历")))
                .andExpect(content().string(containsString(
                        "title=\"春节\" data-date=\"2026-02-16\" class=\"bg-danger-subtle\"")))
                .andExpect(content().string(containsString(
                        "title=\"春节\" data-date=\"2026-02-14\" class=\"bg-warning-subtle\"")))
                .andExpect(content().string(containsString("2026-02-15 至 2026-02-23")))
                .andExpect(content().string(containsString("（共 9 天）")))
                .andExpect(content().string(containsString("<td>中秋节</td>")))
                .andExpect(content().string(containsString("2026-09-20</span><span>、</span><span>2026-10-10")))
                .andExpect(content().string(not(containsString("id=\"unpublished\""))));
    }

    @Test
    void unpublishedAndUnknownYearsSayTheyCountWeekendsOnly() throws Exception {
        mvc.perform(get("/admin/calendar/2027").with(asAdmin()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"unpublished\"")))
                .andExpect(content().string(containsString("尚未发布")));
        mvc.perform(get("/admin/calendar/2040").with(asAdmin()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"no-data\"")));
        // beyond xueshi.limits (RequestLimits): refused before the controller, with the bounds in the message
        mvc.perform(get("/admin/calendar/1800").with(asAdmin())).andExpect(status().isBadRequest());
    }

    @Test
    void englishPageUsesTheEnglishBundle() throws Exception {
        mvc.perform(get("/admin/calendar/2025").param("lang", "en").with(asAdmin()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Working-day calendar 2025")))
                .andExpect(content().string(containsString("2025-10-01 to 2025-10-08")));
    }

    @Test
    void uploadedYearOverridesTheShippedFileUntilItIsDeleted() throws Exception {
        LocalDate nationalDay = LocalDate.of(2027, 10, 1);
        assertThat(calendar.isWorkingDay(nationalDay)).isTrue();

        upload(SHIPPED_UNPUBLISHED, json(published2027()))
                .andExpect(redirectedUrl("/admin/calendar"))
                .andExpect(flash().attribute("message", "calendar.upload.saved"));

        assertThat(calendar.isWorkingDay(nationalDay)).isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.of(2027, 9, 26))).isTrue();
        assertThat(calendar.addWorkingDays(LocalDate.of(2027, 9, 30), 1)).isEqualTo(LocalDate.of(2027, 10, 4));
        UploadedYear row = uploads.findById(SHIPPED_UNPUBLISHED).orElseThrow();
        assertThat(row.getUploadedBy()).isEqualTo(adminId);
        mvc.perform(get("/admin/calendar").with(asAdmin()))
                .andExpect(content().string(containsString(adminId + " 于 ")))
                .andExpect(content().string(containsString("/admin/calendar/2027/revert")));

        mvc.perform(post("/admin/calendar/{y}/revert", SHIPPED_UNPUBLISHED).with(asAdmin()).with(csrf()))
                .andExpect(redirectedUrl("/admin/calendar"));
        assertThat(uploads.findById(SHIPPED_UNPUBLISHED)).isEmpty();
        assertThat(calendar.isWorkingDay(nationalDay)).isTrue();
    }

    @Test
    void aSecondUploadOfTheSameYearReplacesTheFirst() throws Exception {
        String holiday = HolidayFileTest.file(NO_FILE, HolidayFileTest.day("2031-01-06", "测试"), "");
        upload(NO_FILE, json(holiday)).andExpect(redirectedUrl("/admin/calendar"));
        assertThat(calendar.isWorkingDay(LocalDate.of(2031, 1, 6))).isFalse();
        upload(NO_FILE, json(HolidayFileTest.file(NO_FILE, "", ""))).andExpect(redirectedUrl("/admin/calendar"));
        assertThat(calendar.isWorkingDay(LocalDate.of(2031, 1, 6))).isTrue();
    }

    private void refused(int year, MockMultipartFile file, String message) throws Exception {
        upload(year, file)
                .andExpect(status().isOk())
                .andExpect(view().name(CalendarAdminController.LIST_VIEW))
                .andExpect(model().attributeHasErrors("uploadForm"))
                .andExpect(content().string(containsString("is-invalid")))
                .andExpect(content().string(containsString(message)));
        assertThat(uploads.findById(year)).isEmpty();
    }

    @Test
    void invalidUploadsAreRefusedWithAChineseReasonAndNothingIsSaved() throws Exception {
        refused(NO_FILE, json("{\"year\": 2031,\n  \"published\": tru }"), "文件不是有效的 JSON（第 2 行");
        refused(NO_FILE, json(published2027()), "文件中的年份是 2027，与所选年份 2031 不符。");
        refused(NO_FILE, json(HolidayFileTest.file(NO_FILE, HolidayFileTest.day("2031-02-01", "春节"),
                HolidayFileTest.day("2031-02-01", "春节"))), "日期 2031-02-01 同时列为放假日和调休上班日。");
        refused(NO_FILE, json(HolidayFileTest.file(NO_FILE, HolidayFileTest.day("2032-01-01", "元旦"), "")),
                "日期 2032-01-01 不在 2031 年内。");
        refused(NO_FILE, new MockMultipartFile("file", "empty.json", "application/json", new byte[0]),
                "请选择要上传的 JSON 文件。");
        refused(NO_FILE, new MockMultipartFile("file", "gbk.json", "application/json",
                "{\"note\": \"春节\"}".getBytes(java.nio.charset.Charset.forName("GBK"))), "文件不是 UTF-8 编码的文本。");
        refused(NO_FILE, json(" ".repeat(100 * 1024 + 1)), "文件过大，最大 100 KB。");
        assertThat(calendar.isWorkingDay(LocalDate.of(2031, 2, 1))).isFalse(); // a Saturday, as before
    }

    @Test
    void aMissingOrWrongYearFieldIsRefused() throws Exception {
        mvc.perform(multipart("/admin/calendar").file(json(published2027())).param("year", "abc")
                        .with(asAdmin()).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("请填写 2000 至 2100 之间的年份。")));
        mvc.perform(multipart("/admin/calendar").file(json(published2027())).with(asAdmin()).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("请填写 2000 至 2100 之间的年份。")));
        assertThat(uploads.findById(SHIPPED_UNPUBLISHED)).isEmpty();
    }

    @Test
    void nonAdminsCannotSeeOrChangeTheCalendar() throws Exception {
        for (String role : new String[] {Groups.EMPLOYEE, Groups.REVIEWER, Groups.BUREAU, Groups.ANALYST,
                Groups.SUPERVISOR}) {
            RequestPostProcessor someone = user("someone").roles(role);
            mvc.perform(get("/admin/calendar").with(someone)).andExpect(status().isForbidden());
            mvc.perform(get("/admin/calendar/2026").with(someone)).andExpect(status().isForbidden());
            mvc.perform(multipart("/admin/calendar").file(json(published2027())).param("year", "2027")
                    .with(someone).with(csrf())).andExpect(status().isForbidden());
            mvc.perform(post("/admin/calendar/2026/revert").with(someone).with(csrf()))
                    .andExpect(status().isForbidden());
        }
        assertThat(uploads.findById(SHIPPED_UNPUBLISHED)).isEmpty();
    }
}
