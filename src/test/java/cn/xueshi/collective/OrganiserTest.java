package cn.xueshi.collective;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.xueshi.claim.Claim;
import cn.xueshi.claim.ClaimRepository;
import cn.xueshi.claim.ClaimStatus;
import cn.xueshi.identity.Groups;
import cn.xueshi.identity.Unit;
import cn.xueshi.identity.UnitOrganisers;
import cn.xueshi.identity.UnitType;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * 单位活动组织者: granted by an admin for one unit (X); creates X's activities and rosters, never for unit Y, never
 * reviews (no /review, no batch approval, no roster correction that rejects a claim), and sees no other unit's
 * activity (404).
 */
@IntegrationTest
class OrganiserTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    MockMvc mvc;
    @Autowired
    TestUsers users;
    @Autowired
    UnitOrganisers organisers;
    @Autowired
    IdentityService identity;
    @Autowired
    ClaimRepository claims;
    @Autowired
    ClaimFixtures fixtures;

    Unit x;
    Unit y;
    String organiser;
    String memberX;
    String memberY;
    String reviewerY;

    static RequestPostProcessor as(String id, String role) {
        return user(id).roles(role);
    }

    @BeforeEach
    void grant() throws Exception {
        x = users.unit("组织者所在医院", UnitType.STATE_OWNED, "JILIN", "jilin-2026");
        y = users.unit("另一家医院", UnitType.STATE_OWNED, "JILIN", "jilin-2026");
        memberX = users.member(x, "甲", "员");
        memberY = users.member(y, "乙", "员");
        reviewerY = users.reviewerOf(y, "乙", "审");
        users.reviewerOf(x, "甲", "审");
        organiser = users.user("org", "组", "织者");
        String admin = users.user("adm", "管", "理", Groups.ADMIN);
        MvcResult granted = mvc.perform(post("/admin/units/" + x.getId() + "/organisers").param("userId", organiser)
                .with(csrf()).with(as(admin, Groups.ADMIN))).andReturn();
        assertThat(granted.getResponse().getStatus()).isEqualTo(302);
        assertThat(organisers.unitOf(organiser)).map(Unit::getId).contains(x.getId());
        assertThat(identity.createUserQuery().userId(organiser).memberOfGroup(Groups.ORGANISER).count()).isOne();
        String page = mvc.perform(get("/admin/units/" + x.getId() + "/organisers").with(as(admin, Groups.ADMIN)))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains(organiser).contains("组织者");
        // one unit only: granting Y as well is refused with the unit named
        String twice = mvc.perform(post("/admin/units/" + y.getId() + "/organisers").param("userId", organiser)
                .with(csrf()).with(as(admin, Groups.ADMIN))).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(twice).contains("组织者所在医院").contains("value=\"" + organiser + "\"");
        assertThat(organisers.unitOf(organiser)).map(Unit::getId).contains(x.getId());
        // an employee may not grant anything
        assertThat(mvc.perform(post("/admin/units/" + x.getId() + "/organisers").param("userId", memberX)
                .with(csrf()).with(as(memberX, "employee"))).andReturn().getResponse().getStatus()).isEqualTo(403);
    }

    long create(String who, String role, Unit unit, int expectedStatus) throws Exception {
        MvcResult r = mvc.perform(post("/activities").param("unitId", unit.getId().toString()).param("title", "安全生产教育")
                .param("activityType", "TRAINING").param("params", "hours=8; days=1").param("date", "2026-11-20")
                .param("organiser", "安全科").with(csrf()).with(as(who, role))).andReturn();
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(expectedStatus);
        String url = r.getResponse().getRedirectedUrl();
        return url == null ? -1 : Long.parseLong(url.substring(url.lastIndexOf('/') + 1));
    }

    @Test
    void organisesTheirUnitOnlyAndNeverReviews() throws Exception {
        long mine = create(organiser, Groups.ORGANISER, x, 302);
        // not for unit Y: the form says so and nothing is made
        MvcResult other = mvc.perform(post("/activities").param("unitId", y.getId().toString()).param("title", "越权活动")
                .param("activityType", "TRAINING").param("params", "hours=8; days=1").param("date", "2026-11-20")
                .param("organiser", "安全科").with(csrf()).with(as(organiser, Groups.ORGANISER))).andReturn();
        assertThat(other.getResponse().getStatus()).isEqualTo(200);
        assertThat(other.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("activity-error");

        // the roster: people of X yes, people of Y no (picked or uploaded)
        MvcResult add = mvc.perform(post("/activities/" + mine + "/attendees").param("userIds", memberX, memberY)
                .with(csrf()).with(as(organiser, Groups.ORGANISER))).andReturn();
        assertThat(add.getFlashMap().get("added")).isEqualTo(1);
        assertThat((List<?>) add.getFlashMap().get("problems")).hasSize(1);
        assertThat(claims.findByClaimantOrderBySubmittedAtDesc(memberY)).isEmpty();
        JsonNode dry = JSON.readTree(mvc.perform(post("/api/v1/imports").param("kind", "ACTIVITY_ROSTER")
                .param("activityId", String.valueOf(mine)).param("dryRun", "true")
                .contentType(MediaType.APPLICATION_JSON)
                .content(JSON.writeValueAsString(Map.of("rows", List.of(Map.of("userId", memberY)))))
                .with(httpBasic(organiser, TestUsers.PASSWORD))).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8));
        assertThat(dry.get("valid").asInt()).isZero();
        assertThat(dry.get("errors").get(0).get("field").asText()).isEqualTo("userId");

        // no review: the inbox is closed, the batch approval and a correction are refused, the claim stays in review
        assertThat(mvc.perform(get("/review").with(as(organiser, Groups.ORGANISER))).andReturn().getResponse()
                .getStatus()).isEqualTo(403);
        Claim claim = claims.findByClaimantOrderBySubmittedAtDesc(memberX).get(0);
        fixtures.runJobs(claim);
        MvcResult approve = mvc.perform(post("/activities/" + mine + "/approve").with(csrf())
                .with(as(organiser, Groups.ORGANISER))).andReturn();
        assertThat((List<?>) approve.getFlashMap().get("problems")).singleElement().asString().contains("审核人");
        MvcResult remove = mvc.perform(post("/activities/" + mine + "/attendees/" + memberX + "/remove").with(csrf())
                .with(as(organiser, Groups.ORGANISER))).andReturn();
        assertThat((List<?>) remove.getFlashMap().get("problems")).singleElement().asString().contains("审核人");
        assertThat(fixtures.reload(claim).getStatus()).isEqualTo(ClaimStatus.IN_REVIEW);
        String page = mvc.perform(get("/activities/" + mine).with(as(organiser, Groups.ORGANISER))).andReturn()
                .getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).doesNotContain("approve-all").contains("add-members");

        // another unit's activity: 404, and it is not listed
        long theirs = create(reviewerY, "reviewer", y, 302);
        assertThat(mvc.perform(get("/activities/" + theirs).with(as(organiser, Groups.ORGANISER))).andReturn()
                .getResponse().getStatus()).isEqualTo(404);
        assertThat(mvc.perform(post("/activities/" + theirs + "/attendees").param("userIds", memberX).with(csrf())
                .with(as(organiser, Groups.ORGANISER))).andReturn().getResponse().getStatus()).isEqualTo(404);
        String list = mvc.perform(get("/activities").with(as(organiser, Groups.ORGANISER))).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(list).contains("/activities/" + mine).doesNotContain("/activities/" + theirs + "\"");

        // revoked: no activities page any more
        organisers.revoke(organiser, x.getId());
        assertThat(identity.createUserQuery().userId(organiser).memberOfGroup(Groups.ORGANISER).count()).isZero();
        assertThat(mvc.perform(get("/activities/" + mine).with(as(organiser, Groups.ORGANISER))).andReturn()
                .getResponse().getStatus()).isEqualTo(403);
    }
}
