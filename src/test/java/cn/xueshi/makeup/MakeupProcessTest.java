package cn.xueshi.makeup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.xueshi.claim.Claim;
import cn.xueshi.claim.ClaimForm;
import cn.xueshi.claim.ClaimStatus;
import cn.xueshi.claim.ProgressService;
import cn.xueshi.claim.YearProgress;
import cn.xueshi.filing.FilingService;
import cn.xueshi.identity.CurrentUser;
import cn.xueshi.identity.CurrentUserService;
import cn.xueshi.identity.Directory;
import cn.xueshi.identity.Groups;
import cn.xueshi.identity.UnitType;
import cn.xueshi.notification.NotificationRepository;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import cn.xueshi.variable.ProcessVariables;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.validation.BeanPropertyBindingResult;

/** Every path of bpmn/makeup-request.bpmn, including its timers, and what a decision does to compliance. */
@IntegrationTest
class MakeupProcessTest {

    @Autowired
    MakeupService makeups;
    @Autowired
    ClaimFixtures fixtures;
    @Autowired
    CurrentUserService currentUsers;
    @Autowired
    ProgressService progress;
    @Autowired
    MakeupRequestRepository requests;
    @Autowired
    MakeupObligationRepository obligations;
    @Autowired
    TaskService tasks;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;
    @Autowired
    ManagementService management;
    @Autowired
    NotificationRepository notifications;
    @Autowired
    TestUsers users;
    @Autowired
    Directory directory;
    @Autowired
    FilingService filings;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    static MakeupForm form(int year, MakeupRequest.Reason reason, MakeupRequest.Remedy remedy, LocalDate from,
            LocalDate to, String pub, String prof) {
        MakeupForm f = new MakeupForm();
        f.setSubmissionKey(UUID.randomUUID().toString());
        f.setYear(year);
        f.setReason(reason);
        f.setRemedy(remedy);
        f.setPeriodStart(from);
        f.setPeriodEnd(to);
        f.setDescription("腰椎骨折住院治疗，遵医嘱休养");
        f.setRequestedPublic(pub == null ? null : new BigDecimal(pub));
        f.setRequestedProfessional(prof == null ? null : new BigDecimal(prof));
        return f;
    }

    MakeupRequest submit(ClaimFixtures.Setup s, MakeupForm f) {
        CurrentUser me = currentUsers.load(s.employee());
        BeanPropertyBindingResult errors = new BeanPropertyBindingResult(f, "makeupForm");
        Optional<HardshipPolicy.Decision> d = makeups.validate(f, me, s.unit(), errors, null);
        assertThat(errors.getAllErrors()).isEmpty();
        return makeups.submit(f, d.orElseThrow(), me, s.unit(), List.of());
    }

    BeanPropertyBindingResult refused(ClaimFixtures.Setup s, MakeupForm f) {
        BeanPropertyBindingResult errors = new BeanPropertyBindingResult(f, "makeupForm");
        makeups.validate(f, currentUsers.load(s.employee()), s.unit(), errors, null);
        assertThat(errors.hasErrors()).isTrue();
        return errors;
    }

    void decide(ClaimFixtures.Setup s, MakeupRequest r, MakeupDecisionForm.Decision d, String comment, String pub,
            String prof) {
        String task = tasks.createTaskQuery().processInstanceId(r.getProcessInstanceId())
                .taskDefinitionKey(MakeupService.REVIEW_TASK).singleResult().getId();
        MakeupDecisionForm f = new MakeupDecisionForm();
        f.setDecision(d);
        f.setComment(comment);
        f.setApprovedPublic(pub == null ? null : new BigDecimal(pub));
        f.setApprovedProfessional(prof == null ? null : new BigDecimal(prof));
        makeups.decide(task, currentUsers.load(s.reviewer()), f);
    }

    MakeupRequest reload(MakeupRequest r) {
        return requests.findById(r.getId()).orElseThrow();
    }

    String endActivity(MakeupRequest r) {
        return history.createHistoricProcessInstanceQuery().processInstanceId(r.getProcessInstanceId()).singleResult()
                .getEndActivityId();
    }

    @Test
    void approvedReductionLowersTheRequirementAndMakesTheYearCompliant() {
        ClaimFixtures.Setup s = fixtures.jilin();
        fixtures.registeredExchange(s, 5); // 40 professional
        fixtures.endPublicity(fixtures.approve(fixtures.submit(s.employee(), ClaimFixtures.form(2026, "UNIT_PRACTICE",
                LocalDate.of(2026, 4, 1), Map.of("days", "3"))), s.reviewer())); // 24 professional
        YearProgress before = progress.of(s.employee(), 2026, "jilin-2026").orElseThrow();
        assertThat(before.compliant()).isFalse();

        MakeupRequest r = submit(s, form(2026, MakeupRequest.Reason.INJURY, MakeupRequest.Remedy.REDUCTION,
                LocalDate.of(2026, 5, 1), LocalDate.of(2026, 8, 31), "30", "0"));
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(r.getProcessInstanceId()).singleResult())
                .isWaitingAt("reviewRequest");
        decide(s, r, MakeupDecisionForm.Decision.APPROVE, null, null, null);

        assertThat(reload(r).getStatus()).isEqualTo(MakeupRequest.Status.APPROVED);
        assertThat(endActivity(r)).isEqualTo("reductionApplied");
        YearProgress after = progress.of(s.employee(), 2026, "jilin-2026").orElseThrow();
        assertThat(after.requirement().total()).isEqualByComparingTo("60");
        assertThat(after.requirement().publicMin()).isEqualByComparingTo("0");
        assertThat(after.requirement().professionalMin()).isEqualByComparingTo("60");
        assertThat(after.totalHours()).isEqualByComparingTo("64");
        assertThat(after.compliant()).isTrue();
        assertThat(after.isReduced()).isTrue();
    }

    @Test
    void employerMayApproveADifferentReduction() {
        ClaimFixtures.Setup s = fixtures.jilin();
        MakeupRequest r = submit(s, form(2026, MakeupRequest.Reason.PREGNANCY, MakeupRequest.Remedy.REDUCTION,
                LocalDate.of(2026, 3, 1), LocalDate.of(2026, 9, 1), "30", "60"));
        decide(s, r, MakeupDecisionForm.Decision.APPROVE_DIFFERENT, "产假六个月，减免一半", "15", "30");
        assertThat(reload(r).getApprovedPublic()).isEqualByComparingTo("15");
        assertThat(reload(r).getApprovedProfessional()).isEqualByComparingTo("30");
        assertThat(progress.of(s.employee(), 2026, "jilin-2026").orElseThrow().requirement().total())
                .isEqualByComparingTo("45");
    }

    @Test
    void rejectedRequestChangesNothing() {
        ClaimFixtures.Setup s = fixtures.jilin();
        MakeupRequest r = submit(s, form(2026, MakeupRequest.Reason.ILLNESS, MakeupRequest.Remedy.REDUCTION,
                LocalDate.of(2026, 1, 5), LocalDate.of(2026, 1, 9), "10", "10"));
        decide(s, r, MakeupDecisionForm.Decision.REJECT, "病假一周不影响完成学时", null, null);
        assertThat(reload(r).getStatus()).isEqualTo(MakeupRequest.Status.REJECTED);
        assertThat(endActivity(r)).isEqualTo("requestRejectedEnd");
        assertThat(progress.of(s.employee(), 2026, "jilin-2026").orElseThrow().requirement().total())
                .isEqualByComparingTo("90");
    }

    @Test
    void returnedRequestIsSupplementedAndReviewedAgain() {
        ClaimFixtures.Setup s = fixtures.jilin();
        MakeupRequest r = submit(s, form(2026, MakeupRequest.Reason.INJURY, MakeupRequest.Remedy.REDUCTION,
                LocalDate.of(2026, 2, 1), LocalDate.of(2026, 6, 30), "20", "20"));
        decide(s, r, MakeupDecisionForm.Decision.RETURN, "请上传诊断证明", null, null);
        assertThat(reload(r).getStatus()).isEqualTo(MakeupRequest.Status.RETURNED);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(r.getProcessInstanceId()).singleResult())
                .isWaitingAt("supplementRequest");
        CurrentUser me = currentUsers.load(s.employee());
        MakeupForm again = form(2026, MakeupRequest.Reason.INJURY, MakeupRequest.Remedy.REDUCTION,
                LocalDate.of(2026, 2, 1), LocalDate.of(2026, 6, 30), "20", "20");
        BeanPropertyBindingResult errors = new BeanPropertyBindingResult(again, "makeupForm");
        HardshipPolicy.Decision d = makeups.validate(again, me, s.unit(), errors, r.getId()).orElseThrow();
        makeups.supplement(r.getId(), again, d, me, List.of());
        assertThat(reload(r).getStatus()).isEqualTo(MakeupRequest.Status.IN_REVIEW);
        decide(s, r, MakeupDecisionForm.Decision.APPROVE, null, null, null);
        assertThat(reload(r).getStatus()).isEqualTo(MakeupRequest.Status.APPROVED);
    }

    /**
     * An instance holding the reviewers as a JSON list (the shape instances keep when the starter writes a
     * comma-separated string) is returned, supplemented and reviewed again: the second review task takes its
     * candidates from the list.
     */
    @Test
    void anInstanceStartedWithAJsonListOfReviewersCompletes() {
        ClaimFixtures.Setup s = fixtures.jilin();
        MakeupRequest r = submit(s, form(2026, MakeupRequest.Reason.INJURY, MakeupRequest.Remedy.REDUCTION,
                LocalDate.of(2026, 2, 1), LocalDate.of(2026, 6, 30), "20", "20"));
        String instance = r.getProcessInstanceId();
        assertThat(ProcessVariables.peopleOf(runtime.getVariable(instance, "reviewers")))
                .containsExactlyElementsOf(directory.reviewersOf(s.unit().getId()));
        runtime.setVariable(instance, "reviewers", ProcessVariables.people(directory.reviewersOf(s.unit().getId())));
        assertThat(runtime.getVariableTyped(instance, "reviewers", false).getType().getName()).isEqualTo("object");
        decide(s, r, MakeupDecisionForm.Decision.RETURN, "请上传诊断证明", null, null);
        CurrentUser me = currentUsers.load(s.employee());
        MakeupForm again = form(2026, MakeupRequest.Reason.INJURY, MakeupRequest.Remedy.REDUCTION,
                LocalDate.of(2026, 2, 1), LocalDate.of(2026, 6, 30), "20", "20");
        BeanPropertyBindingResult errors = new BeanPropertyBindingResult(again, "makeupForm");
        makeups.supplement(r.getId(), again, makeups.validate(again, me, s.unit(), errors, r.getId()).orElseThrow(), me,
                List.of());
        String review = tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey(MakeupService.REVIEW_TASK)
                .singleResult().getId();
        assertThat(tasks.getIdentityLinksForTask(review)).extracting(l -> l.getUserId()).contains(s.reviewer());
        decide(s, r, MakeupDecisionForm.Decision.APPROVE, null, null, null);
        assertThat(reload(r).getStatus()).isEqualTo(MakeupRequest.Status.APPROVED);
        assertThat(endActivity(r)).isEqualTo("reductionApplied");
    }

    @Test
    void makeupObligationIsFulfilledByClaimsOfTheNextYearMarkedForIt() {
        ClaimFixtures.Setup s = fixtures.jilin();
        String supervisor = users.user("sup", "卫", "督", Groups.SUPERVISOR);
        directory.assignOversight(supervisor, "JILIN");
        MakeupRequest r = submit(s, form(2026, MakeupRequest.Reason.ILLNESS, MakeupRequest.Remedy.MAKEUP,
                LocalDate.of(2026, 3, 1), LocalDate.of(2026, 11, 1), null, null));
        decide(s, r, MakeupDecisionForm.Decision.APPROVE, null, null, null);
        MakeupObligation o = obligations.findByRequestId(r.getId()).orElseThrow();
        assertThat(o.getStatus()).isEqualTo(MakeupObligation.Status.OPEN);
        assertThat(o.getDueDate()).isEqualTo(LocalDate.of(2027, 12, 31));
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(r.getProcessInstanceId()).singleResult())
                .isWaitingAt("makeupDeadlineReached", "makeupReminderDue");

        // a reminder fires and tells the person what is missing
        Job reminder = management.createJobQuery().processInstanceId(r.getProcessInstanceId())
                .activityId("makeupReminderDue").singleResult();
        management.executeJob(reminder.getId());
        assertThat(notifications.findTop20ByRecipientOrderByCreatedAtDesc(s.employee())).extracting(n -> n.getKind())
                .contains("MAKEUP_REMINDER");

        // in 2027 the person registers a full-year study and marks it for 2026
        ClockUtil.setCurrentTime(Date.from(LocalDate.of(2027, 3, 1).atStartOfDay(ZoneId.of("Asia/Shanghai")).toInstant()));
        ClaimForm makeupClaim = ClaimFixtures.form(2027, "FULL_TIME_STUDY", LocalDate.of(2027, 2, 20), Map.of());
        makeupClaim.setMakeupForYear(2026);
        Claim claim = fixtures.endPublicity(fixtures.approve(fixtures.submit(s.employee(), makeupClaim), s.reviewer()));
        assertThat(claim.getStatus()).isEqualTo(ClaimStatus.REGISTERED);
        assertThat(claim.getMakeupForYear()).isEqualTo(2026);
        assertThat(progress.of(s.employee(), 2026, "jilin-2026").orElseThrow().compliant()).isTrue();
        assertThat(progress.of(s.employee(), 2027, "jilin-2026").orElseThrow().totalHours()).isEqualByComparingTo("0");

        Job deadline = management.createJobQuery().processInstanceId(r.getProcessInstanceId())
                .activityId("makeupDeadlineReached").singleResult();
        management.executeJob(deadline.getId());
        assertThat(obligations.findByRequestId(r.getId()).orElseThrow().getStatus())
                .isEqualTo(MakeupObligation.Status.FULFILLED);
        assertThat(endActivity(r)).isEqualTo("fulfilledEnd");
        assertThat(notifications.findTop20ByRecipientOrderByCreatedAtDesc(supervisor)).extracting(n -> n.getKind())
                .doesNotContain("MAKEUP_MISSED");
    }

    @Test
    void missedMakeupIsEscalatedAndTheYearStaysNonCompliant() {
        ClaimFixtures.Setup s = fixtures.jilin();
        String supervisor = users.user("sup", "秦", "督", Groups.SUPERVISOR);
        directory.assignOversight(supervisor, "JILIN");
        MakeupRequest r = submit(s, form(2026, MakeupRequest.Reason.PREGNANCY, MakeupRequest.Remedy.MAKEUP,
                LocalDate.of(2026, 2, 1), LocalDate.of(2026, 10, 1), null, null));
        decide(s, r, MakeupDecisionForm.Decision.APPROVE, null, null, null);
        Job deadline = management.createJobQuery().processInstanceId(r.getProcessInstanceId())
                .activityId("makeupDeadlineReached").singleResult();
        management.executeJob(deadline.getId());
        MakeupObligation o = obligations.findByRequestId(r.getId()).orElseThrow();
        assertThat(o.getStatus()).isEqualTo(MakeupObligation.Status.MISSED);
        assertThat(o.getShortfallPublic()).isEqualByComparingTo("30");
        assertThat(o.getShortfallProfessional()).isEqualByComparingTo("60");
        assertThat(endActivity(r)).isEqualTo("missedEnd");
        assertThat(notifications.findTop20ByRecipientOrderByCreatedAtDesc(supervisor)).extracting(n -> n.getKind())
                .contains("MAKEUP_MISSED");
        assertThat(progress.of(s.employee(), 2026, "jilin-2026").orElseThrow().compliant()).isFalse();
        // the reminder branch ended with the deadline
        assertThat(management.createJobQuery().processInstanceId(r.getProcessInstanceId()).count()).isZero();
    }

    @Test
    void qingdaoReductionIsProratedByTheMonthsOfLeave() {
        ClaimFixtures.Setup s = fixtures.unit("青岛大学附属医院", UnitType.STATE_OWNED, "QINGDAO", "qingdao-2023");
        MakeupForm maternity = form(2026, MakeupRequest.Reason.PREGNANCY, MakeupRequest.Remedy.REDUCTION,
                LocalDate.of(2026, 3, 10), LocalDate.of(2026, 7, 9), null, null);
        MakeupRequest r = submit(s, maternity); // March to July: 5 started months
        assertThat(r.getRequestedPublic()).isEqualByComparingTo("12.5");
        assertThat(r.getRequestedProfessional()).isEqualByComparingTo("25");
        assertThat(r.getBasis()).contains("产假");
        // sick leave of six months or less earns nothing in Qingdao
        BeanPropertyBindingResult errors = refused(s, form(2025, MakeupRequest.Reason.ILLNESS,
                MakeupRequest.Remedy.REDUCTION, LocalDate.of(2025, 1, 1), LocalDate.of(2025, 6, 30), null, null));
        assertThat(errors.getFieldError("periodEnd").getCode()).isEqualTo("makeup.error.tooShort");
        assertThat(MakeupService.monthsWithin(2025, LocalDate.of(2024, 11, 1), LocalDate.of(2025, 2, 3))).isEqualTo(2);
    }

    @Test
    void requestsTheRulesDoNotOfferOrThatComeTooLateAreRefused() {
        ClaimFixtures.Setup yuxi = fixtures.unit("玉溪市妇幼保健院", UnitType.STATE_OWNED, "YUXI", "yuxi-2024");
        assertThat(refused(yuxi, form(2025, MakeupRequest.Reason.ILLNESS, MakeupRequest.Remedy.MAKEUP,
                LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 1), null, null)).getFieldError("remedy").getCode())
                .isEqualTo("makeup.error.notOffered");
        ClaimFixtures.Setup qd = fixtures.unit("青岛海洋研究所", UnitType.STATE_OWNED, "QINGDAO", "qingdao-2023");
        assertThat(refused(qd, form(2025, MakeupRequest.Reason.ILLNESS, MakeupRequest.Remedy.MAKEUP,
                LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 1), null, null)).getFieldError("remedy").getCode())
                .isEqualTo("makeup.error.notOffered");

        ClaimFixtures.Setup s = fixtures.jilin();
        MakeupRequest r = submit(s, form(2026, MakeupRequest.Reason.INJURY, MakeupRequest.Remedy.REDUCTION,
                LocalDate.of(2026, 5, 1), LocalDate.of(2026, 6, 1), "5", "5"));
        assertThat(refused(s, form(2026, MakeupRequest.Reason.INJURY, MakeupRequest.Remedy.MAKEUP,
                LocalDate.of(2026, 5, 1), LocalDate.of(2026, 6, 1), null, null)).getFieldError("year").getCode())
                .isEqualTo("makeup.error.pending");
        decide(s, r, MakeupDecisionForm.Decision.APPROVE, null, null, null);
        assertThat(refused(s, form(2026, MakeupRequest.Reason.ILLNESS, MakeupRequest.Remedy.MAKEUP,
                LocalDate.of(2026, 7, 1), LocalDate.of(2026, 8, 1), null, null)).getFieldError("year").getCode())
                .isEqualTo("makeup.error.approvedExists");

        ClaimFixtures.Setup filed = fixtures.unit("松原市医院", UnitType.STATE_OWNED, "JILIN", "jilin-2026");
        String bureau = users.user("bur", "陆", "验", Groups.BUREAU);
        directory.assignOversight(bureau, "JILIN");
        var filing = filings.start(filed.unit().getId(), 2026, currentUsers.load(filed.reviewer()));
        filings.submit(filing.getId(), currentUsers.load(filed.reviewer()));
        filings.verify(filing.getId(), currentUsers.load(bureau), true, null);
        assertThat(refused(filed, form(2026, MakeupRequest.Reason.INJURY, MakeupRequest.Remedy.MAKEUP,
                LocalDate.of(2026, 5, 1), LocalDate.of(2026, 6, 1), null, null)).getFieldError("year").getCode())
                .isEqualTo("makeup.error.filed");
    }
}
