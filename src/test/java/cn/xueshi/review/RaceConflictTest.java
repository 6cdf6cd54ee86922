package cn.xueshi.review;

import cn.xueshi.task.HumanTasks;
import cn.xueshi.system.Conflict;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.xueshi.claim.AuditEntry;
import cn.xueshi.claim.AuditLog;
import cn.xueshi.claim.Claim;
import cn.xueshi.claim.ClaimRepository;
import cn.xueshi.claim.ClaimStatus;
import cn.xueshi.evidence.EvidenceStore;
import cn.xueshi.identity.CurrentUserService;
import cn.xueshi.identity.Groups;
import cn.xueshi.makeup.MakeupRequest;
import cn.xueshi.paging.PageRequest;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.Parallel;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Issue 12, finding 9: every race answers the loser with the conflict message (a redirect with a flash
 * message, or 409), never a 500 or a false 404; double submits store one claim or request with one copy
 * of each file; lists skip tasks that ended while they were read. Real threads released by one latch.
 */
@IntegrationTest
class RaceConflictTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ClaimFixtures fixtures;
    @Autowired
    ClaimRepository claims;
    @Autowired
    EvidenceStore evidence;
    @Autowired
    AuditLog audit;
    @Autowired
    TaskService tasks;
    @Autowired
    HumanTasks humanTasks;
    @Autowired
    ReviewService reviews;
    @Autowired
    CurrentUserService currentUsers;
    @Autowired
    JdbcTemplate jdbc;

    static byte[] pdf() throws Exception {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.addPage(new PDPage());
            doc.save(out);
            return out.toByteArray();
        }
    }

    private static void noServerErrorNorFalseNotFound(List<MvcResult> results) {
        assertThat(results).extracting(r -> r.getResponse().getStatus()).allMatch(s -> s < 500 && s != 404);
    }

    private String reviewTask(Claim claim) {
        return tasks.createTaskQuery().processInstanceId(fixtures.reload(claim).getProcessInstanceId())
                .taskDefinitionKey(ReviewService.REVIEW_TASK).singleResult().getId();
    }

    @Test
    void twentyParallelApprovalsOfOneTaskOneWinsTheOthersAreToldItIsDone() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        Claim claim = fixtures.exchange(s.employee(), 2);
        String task = reviewTask(claim);

        List<MvcResult> results = Parallel.run(20, i -> mvc.perform(post("/review/tasks/{t}", task)
                .param("decision", "APPROVE").with(user(s.reviewer()).roles(Groups.REVIEWER)).with(csrf()))
                .andReturn());

        noServerErrorNorFalseNotFound(results);
        List<MvcResult> won = results.stream().filter(r -> r.getFlashMap().get("message") != null).toList();
        assertThat(won).hasSize(1);
        assertThat(won.get(0).getFlashMap().get("message")).isEqualTo("review.done.APPROVE");
        assertThat(results).filteredOn(r -> r.getFlashMap().get("message") == null).hasSize(19).allSatisfy(r -> {
            if (r.getResponse().getStatus() == 302) {
                assertThat(r.getFlashMap().get("error")).isIn("review.conflict.done", "review.conflict.claimedByOther");
            } else {
                assertThat(r.getResponse().getStatus()).isEqualTo(409);
                assertThat(r.getResponse().getContentAsString()).containsAnyOf("已由其他审核人处理", "请刷新页面");
            }
        });
        assertThat(audit.of(claim.getId())).extracting(AuditEntry::getAction).containsOnlyOnce("REVIEW_APPROVE");
        assertThat(fixtures.reload(claim).getStatus()).isEqualTo(ClaimStatus.IN_PUBLICITY);
    }

    @Test
    void tenIdenticalClaimSubmissionsMakeOneClaimWithOneCopyOfTheEvidence() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        String key = UUID.randomUUID().toString();
        byte[] file = pdf();

        List<MvcResult> results = Parallel.run(10, i -> mvc.perform(multipart("/claims")
                .file(new MockMultipartFile("files", "会议通知.pdf", "application/pdf", file))
                .param("submissionKey", key).param("year", "2026").param("pledge", "true")
                .param("items[0].activityType", "PROFESSIONAL_EXCHANGE").param("items[0].activityDate", "2026-03-02")
                .param("items[0].title", "东北三省医学影像学术交流会").param("items[0].params[days]", "2")
                .with(user(s.employee()).roles(Groups.EMPLOYEE)).with(csrf())).andReturn());

        noServerErrorNorFalseNotFound(results);
        Claim claim = claims.findBySubmissionKey(key).orElseThrow();
        assertThat(claims.findByClaimantOrderBySubmittedAtDesc(s.employee())).hasSize(1);
        assertThat(evidence.forClaim(claim.getId())).hasSize(1);
        assertThat(evidence.pending(key)).isEmpty();
        assertThat(results).allSatisfy(r -> {
            int status = r.getResponse().getStatus();
            if (status == 302) {
                assertThat(r.getResponse().getRedirectedUrl()).isEqualTo("/claims/" + claim.getId());
                assertThat(r.getFlashMap().get("message")).isIn("claim.submitted", "claim.submit.duplicate");
            } else {
                assertThat(status).isEqualTo(409);
                assertThat(r.getResponse().getContentAsString()).containsAnyOf("已经提交过", "请刷新页面");
            }
        });
        assertThat(results).filteredOn(r -> "claim.submitted".equals(r.getFlashMap().get("message"))).hasSize(1);
    }

    @Test
    void tenIdenticalMakeupSubmissionsMakeOneRequest() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        String key = UUID.randomUUID().toString();
        byte[] file = pdf();

        List<MvcResult> results = Parallel.run(10, i -> mvc.perform(multipart("/makeup")
                .file(new MockMultipartFile("files", "诊断证明.pdf", "application/pdf", file))
                .param("submissionKey", key).param("year", "2026").param("reason", "INJURY").param("remedy", "REDUCTION")
                .param("periodStart", "2026-04-01").param("periodEnd", "2026-07-31")
                .param("description", "右腿骨折，住院及康复四个月").param("requestedPublic", "10")
                .param("requestedProfessional", "20")
                .with(user(s.employee()).roles(Groups.EMPLOYEE)).with(csrf())).andReturn());

        noServerErrorNorFalseNotFound(results);
        List<Long> made = jdbc.queryForList("SELECT id FROM xs_makeup_request WHERE claimant = ?", Long.class,
                s.employee());
        assertThat(made).hasSize(1);
        assertThat(evidence.forMakeup(made.get(0))).hasSize(1);
        assertThat(results).filteredOn(r -> "makeup.submitted".equals(r.getFlashMap().get("message"))).hasSize(1);
        assertThat(results).allSatisfy(r -> {
            int status = r.getResponse().getStatus();
            if (status == 302) {
                assertThat(r.getResponse().getRedirectedUrl()).isEqualTo("/makeup/" + made.get(0));
            } else if (status == 200) {
                // validated after the first had committed: the form says a request for the year is pending
                assertThat(r.getResponse().getContentAsString()).contains("正在审核的申请");
            } else {
                assertThat(status).isEqualTo(409);
                assertThat(r.getResponse().getContentAsString()).containsAnyOf("已经提交过", "请刷新页面");
            }
        });
        assertThat(MakeupRequest.Status.IN_REVIEW.name()).isEqualTo(jdbc.queryForObject(
                "SELECT status FROM xs_makeup_request WHERE id = ?", String.class, made.get(0)));
    }

    @Test
    void aTaskCompletedWhileAListIsReadIsLeftOutNotAnError() {
        ClaimFixtures.Setup s = fixtures.jilin();
        Claim first = fixtures.exchange(s.employee(), 1);
        Claim second = fixtures.exchange(s.employee(), 2);
        // the list as the inbox read it, just before another reviewer approves the first claim
        List<Task> listed = humanTasks.open(ReviewService.REVIEW_TASK, s.reviewer());
        assertThat(listed).hasSize(2);
        fixtures.approve(first, s.reviewer());

        assertThat(humanTasks.processVariable(listed, "claimId")).containsOnlyKeys(
                fixtures.reload(first).getProcessInstanceId(), fixtures.reload(second).getProcessInstanceId());
        Task gone = listed.stream().filter(t -> t.getProcessInstanceId().equals(first.getProcessInstanceId()))
                .findFirst().orElseThrow();
        assertThat(humanTasks.variable(gone, "claimId")).isEmpty();
        assertThatThrownBy(() -> reviews.claimOf(gone)).isInstanceOf(Conflict.class);
        assertThat(reviews.inbox(currentUsers.load(s.reviewer()), InboxFilter.none(), PageRequest.first(200)).rows())
                .extracting(ReviewRow::claimId)
                .containsExactly(second.getId());
    }

    @Test
    void theInboxAnswersWhileAnotherReviewerApprovesWhatItLists() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        List<Claim> inReview = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            inReview.add(fixtures.exchange(s.employee(), 1 + i % 3));
        }
        AtomicBoolean approving = new AtomicBoolean(true);
        List<List<Integer>> statuses = Parallel.run(2, n -> {
            List<Integer> seen = new java.util.ArrayList<>();
            if (n == 0) {
                try {
                    for (Claim c : inReview) {
                        fixtures.approve(c, s.reviewer());
                    }
                } finally {
                    approving.set(false);
                }
            } else {
                long until = System.currentTimeMillis() + 60_000;
                while ((approving.get() || seen.isEmpty()) && System.currentTimeMillis() < until) {
                    seen.add(mvc.perform(get("/review").with(user(s.reviewer()).roles(Groups.REVIEWER)))
                            .andReturn().getResponse().getStatus());
                }
            }
            return seen;
        });
        assertThat(statuses.get(1)).isNotEmpty().containsOnly(200);
    }
}
