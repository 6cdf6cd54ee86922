package cn.xueshi.collective;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.xueshi.claim.AuditLog;
import cn.xueshi.claim.Claim;
import cn.xueshi.claim.ClaimRepository;
import cn.xueshi.claim.ClaimStatus;
import cn.xueshi.identity.Directory;
import cn.xueshi.identity.Unit;
import cn.xueshi.identity.UnitType;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * 单位组织的学习活动 end to end: one activity, a roster across two units with different rule sets → one claim each,
 * priced per attendee; a roster upload with every row outcome; an attendee declines; the organiser removes one
 * (only that claim changes, audited) and approves the batch; organisers see only their own units' activities.
 */
@IntegrationTest
class UnitActivityTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    MockMvc mvc;
    @Autowired
    TestUsers users;
    @Autowired
    Directory directory;
    @Autowired
    ClaimRepository claims;
    @Autowired
    ClaimFixtures fixtures;
    @Autowired
    AuditLog audit;

    String organiser;
    String jlA;
    String jlB;
    String qdA;
    String outsider;
    Unit jl;

    @BeforeEach
    void people() {
        jl = users.unit("吉林活动医院", UnitType.STATE_OWNED, "JILIN", "jilin-2026");
        Unit qd = users.unit("青岛活动医院", UnitType.STATE_OWNED, "QINGDAO", "qingdao-2023");
        Unit other = users.unit("别的单位", UnitType.STATE_OWNED, "JILIN", "jilin-2026");
        organiser = users.reviewerOf(jl, "组", "织");
        directory.assignReviewer(organiser, qd.getId());
        jlA = users.member(jl, "吉", "甲");
        jlB = users.member(jl, "吉", "乙");
        qdA = users.member(qd, "青", "甲");
        outsider = users.member(other, "外", "人");
    }

    static RequestPostProcessor as(String id, String role) {
        return user(id).roles(role);
    }

    long createActivity() throws Exception {
        MvcResult r = mvc.perform(post("/activities").param("unitId", jl.getId().toString()).param("title", "消防安全培训")
                .param("activityType", "TRAINING").param("params", "hours=20; days=2").param("date", "2026-11-20")
                .param("organiser", "保卫科").with(csrf()).with(as(organiser, "reviewer"))).andReturn();
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(302);
        String url = r.getResponse().getRedirectedUrl();
        return Long.parseLong(url.substring(url.lastIndexOf('/') + 1));
    }

    Claim claimOf(String userId) {
        List<Claim> mine = claims.findByClaimantOrderBySubmittedAtDesc(userId);
        assertThat(mine).hasSize(1);
        fixtures.runJobs(mine.get(0));
        return fixtures.reload(mine.get(0));
    }

    /** The organiser picks a type and fills its labelled parameters, as on the claim form; pages show names. */
    @Test
    void theFormOffersEachTypesLabelledParametersAndThePagesNameTypeAndParameters() throws Exception {
        String form = mvc.perform(get("/activities").with(as(organiser, "reviewer"))).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(form).contains("data-type=\"TRAINING\"").contains("name=\"params[days]\"").contains("天数")
                .contains(">行业主管部门学习平台、教育培训机构学习</option>").doesNotContain("（TRAINING）");
        MvcResult r = mvc.perform(post("/activities").param("unitId", jl.getId().toString()).param("title", "院感防控培训")
                .param("activityType", "TRAINING").param("params[hours]", "8").param("params[days]", "1")
                .param("params[minutes]", "").param("date", "2026-11-20").param("organiser", "院感科")
                .with(csrf()).with(as(organiser, "reviewer"))).andReturn();
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(302);
        String page = mvc.perform(get(r.getResponse().getRedirectedUrl()).with(as(organiser, "reviewer"))).andReturn()
                .getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("行业主管部门学习平台、教育培训机构学习").contains("天数 1").doesNotContain("days=1")
                .doesNotContain(">TRAINING<");
        // a value the rules refuse is told beside the form, the labelled fields keep what was typed
        String refused = mvc.perform(post("/activities").param("unitId", jl.getId().toString()).param("title", "院感防控培训")
                .param("activityType", "TRAINING").param("params[days]", "9999").param("date", "2026-11-20")
                .param("organiser", "院感科").with(csrf()).with(as(organiser, "reviewer"))).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(refused).contains("activity-error").contains("value=\"9999\"");
    }

    @Test
    void rosterMakesOneClaimPerAttendeePricedByTheirOwnRules() throws Exception {
        long id = createActivity();
        MvcResult add = mvc.perform(post("/activities/" + id + "/attendees").param("userIds", jlA, qdA, outsider)
                .with(csrf()).with(as(organiser, "reviewer"))).andReturn();
        assertThat(add.getResponse().getStatus()).isEqualTo(302);
        assertThat(add.getFlashMap().get("added")).isEqualTo(2);
        assertThat((List<?>) add.getFlashMap().get("problems")).singleElement().asString().contains("不是您负责审核的单位");
        assertThat(claims.findByClaimantOrderBySubmittedAtDesc(outsider)).isEmpty();

        Claim a = claimOf(jlA);
        Claim q = claimOf(qdA);
        assertThat(a.getStatus()).isEqualTo(ClaimStatus.IN_REVIEW);
        assertThat(q.getStatus()).isEqualTo(ClaimStatus.IN_REVIEW);
        assertThat(a.getRuleSet()).isEqualTo("jilin-2026");
        assertThat(q.getRuleSet()).isEqualTo("qingdao-2023");
        assertThat(a.getOrigin()).isEqualTo(ActivityService.ORIGIN);
        // the same activity, priced by each attendee's rule set: Qingdao caps a training day at 8 hours
        assertThat(a.getProposedHours()).isNotEqualByComparingTo(q.getProposedHours());
        assertThat(q.getProposedHours()).isEqualByComparingTo("16");
        // the attendee sees it in 我的学时
        String mine = mvc.perform(get("/claims").with(as(jlA, "employee"))).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(mine).contains("/claims/" + a.getId());
        String detail = mvc.perform(get("/claims/" + a.getId()).with(as(jlA, "employee"))).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(detail).contains("消防安全培训");

        // the roster page shows both with their hours; another organiser gets 404, an employee 403
        String page = mvc.perform(get("/activities/" + id).with(as(organiser, "reviewer"))).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("吉甲").contains("青甲");
        String stranger = users.reviewerOf(users.unit("无关单位", UnitType.STATE_OWNED, "JILIN", "jilin-2026"), "别", "人");
        assertThat(mvc.perform(get("/activities/" + id).with(as(stranger, "reviewer"))).andReturn().getResponse()
                .getStatus()).isEqualTo(404);
        assertThat(mvc.perform(get("/activities").with(as(jlA, "employee"))).andReturn().getResponse().getStatus())
                .isEqualTo(403);
    }

    @Test
    void aRosterImportAuditsEachAttendeeOnceAsTheOrganiserWithItsOwnInstance() throws Exception {
        long id = createActivity();
        JsonNode done = api(organiser, id, false, Map.of("rows", List.of(Map.of("userId", jlA),
                Map.of("userId", jlB, "item", Map.of("hours", 10)), Map.of("userId", qdA))));
        assertThat(done.get("created").asInt()).as(done.toString()).isEqualTo(3);
        java.time.Instant now = cn.xueshi.clock.BusinessClock.now();
        java.util.Set<String> instances = new java.util.HashSet<>();
        for (String attendee : List.of(jlA, jlB, qdA)) {
            Claim c = claims.findByClaimantOrderBySubmittedAtDesc(attendee).get(0);
            // the audit lines are written as one batch: still one per claim, the organiser's, with the activity
            assertThat(audit.of(c.getId())).singleElement().satisfies(line -> {
                assertThat(line.getActor()).isEqualTo(organiser);
                assertThat(line.getAction()).isEqualTo("SUBMITTED_" + ActivityService.ORIGIN);
                assertThat(line.getComment()).isEqualTo("保卫科：消防安全培训");
                // written as Hibernate writes times (UTC): read back as the moment it was written
                assertThat(java.time.Duration.between(line.getCreatedAt(), now).abs())
                        .isLessThan(java.time.Duration.ofMinutes(5));
            });
            assertThat(c.getProcessInstanceId()).isNotNull();
            instances.add(c.getProcessInstanceId());
            assertThat(claimOf(attendee).getStatus()).isEqualTo(ClaimStatus.IN_REVIEW);
        }
        assertThat(instances).hasSize(3); // each attendee's own claim-lifecycle instance
        // the same rows again: everyone is on the roster now, nothing more is made or audited
        JsonNode again = api(organiser, id, true, Map.of("rows", List.of(Map.of("userId", jlA))));
        assertThat(again.get("duplicates").asInt()).isEqualTo(1);
    }

    @Test
    void rosterUploadDeclineCorrectionAndBatchApproval() throws Exception {
        long id = createActivity();
        mvc.perform(post("/activities/" + id + "/attendees").param("userIds", jlA, qdA).with(csrf())
                .with(as(organiser, "reviewer"))).andReturn();
        // the roster as JSON rows (a sheet goes the same way): own parameters, duplicate, outsider, unknown
        Map<String, Object> body = Map.of("rows", List.of(
                Map.of("userId", jlB, "name", "吉乙", "item", Map.of("hours", 10)),
                Map.of("userId", jlA),
                Map.of("userId", outsider),
                Map.of("userId", "nobody-at-all"),
                Map.of("userId", jlB)));
        JsonNode dry = api(organiser, id, true, body);
        assertThat(dry.get("valid").asInt()).as(dry.toString()).isEqualTo(1);
        assertThat(dry.get("duplicates").asInt()).isEqualTo(2);
        assertThat(dry.get("errors")).hasSize(2);
        assertThat(claims.findByClaimantOrderBySubmittedAtDesc(jlB)).isEmpty(); // the dry run wrote nothing
        JsonNode done = api(organiser, id, false, body);
        assertThat(done.get("created").asInt()).as(done.toString()).isEqualTo(1);
        Claim b = claimOf(jlB);
        assertThat(b.getProposedHours()).isEqualByComparingTo("10");

        // jlB did not attend after all
        mvc.perform(post("/activities/mine/" + b.getId() + "/decline").with(csrf()).with(as(jlB, "employee")))
                .andReturn();
        // someone else cannot decline for them
        assertThat(mvc.perform(post("/activities/mine/" + claimOf(jlA).getId() + "/decline").with(csrf())
                .with(as(jlB, "employee"))).andReturn().getResponse().getStatus()).isEqualTo(404);

        // roster correction: qdA was not there; only that claim changes
        Claim q = claimOf(qdA);
        mvc.perform(post("/activities/" + id + "/attendees/" + qdA + "/remove").with(csrf())
                .with(as(organiser, "reviewer"))).andReturn();
        assertThat(fixtures.reload(q).getStatus()).isEqualTo(ClaimStatus.REJECTED);
        assertThat(audit.of(q.getId())).extracting(e -> e.getAction()).contains("ROSTER_REMOVED", "REVIEW_REJECT");
        Claim a = claimOf(jlA);
        assertThat(a.getStatus()).isEqualTo(ClaimStatus.IN_REVIEW);

        MvcResult batch = mvc.perform(post("/activities/" + id + "/approve").with(csrf())
                .with(as(organiser, "reviewer"))).andReturn();
        ActivityService.BatchResult result = (ActivityService.BatchResult) batch.getFlashMap().get("batch");
        assertThat(result.approved()).isEqualTo(1);
        assertThat(result.rejected()).isEqualTo(1);
        assertThat(fixtures.reload(a).getStatus()).isIn(ClaimStatus.APPROVED, ClaimStatus.IN_PUBLICITY);
        assertThat(fixtures.reload(b).getStatus()).isEqualTo(ClaimStatus.REJECTED);
        // removing after the decision is a clear conflict, not a 500
        assertThat(mvc.perform(post("/activities/" + id + "/attendees/" + jlA + "/remove").with(csrf())
                .with(as(organiser, "reviewer"))).andReturn().getResponse().getStatus()).isEqualTo(409);
    }

    @Test
    void anActivityTheRulesRefuseIsExplainedBesideTheForm() throws Exception {
        MvcResult r = mvc.perform(post("/activities").param("unitId", jl.getId().toString()).param("title", "讲座")
                .param("activityType", "TRAINING").param("params", "").param("date", "2026-11-20")
                .param("organiser", "保卫科").with(csrf()).with(as(organiser, "reviewer"))).andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(200);
        String html = r.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("activity-error").contains("不能按此登记").contains("value=\"讲座\"");
        // a roster import without an activity, or for someone else's, is refused
        JsonNode none = JSON.readTree(mvc.perform(post("/api/v1/imports").param("kind", "ACTIVITY_ROSTER")
                .contentType(MediaType.APPLICATION_JSON).content("{\"rows\":[{\"userId\":\"x\"}]}")
                .with(httpBasic(organiser, TestUsers.PASSWORD))).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8));
        assertThat(none.get("message").asText()).contains("活动编号");
    }

    JsonNode api(String who, long activityId, boolean dryRun, Object body) throws Exception {
        MvcResult r = mvc.perform(post("/api/v1/imports").param("kind", "ACTIVITY_ROSTER")
                .param("activityId", String.valueOf(activityId)).param("dryRun", String.valueOf(dryRun))
                .contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(body))
                .with(httpBasic(who, TestUsers.PASSWORD))).andReturn();
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(200);
        return JSON.readTree(r.getResponse().getContentAsString(StandardCharsets.UTF_8));
    }
}
