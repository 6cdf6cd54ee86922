package cn.xueshi.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;

import cn.xueshi.claim.Claim;
import cn.xueshi.claim.ClaimStatus;
import cn.xueshi.identity.Groups;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** What people read on the pages: Chinese names instead of codes, years without grouping, styled badges. */
@IntegrationTest
class PageLabelsTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ClaimFixtures fixtures;
    @Autowired
    TaskService tasks;
    @Autowired
    cn.xueshi.support.TestUsers users;
    @Autowired
    cn.xueshi.identity.Directory directory;

    @Test
    void claimItemsShowTheRuleSetsNamesOfParameterValuesToTheEmployeeAndTheReviewer() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        Claim claim = fixtures.submit(s.employee(), ClaimFixtures.form(2026, "PAPER", LocalDate.of(2026, 4, 1),
                Map.of("journal", "PROVINCIAL", "role", "FIRST_AUTHOR")));
        String task = tasks.createTaskQuery().processInstanceId(claim.getProcessInstanceId())
                .taskDefinitionKey("reviewClaim").singleResult().getId();

        var names = allOf(containsString("省级刊物"), containsString("第一作者"),
                not(containsString("PROVINCIAL")), not(containsString("FIRST_AUTHOR")), containsString("class=\"col-type\""));
        mvc.perform(get("/claims/{id}", claim.getId()).with(user(s.employee()).roles(Groups.EMPLOYEE)))
                .andExpect(content().string(names));
        mvc.perform(get("/review/tasks/{t}", task).with(user(s.reviewer()).roles(Groups.REVIEWER)))
                .andExpect(content().string(names));
        mvc.perform(get("/claims/{id}", claim.getId()).param("lang", "en").with(user(s.employee()).roles(Groups.EMPLOYEE)))
                .andExpect(content().string(allOf(containsString("Provincial journal"), containsString("First author"))));
    }

    /**
     * A map indexed by a bare loop variable in SpEL ({@code names[ty]}) is looked up by the literal name "ty": the
     * inbox showed PROFESSIONAL_EXCHANGE instead of 专业学习与交流, the bureau's home page empty jurisdiction badges.
     */
    @Test
    void theInboxNamesTheActivityTypesAndTheBureausHomePageItsJurisdictions() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        fixtures.exchange(s.employee(), 2);
        mvc.perform(get("/review").with(user(s.reviewer()).roles(Groups.REVIEWER)))
                .andExpect(content().string(allOf(
                        containsString("<span class=\"d-inline-block text-nowrap me-1\">专业学习与交流</span>"),
                        not(containsString(">PROFESSIONAL_EXCHANGE</span>")))));
        String bureau = users.user("plb", "孙", "人社", Groups.BUREAU);
        directory.assignOversight(bureau, "JILIN");
        mvc.perform(get("/").with(user(bureau).roles(Groups.BUREAU)))
                .andExpect(content().string(containsString("badge text-bg-secondary\">吉林省</li>")));
    }

    @Test
    void theStandardsPagePrintsTheFirstYearWithoutAThousandsSeparator() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        mvc.perform(get("/rules/standards").param("ruleSet", "jilin-2026").with(user(s.employee()).roles(Groups.EMPLOYEE)))
                .andExpect(content().string(allOf(containsString("2026 年起"), not(containsString("2,026")),
                        // the chooser names the rule sets, not their keys
                        containsString(">青岛市（2023年通知）</option>"), not(containsString(">qingdao-2023</option>")))));
        mvc.perform(get("/rules/standards").param("ruleSet", "jilin-2026").param("lang", "en")
                        .with(user(s.employee()).roles(Groups.EMPLOYEE)))
                .andExpect(content().string(allOf(containsString("from 2026"), not(containsString("2,026")))));
    }

    @Test
    void myClaimsShowsAStatusBadgeAndEveryStatusHasAColourOfItsOwn() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        fixtures.exchange(s.employee(), 2);
        mvc.perform(get("/claims").param("year", "2026").with(user(s.employee()).roles(Groups.EMPLOYEE)))
                .andExpect(content().string(containsString("badge status-badge status-IN_REVIEW")));

        String css;
        try (InputStream in = getClass().getResourceAsStream("/static/css/app.css")) {
            css = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Set<String> backgrounds = new HashSet<>();
        for (ClaimStatus status : ClaimStatus.values()) {
            Matcher m = Pattern.compile("\\.status-" + status.name() + "\\s*\\{[^}]*background-color:\\s*([^;]+);").matcher(css);
            assertThat(m.find()).as("app.css styles .status-" + status).isTrue();
            backgrounds.add(m.group(1).trim());
        }
        assertThat(backgrounds).hasSize(ClaimStatus.values().length);
    }
}
