package cn.xueshi.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.xueshi.identity.Groups;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Finding 10 of issue 12: the year selector on 我的学时 offers only the years a rule set covers for the
 * person's unit, and a year none covers (typed into the URL) shows a message, not a 500.
 */
@IntegrationTest
class ClaimYearSelectorTest {

    /** dmn/rule-set-selection.dmn: jilin-2026 is in force for Jilin from 2026 on, nothing before. */
    static final int JILIN_FIRST_YEAR = 2026;

    @Autowired
    MockMvc mvc;
    @Autowired
    ClaimFixtures fixtures;
    @Autowired
    cn.xueshi.clock.BusinessClock clock;

    @Test
    void theSelectorOffersOnlyTheYearsTheRuleSetCovers() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        String page = page("/claims", s.employee());
        int now = clock.today().getYear();
        for (int y = now - 5; y <= now; y++) {
            if (y >= JILIN_FIRST_YEAR) {
                assertThat(page).as("year %d is covered", y).contains("<option value=\"" + y + "\"");
            } else {
                assertThat(page).as("year %d is not covered", y).doesNotContain("<option value=\"" + y + "\"");
            }
        }
        assertThat(page).contains("id=\"year-progress\"").doesNotContain("id=\"year-uncovered\"");
    }

    @Test
    void aYearNoRuleSetCoversShowsAMessageInsteadOfTheProgress() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        String page = page("/claims?year=" + (JILIN_FIRST_YEAR - 3), s.employee());
        assertThat(page).contains("id=\"year-uncovered\"", (JILIN_FIRST_YEAR - 3) + " 年度没有适用于本单位的学时认定规则")
                .doesNotContain("id=\"year-progress\"");
    }

    private String page(String url, String employee) throws Exception {
        return mvc.perform(get(url).with(user(employee).roles(Groups.EMPLOYEE)))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }
}
