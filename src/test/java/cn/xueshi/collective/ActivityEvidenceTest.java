package cn.xueshi.collective;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.xueshi.claim.AuditEntry;
import cn.xueshi.claim.AuditLog;
import cn.xueshi.claim.Claim;
import cn.xueshi.claim.ClaimRepository;
import cn.xueshi.evidence.EvidenceFile;
import cn.xueshi.evidence.EvidenceSamples;
import cn.xueshi.evidence.EvidenceStore;
import cn.xueshi.identity.Unit;
import cn.xueshi.identity.UnitType;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The activity's evidence (notice, sign-in sheet): uploaded once on the activity page, stored once, part of every
 * attendee's claim (picked, uploaded roster, added later), seen by the attendee and the reviewer and nobody else;
 * a file added later reaches the claims already made, with an audit line on each.
 */
@IntegrationTest
class ActivityEvidenceTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    MockMvc mvc;
    @Autowired
    TestUsers users;
    @Autowired
    ClaimRepository claims;
    @Autowired
    ClaimFixtures fixtures;
    @Autowired
    AuditLog audit;
    @Autowired
    EvidenceStore evidence;
    @Autowired
    JdbcTemplate jdbc;

    Unit unit;
    String reviewer;
    String first;
    String second;
    String third;
    String stranger;

    static RequestPostProcessor as(String id, String role) {
        return user(id).roles(role);
    }

    @BeforeEach
    void people() {
        unit = users.unit("证明材料医院", UnitType.STATE_OWNED, "JILIN", "jilin-2026");
        reviewer = users.reviewerOf(unit, "审", "核");
        first = users.member(unit, "一", "号");
        second = users.member(unit, "二", "号");
        third = users.member(unit, "三", "号");
        stranger = users.member(unit, "旁", "人");
    }

    Claim claimOf(String userId) {
        List<Claim> mine = claims.findByClaimantOrderBySubmittedAtDesc(userId);
        assertThat(mine).hasSize(1);
        return mine.get(0);
    }

    MvcResult upload(long activityId, MockMultipartFile... files) throws Exception {
        var request = multipart("/activities/" + activityId + "/evidence");
        for (MockMultipartFile f : files) {
            request.file(f);
        }
        return mvc.perform(request.with(csrf()).with(as(reviewer, "reviewer"))).andReturn();
    }

    @Test
    void storedOnceReferencedByEveryAttendeesClaim() throws Exception {
        MvcResult created = mvc.perform(post("/activities").param("unitId", unit.getId().toString())
                .param("title", "消防演练").param("activityType", "TRAINING").param("params", "hours=8; days=1")
                .param("date", "2026-11-20").param("organiser", "保卫科").with(csrf()).with(as(reviewer, "reviewer")))
                .andReturn();
        String url = created.getResponse().getRedirectedUrl();
        long id = Long.parseLong(url.substring(url.lastIndexOf('/') + 1));
        mvc.perform(post("/activities/" + id + "/attendees").param("userIds", first).with(csrf())
                .with(as(reviewer, "reviewer")));

        // no file chosen, or a file that is not what it claims: a message on the page, nothing stored
        MvcResult none = upload(id);
        assertThat(none.getFlashMap().get("evidenceError")).asString().contains("请选择");
        MvcResult fake = upload(id, new MockMultipartFile("files", "通知.pdf", "application/pdf",
                EvidenceSamples.htmlBehindPdfHeader()));
        assertThat(fake.getFlashMap().get("evidenceError")).isNotNull();

        MvcResult ok = upload(id, new MockMultipartFile("files", "签到表.pdf", "application/pdf", EvidenceSamples.pdf()));
        assertThat(ok.getFlashMap().get("evidenceAdded")).isEqualTo(1);
        Claim a = claimOf(first);
        List<EvidenceFile> ofA = evidence.forClaim(a.getId());
        assertThat(ofA).extracting(EvidenceFile::fileName).containsExactly("签到表.pdf");
        long sheet = ofA.get(0).id();

        // later attendees, picked or uploaded, get the same stored file (one row in xs_evidence)
        mvc.perform(post("/activities/" + id + "/attendees").param("userIds", second).with(csrf())
                .with(as(reviewer, "reviewer")));
        Map<String, Object> body = Map.of("rows", List.of(Map.of("userId", third)));
        MvcResult roster = mvc.perform(post("/api/v1/imports").param("kind", "ACTIVITY_ROSTER")
                .param("activityId", String.valueOf(id)).param("dryRun", "false")
                .contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(body))
                .with(httpBasic(reviewer, TestUsers.PASSWORD))).andReturn();
        assertThat(roster.getResponse().getStatus()).as(roster.getResponse().getContentAsString()).isEqualTo(200);
        for (String who : List.of(second, third)) {
            assertThat(evidence.forClaim(claimOf(who).getId())).extracting(EvidenceFile::id).containsExactly(sheet);
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM xs_evidence WHERE activity_id = ?", Integer.class, id))
                .isOne();

        // the attendee and the reviewer open it from the claim; someone else gets 404, by claim or by file id
        String detail = mvc.perform(get("/claims/" + a.getId()).with(as(first, "employee"))).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(detail).contains("签到表.pdf");
        String file = "/claims/" + a.getId() + "/evidence/" + sheet;
        assertThat(mvc.perform(get(file).with(as(first, "employee"))).andReturn().getResponse().getStatus())
                .isEqualTo(200);
        assertThat(mvc.perform(get(file).with(as(reviewer, "reviewer"))).andReturn().getResponse().getStatus())
                .isEqualTo(200);
        assertThat(mvc.perform(get(file).with(as(stranger, "employee"))).andReturn().getResponse().getStatus())
                .isEqualTo(404);
        assertThat(mvc.perform(get("/activities/" + id + "/evidence/" + sheet).with(as(stranger, "employee")))
                .andReturn().getResponse().getStatus()).isEqualTo(403);
        String otherReviewer = users.reviewerOf(users.unit("别家", UnitType.STATE_OWNED, "JILIN", "jilin-2026"), "别", "审");
        assertThat(mvc.perform(get("/activities/" + id + "/evidence/" + sheet).with(as(otherReviewer, "reviewer")))
                .andReturn().getResponse().getStatus()).isEqualTo(404);
        // a claim of the stranger's own does not open the activity's file either
        long own = fixtures.submit(stranger, ClaimFixtures.form(2026, "TRAINING", java.time.LocalDate.of(2026, 10, 1),
                Map.of("hours", "8", "days", "1"))).getId();
        assertThat(mvc.perform(get("/claims/" + own + "/evidence/" + sheet).with(as(stranger, "employee"))).andReturn()
                .getResponse().getStatus()).isEqualTo(404);

        // a notice added later reaches the claims already made, audited on each
        MvcResult later = upload(id, new MockMultipartFile("files", "通知.png", "image/png", EvidenceSamples.png()));
        assertThat(later.getFlashMap().get("evidenceAdded")).isEqualTo(1);
        for (String who : List.of(first, second, third)) {
            Claim c = claimOf(who);
            assertThat(evidence.forClaim(c.getId())).extracting(EvidenceFile::fileName)
                    .containsExactly("签到表.pdf", "通知.png");
            assertThat(audit.of(c.getId())).filteredOn(e -> e.getAction().equals("EVIDENCE_SHARED"))
                    .extracting(AuditEntry::getComment).contains("通知.png");
        }
        assertThat(evidence.forClaim(own)).isEmpty();
    }
}
