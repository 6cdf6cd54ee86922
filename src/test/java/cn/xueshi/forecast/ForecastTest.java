package cn.xueshi.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.xueshi.claim.Claim;
import cn.xueshi.claim.ClaimRepository;
import cn.xueshi.clock.BusinessClock;
import cn.xueshi.identity.Groups;
import cn.xueshi.identity.UnitType;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** 差额预估 against a hand-computed fixture; the unit's members by shortfall; the unit page's scope. */
@IntegrationTest
class ForecastTest {

    @Autowired
    Forecasts forecasts;
    @Autowired
    ClaimFixtures fixtures;
    @Autowired
    ClaimRepository claims;
    @Autowired
    TestUsers users;
    @Autowired
    BusinessClock clock;
    @Autowired
    MockMvc mvc;

    private void claim(ClaimFixtures.Setup s, String employee, int year, String pub, String prof, boolean registered) {
        Claim c = new Claim(employee, s.unit().getId(), "jilin-2026", year, "学时", UUID.randomUUID().toString());
        if (registered) {
            c.approve(s.reviewer(), new BigDecimal(pub), new BigDecimal(prof), "按登记学时认定");
            c.register();
        } else {
            c.proposed(new BigDecimal(pub).add(new BigDecimal(prof)), new BigDecimal(pub), new BigDecimal(prof));
            c.inReview("UNIT", null);
        }
        claims.save(c);
    }

    @Test
    void theCurrentYearsShortfallPendingClaimsAndDaysLeft() {
        ClaimFixtures.Setup s = fixtures.jilin();
        int year = clock.year();
        // registered 20 public + 35 professional; in review a 2-day exchange (16 professional); requirement 90 (30, 60)
        claim(s, s.employee(), year, "20", "35", true);
        fixtures.exchange(s.employee(), 2);
        claim(s, s.employee(), year - 1, "50", "50", false); // another year: not pending for this one
        Forecast f = forecasts.of(s.employee(), s.unit());
        assertThat(f.year()).isEqualTo(year);
        assertThat(f.missingPublic()).isEqualByComparingTo("10");
        assertThat(f.missingProfessional()).isEqualByComparingTo("25");
        assertThat(f.missingTotal()).isEqualByComparingTo("35");
        assertThat(f.pendingClaims()).isEqualTo(1);
        assertThat(f.pendingPublic()).isEqualByComparingTo("0");
        assertThat(f.pendingProfessional()).isEqualByComparingTo("16");
        assertThat(f.missingAfterPending()).isEqualByComparingTo("19");
        assertThat(f.daysLeft()).isEqualTo(ChronoUnit.DAYS.between(clock.today(), LocalDate.of(year, 12, 31)));
        assertThat(f.applicationYear()).isEqualTo(year);
    }

    @Test
    void pendingHoursOfACappedGroupAddOnlyWhatFitsUnderTheCap() {
        ClaimFixtures.Setup s = fixtures.jilin();
        // Jilin 专业学习与交流: 8 hours a day, at most 40 a year. Registered 3 days = 24; pending 5 days = 40 proposed,
        // of which only 40 − 24 = 16 fit under the cap (the year view would count 40, not 64)
        fixtures.registeredExchange(s, 3);
        assertThat(fixtures.exchange(s.employee(), 5).getProposedProfessional()).isEqualByComparingTo("40");
        Forecast f = forecasts.of(s.employee(), s.unit());
        assertThat(f.missingProfessional()).isEqualByComparingTo("36");
        assertThat(f.missingTotal()).isEqualByComparingTo("66");
        assertThat(f.pendingClaims()).isEqualTo(1);
        assertThat(f.pendingProfessional()).isEqualByComparingTo("16");
        assertThat(f.pendingPublic()).isEqualByComparingTo("0");
        assertThat(f.missingAfterPending()).isEqualByComparingTo("50");
    }

    @Test
    void theUnitSeesItsMembersLargestShortfallFirst() throws Exception {
        ClaimFixtures.Setup s = fixtures.unit("吉林大学第二医院", UnitType.STATE_OWNED, "JILIN", "jilin-2026");
        String second = users.member(s.unit(), "钱", "二");
        String third = users.member(s.unit(), "孙", "三");
        int year = clock.year();
        claim(s, s.employee(), year, "30", "60", true);
        claim(s, second, year, "10", "10", true);
        claim(s, third, year, "30", "30", true);
        List<Forecast> rows = forecasts.unit(s.unit());
        assertThat(rows).extracting(Forecast::userId).containsExactly(second, third, s.employee());
        assertThat(rows).extracting(Forecast::missingTotal).containsExactly(new BigDecimal("70"), new BigDecimal("30"),
                new BigDecimal("0"));
        mvc.perform(get("/forecast/units/{id}", s.unit().getId()).with(user(s.reviewer()).roles(Groups.REVIEWER)))
                .andExpect(status().isOk()).andExpect(content().string(containsString("钱二")));
        ClaimFixtures.Setup other = fixtures.jilin();
        mvc.perform(get("/forecast/units/{id}", s.unit().getId()).with(user(other.reviewer()).roles(Groups.REVIEWER)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/forecast/units/{id}", s.unit().getId()).with(user(s.employee()).roles(Groups.EMPLOYEE)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/").with(user(second).roles(Groups.EMPLOYEE)))
                .andExpect(status().isOk()).andExpect(content().string(containsString("id=\"forecast-missing\"")))
                .andExpect(content().string(containsString("70 学时（公需 20，专业 50）")));
        mvc.perform(get("/forecast").with(user(second).roles(Groups.EMPLOYEE)))
                .andExpect(status().isOk()).andExpect(content().string(containsString("差额预估")));
    }
}
