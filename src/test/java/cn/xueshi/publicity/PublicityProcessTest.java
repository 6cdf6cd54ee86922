package cn.xueshi.publicity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.xueshi.calendar.WorkingDayCalendar;
import cn.xueshi.claim.AuditEntry;
import cn.xueshi.claim.AuditLog;
import cn.xueshi.claim.Claim;
import cn.xueshi.claim.ClaimStatus;
import cn.xueshi.identity.CurrentUserService;
import cn.xueshi.notification.NotificationRepository;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The publicity part of bpmn/claim-lifecycle.bpmn: the period on the working-day calendar, every objection path. */
@IntegrationTest
class PublicityProcessTest {

    static final ZoneId CST = ZoneId.of("Asia/Shanghai");

    @Autowired
    ClaimFixtures fixtures;
    @Autowired
    PublicityService publicity;
    @Autowired
    CurrentUserService currentUsers;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;
    @Autowired
    ManagementService management;
    @Autowired
    WorkingDayCalendar calendar;
    @Autowired
    TestUsers users;
    @Autowired
    AuditLog audit;
    @Autowired
    NotificationRepository notifications;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    private static void today(LocalDate day) {
        ClockUtil.setCurrentTime(Date.from(day.atTime(10, 0).atZone(CST).toInstant()));
    }

    @Test
    void publicityRunsFiveWorkingDaysFromTheNextWorkingDay() {
        ClaimFixtures.Setup s = fixtures.jilin();
        today(LocalDate.of(2026, 3, 6)); // a Friday: publicity runs Monday 9 to Friday 13 March
        Claim claim = fixtures.approve(fixtures.exchange(s.employee(), 1), s.reviewer());
        assertThat(claim.getStatus()).isEqualTo(ClaimStatus.IN_PUBLICITY);
        assertThat(LocalDate.ofInstant(claim.getPublicityStart(), CST)).isEqualTo(LocalDate.of(2026, 3, 9));
        assertThat(LocalDateTime.ofInstant(claim.getPublicityEnd(), CST))
                .isEqualTo(LocalDateTime.of(2026, 3, 13, 23, 59, 59));
        Job timer = management.createJobQuery().processInstanceId(claim.getProcessInstanceId())
                .activityId("publicityEnds").singleResult();
        assertThat(timer.getDuedate()).isEqualTo(Date.from(claim.getPublicityEnd()));
    }

    @Test
    void publicityOverSpringFestivalFollowsTheCalendar() {
        ClaimFixtures.Setup s = fixtures.jilin();
        Claim submitted = fixtures.exchange(s.employee(), 1);
        LocalDate approvedOn = LocalDate.of(2026, 2, 12);
        today(approvedOn);
        Claim claim = fixtures.approve(submitted, s.reviewer());
        LocalDate first = calendar.addWorkingDays(approvedOn.plusDays(1), 0);
        LocalDate last = calendar.addWorkingDays(first, 4);
        assertThat(LocalDate.ofInstant(claim.getPublicityEnd(), CST)).isEqualTo(last);
        // five working days never fit in fewer than seven calendar days when a weekend lies between
        assertThat(last).isAfterOrEqualTo(first.plusDays(4));
    }

    @Test
    void whenThePeriodEndsTheClaimIsRegisteredAndCountsTowardTheYear() {
        ClaimFixtures.Setup s = fixtures.jilin();
        Claim claim = fixtures.registeredExchange(s, 3);
        assertThat(claim.getStatus()).isEqualTo(ClaimStatus.REGISTERED);
        assertThat(claim.getRegisteredAt()).isNotNull();
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(claim.getProcessInstanceId()).singleResult())
                .isWaitingAt("awaitFiling");
        assertThat(audit.of(claim.getId())).extracting(AuditEntry::getAction).endsWith("REGISTERED");
    }

    private String objectionTask(Claim claim) {
        Task t = tasks.createTaskQuery().processInstanceId(claim.getProcessInstanceId())
                .taskDefinitionKey(PublicityService.OBJECTION_TASK).singleResult();
        return t.getId();
    }

    @Test
    void dismissedObjectionLetsPublicityRunToItsEnd() {
        ClaimFixtures.Setup s = fixtures.jilin();
        String colleague = users.member(s.unit(), "郑", "同事");
        Claim claim = fixtures.approve(fixtures.exchange(s.employee(), 2), s.reviewer());
        Objection objection = publicity.raise(claim.getId(), currentUsers.load(colleague), "会议只有一天");
        assertThat(tasks.createTaskQuery().taskId(objectionTask(claim)).singleResult()).hasCandidateUser(s.reviewer());

        publicity.handle(objectionTask(claim), currentUsers.load(s.reviewer()), "DISMISS", "会议通知显示为两天");
        assertThat(fixtures.reload(claim).getStatus()).isEqualTo(ClaimStatus.IN_PUBLICITY);
        assertThat(publicity.objectionsOf(claim.getId())).singleElement()
                .satisfies(o -> {
                    assertThat(o.getId()).isEqualTo(objection.getId());
                    assertThat(o.getStatus()).isEqualTo(Objection.Status.DISMISSED);
                    assertThat(o.getHandledBy()).isEqualTo(s.reviewer());
                });
        assertThat(fixtures.endPublicity(claim).getStatus()).isEqualTo(ClaimStatus.REGISTERED);
    }

    @Test
    void upheldObjectionSendsTheClaimBackToReviewWithTheObjectionAttached() {
        ClaimFixtures.Setup s = fixtures.jilin();
        String colleague = users.member(s.unit(), "冯", "同事");
        Claim claim = fixtures.approve(fixtures.exchange(s.employee(), 2), s.reviewer());
        publicity.raise(claim.getId(), currentUsers.load(colleague), "该会议本人同去，仅一天");
        publicity.handle(objectionTask(claim), currentUsers.load(s.reviewer()), "UPHOLD", "核实为一天");

        Claim back = fixtures.reload(claim);
        assertThat(back.getStatus()).isEqualTo(ClaimStatus.IN_REVIEW);
        assertThat(back.getApprovedHours()).isNull();
        assertThat(back.getPublicityEnd()).isNull();
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(claim.getProcessInstanceId()).singleResult())
                .isWaitingAt("reviewClaim");
        assertThat(management.createJobQuery().processInstanceId(claim.getProcessInstanceId())
                .activityId("publicityEnds").count()).isZero();
        assertThat(publicity.objectionsOf(claim.getId())).extracting(Objection::getStatus)
                .containsExactly(Objection.Status.UPHELD);
        assertThat(notifications.findByClaimIdAndKind(claim.getId(), "OBJECTION_UPHELD"))
                .extracting(n -> n.getRecipient()).containsExactly(s.employee());
        assertThat(audit.of(claim.getId())).extracting(AuditEntry::getAction)
                .contains("OBJECTION_RAISED", "OBJECTION_UPHOLD");
        // the claimant's trail never names the objector
        assertThat(audit.of(claim.getId())).filteredOn(a -> a.getAction().equals("OBJECTION_RAISED"))
                .extracting(AuditEntry::getActor).containsExactly("objector");
    }

    @Test
    void anOpenObjectionHoldsRegistrationUntilItIsHandled() {
        ClaimFixtures.Setup s = fixtures.jilin();
        String colleague = users.member(s.unit(), "韩", "同事");
        Claim claim = fixtures.approve(fixtures.exchange(s.employee(), 1), s.reviewer());
        publicity.raise(claim.getId(), currentUsers.load(colleague), "请核实");
        assertThat(fixtures.endPublicity(claim).getStatus()).isEqualTo(ClaimStatus.IN_PUBLICITY);
        publicity.handle(objectionTask(claim), currentUsers.load(s.reviewer()), "DISMISS", "属实");
        assertThat(fixtures.reload(claim).getStatus()).isEqualTo(ClaimStatus.REGISTERED);
    }

    @Test
    void boardShowsTheUnitsClaimsInPublicityOnlyToItsMembers() {
        ClaimFixtures.Setup s = fixtures.jilin();
        ClaimFixtures.Setup other = fixtures.unit("白城市医院", cn.xueshi.identity.UnitType.STATE_OWNED, "JILIN",
                "jilin-2026");
        Claim claim = fixtures.approve(fixtures.exchange(s.employee(), 1), s.reviewer());
        String colleague = users.member(s.unit(), "谢", "同事");
        assertThat(publicity.board(currentUsers.load(colleague))).extracting(Claim::getId).contains(claim.getId());
        assertThat(publicity.board(currentUsers.load(s.reviewer()))).extracting(Claim::getId).contains(claim.getId());
        assertThat(publicity.board(currentUsers.load(other.employee()))).extracting(Claim::getId)
                .doesNotContain(claim.getId());
    }
}
