package cn.xueshi.title;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.xueshi.identity.Directory;
import cn.xueshi.identity.Groups;
import cn.xueshi.identity.UnitType;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** The API's shape, its scope (404 for anyone but the person, their unit's reviewers and the bureau), the page. */
@IntegrationTest
class TitleWebTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ClaimFixtures fixtures;
    @Autowired
    TitleFixtures hours;
    @Autowired
    TestUsers users;
    @Autowired
    Directory directory;
    @Autowired
    TitleProfiles profiles;

    ClaimFixtures.Setup qingdaoWithFourGoodYears() {
        ClaimFixtures.Setup s = fixtures.unit("青岛大学附属医院", UnitType.STATE_OWNED, "QINGDAO", "qingdao-2023");
        for (int y = 2022; y <= 2026; y++) {
            if (y != 2025) {
                hours.registered(s.employee(), s.unit(), "qingdao-2023", y, "30", "60");
            }
        }
        return s;
    }

    @Test
    void apiAnswersTheIssuesShape() throws Exception {
        ClaimFixtures.Setup s = qingdaoWithFourGoodYears();
        mvc.perform(get("/api/v1/people/{id}/title-application", s.employee()).param("year", "2026")
                        .with(user(s.employee()).roles(Groups.EMPLOYEE)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.userId").value(s.employee()))
                .andExpect(jsonPath("$.year").value(2026))
                .andExpect(jsonPath("$.window.length()").value(5))
                .andExpect(jsonPath("$.window[0]").value(2022))
                .andExpect(jsonPath("$.window[4]").value(2026))
                .andExpect(jsonPath("$.years[3].year").value(2025))
                .andExpect(jsonPath("$.years[3].ruleSet").value("qingdao-2023"))
                .andExpect(jsonPath("$.years[3].totalHours").value(0))
                .andExpect(jsonPath("$.years[3].compliant").value(false))
                .andExpect(jsonPath("$.years[0].requirement.total").value(90))
                .andExpect(jsonPath("$.years[0].requirement.public").value(30))
                .andExpect(jsonPath("$.years[0].publicHours").value(30))
                .andExpect(jsonPath("$.years[0].professionalHours").value(60))
                .andExpect(jsonPath("$.windowTotal").value(360))
                .andExpect(jsonPath("$.windowRequired").value(450))
                .andExpect(jsonPath("$.aggregation").value("WINDOW_TOTAL"))
                .andExpect(jsonPath("$.verdict").value("NOT_COMPLIANT"))
                .andExpect(jsonPath("$.compliant").value(false));
    }

    @Test
    void apiIsScopedLikeTheRest() throws Exception {
        ClaimFixtures.Setup s = qingdaoWithFourGoodYears();
        ClaimFixtures.Setup other = fixtures.unit("青岛市海慈医院", UnitType.STATE_OWNED, "QINGDAO", "qingdao-2023");
        String bureau = users.user("bur", "赵", "局", Groups.BUREAU);
        directory.assignOversight(bureau, "QINGDAO");
        String otherBureau = users.user("bur", "钱", "局", Groups.BUREAU);
        directory.assignOversight(otherBureau, "JILIN");
        String url = "/api/v1/people/{id}/title-application";
        mvc.perform(get(url, s.employee()).param("year", "2026").with(user(s.reviewer()).roles(Groups.REVIEWER)))
                .andExpect(status().isOk());
        mvc.perform(get(url, s.employee()).param("year", "2026").with(user(bureau).roles(Groups.BUREAU)))
                .andExpect(status().isOk());
        for (String outsider : new String[] {other.employee(), other.reviewer(), otherBureau}) {
            mvc.perform(get(url, s.employee()).param("year", "2026").with(user(outsider).roles(Groups.EMPLOYEE)))
                    .andExpect(status().isNotFound());
        }
        mvc.perform(get(url, "nobody-here").param("year", "2026").with(user(s.employee()).roles(Groups.EMPLOYEE)))
                .andExpect(status().isNotFound());
        // the page too
        mvc.perform(get("/title/people/{id}", s.employee()).with(user(other.reviewer()).roles(Groups.REVIEWER)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/title/people/{id}", s.employee()).param("year", "2026")
                        .with(user(s.reviewer()).roles(Groups.REVIEWER)))
                .andExpect(status().isOk()).andExpect(content().string(containsString("title-years")));
    }

    @Test
    void apiRefusesOutOfRangeNumbersWithAChineseMessage() throws Exception {
        ClaimFixtures.Setup s = qingdaoWithFourGoodYears();
        String url = "/api/v1/people/{id}/title-application";
        mvc.perform(get(url, s.employee()).param("year", "2026").param("titleYear", "2026")
                        .with(user(s.employee()).roles(Groups.EMPLOYEE)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("titleYear"))
                .andExpect(jsonPath("$.detail").value(containsString("取得现职称年份")));
        mvc.perform(get(url, s.employee()).param("year", "99999").with(user(s.employee()).roles(Groups.EMPLOYEE)))
                .andExpect(status().isBadRequest());
        mvc.perform(get(url, s.employee()).param("year", "abc").with(user(s.employee()).roles(Groups.EMPLOYEE)))
                .andExpect(status().isBadRequest());
        mvc.perform(get(url, s.employee()).with(user(s.employee()).roles(Groups.EMPLOYEE)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.detail").value(containsString("year")));
        mvc.perform(get(url, s.employee()).param("year", "2026").param("years", "2026")
                        .with(user(s.employee()).roles(Groups.EMPLOYEE)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("years"));
    }

    @Test
    void pageShowsTheWindowAndKeepsWhatWasTypedBesideTheMessage() throws Exception {
        ClaimFixtures.Setup s = qingdaoWithFourGoodYears();
        mvc.perform(get("/title").param("year", "2026").with(user(s.employee()).roles(Groups.EMPLOYEE)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("2022—2026年")))
                .andExpect(content().string(containsString("未达标")))
                .andExpect(content().string(containsString("尚差 90 学时")));
        mvc.perform(get("/title").param("year", "20x6").with(user(s.employee()).roles(Groups.EMPLOYEE)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("value=\"20x6\"")))
                .andExpect(content().string(containsString("请填写四位数字的年份")))
                .andExpect(content().string(not(containsString("id=\"title-result\""))));
        mvc.perform(get("/title").param("year", "2026").param("titleYear", "2030")
                        .with(user(s.employee()).roles(Groups.EMPLOYEE)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("value=\"2030\"")))
                .andExpect(content().string(containsString("取得现职称年份须在")));
    }

    @Test
    void theEmployeeStoresTheYearOfTheCurrentTitle() throws Exception {
        ClaimFixtures.Setup s = qingdaoWithFourGoodYears();
        mvc.perform(post("/title/profile").param("titleYear", "2023").with(csrf())
                        .with(user(s.employee()).roles(Groups.EMPLOYEE)))
                .andExpect(redirectedUrl("/title"));
        org.assertj.core.api.Assertions.assertThat(profiles.titleYear(s.employee())).contains(2023);
        mvc.perform(get("/title").param("year", "2026").with(user(s.employee()).roles(Groups.EMPLOYEE)))
                .andExpect(content().string(containsString("2024—2026年")))
                .andExpect(content().string(containsString("尚差 90 学时")));
        mvc.perform(post("/title/profile").param("titleYear", "abcd").with(csrf())
                        .with(user(s.employee()).roles(Groups.EMPLOYEE)))
                .andExpect(status().isOk()).andExpect(content().string(containsString("value=\"abcd\"")));
        org.assertj.core.api.Assertions.assertThat(profiles.titleYear(s.employee())).contains(2023);
        mvc.perform(post("/title/profile").param("titleYear", "").with(csrf())
                        .with(user(s.employee()).roles(Groups.EMPLOYEE)))
                .andExpect(redirectedUrl("/title"));
        org.assertj.core.api.Assertions.assertThat(profiles.titleYear(s.employee())).isEmpty();
    }
}
