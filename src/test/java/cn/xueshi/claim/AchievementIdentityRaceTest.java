package cn.xueshi.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import cn.xueshi.identity.UnitType;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.Parallel;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.RepeatedTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Two submissions of the same achievement by the same person at the same moment (two tabs, two forms): the unique
 * key of xs_achievement_use lets one claim through; the other form comes back with the message beside the field,
 * never a 500 (H2 and PostgreSQL).
 */
@IntegrationTest
class AchievementIdentityRaceTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ClaimFixtures fixtures;
    @Autowired
    ClaimRepository claims;
    @Autowired
    ClaimService service;
    @Autowired
    cn.xueshi.identity.CurrentUserService currentUsers;

    @RepeatedTest(3)
    void oneOfTwoConcurrentSubmissionsWinsTheOtherIsToldWhy() throws Exception {
        ClaimFixtures.Setup s = fixtures.unit("青岛大学附属医院", UnitType.STATE_OWNED, "QINGDAO", "qingdao-2023");
        String doi = "10.1000/race." + UUID.randomUUID();
        List<MockHttpServletResponse> responses = Parallel.run(2, i -> mvc.perform(
                AchievementIdentityWebTest.paper(UUID.randomUUID().toString(), 2025 + i, doi)
                        .with(AchievementIdentityWebTest.as(s.employee())).with(csrf())).andReturn().getResponse());
        assertThat(responses).extracting(MockHttpServletResponse::getStatus).containsExactlyInAnyOrder(302, 200);
        MockHttpServletResponse refused = responses.stream().filter(r -> r.getStatus() == 200).findFirst().orElseThrow();
        assertThat(refused.getContentAsString(java.nio.charset.StandardCharsets.UTF_8)).contains("同一成果不重复计算");
        assertThat(claims.findByClaimantOrderBySubmittedAtDesc(s.employee())).hasSize(1);
    }

    /** Past the form's check (both checked before either committed): the unique key alone refuses the second. */
    @RepeatedTest(3)
    void theDatabaseKeyDecidesWhenBothPassedTheCheck() throws Exception {
        ClaimFixtures.Setup s = fixtures.unit("青岛科技大学", UnitType.STATE_OWNED, "QINGDAO", "qingdao-2023");
        String doi = "10.1000/key." + UUID.randomUUID();
        cn.xueshi.identity.CurrentUser me = currentUsers.load(s.employee());
        List<String> outcomes = Parallel.run(2, i -> {
            ClaimForm form = ClaimFixtures.form(2025 + i, "PAPER", java.time.LocalDate.of(2025 + i, 3, 2),
                    java.util.Map.of("count", "1"));
            form.getItems().get(0).setIdentifier(doi);
            try {
                service.submit(form, "qingdao-2023", s.unit(), me);
                return "stored";
            } catch (AchievementIdentity.AlreadyCounted e) {
                return "refused item " + e.item();
            }
        });
        assertThat(outcomes).containsExactlyInAnyOrder("stored", "refused item 0");
        assertThat(claims.findByClaimantOrderBySubmittedAtDesc(s.employee())).hasSize(1);
    }
}
