package cn.xueshi.filing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.xueshi.claim.Claim;
import cn.xueshi.claim.ClaimStatus;
import cn.xueshi.identity.CurrentUserService;
import cn.xueshi.identity.Directory;
import cn.xueshi.identity.Groups;
import cn.xueshi.identity.UnitType;
import cn.xueshi.notification.NotificationRepository;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import cn.xueshi.variable.ProcessVariables;
import java.time.LocalDate;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every path of bpmn/annual-filing.bpmn, and the message that ends the right claims as filed. */
@IntegrationTest
class AnnualFilingProcessTest {

    @Autowired
    ClaimFixtures fixtures;
    @Autowired
    FilingService filings;
    @Autowired
    UnitFilingRepository repository;
    @Autowired
    CurrentUserService currentUsers;
    @Autowired
    TestUsers users;
    @Autowired
    Directory directory;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;
    @Autowired
    ManagementService management;
    @Autowired
    NotificationRepository notifications;
    @Autowired
    TaskService taskService;

    String bureauOf(String jurisdiction) {
        String bureau = users.user("bur", "王", "验证", Groups.BUREAU);
        directory.assignOversight(bureau, jurisdiction);
        return bureau;
    }

    @Test
    void verifiedFilingMarksExactlyTheUnitsRegisteredClaimsOfThatYearFiled() {
        ClaimFixtures.Setup s = fixtures.jilin();
        ClaimFixtures.Setup other = fixtures.unit("辽源市医院", UnitType.STATE_OWNED, "JILIN", "jilin-2026");
        String bureau = bureauOf("JILIN");
        Claim mine = fixtures.registeredExchange(s, 3);
        Claim stillInReview = fixtures.exchange(s.employee(), 1);
        Claim otherUnits = fixtures.registeredExchange(other, 2);

        UnitFiling filing = filings.start(s.unit().getId(), 2026, currentUsers.load(s.reviewer()));
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(filing.getProcessInstanceId()).singleResult())
                .isWaitingAt("compileFiling");
        FilingSummary summary = filings.summary(s.unit().getId(), 2026);
        assertThat(summary.people()).filteredOn(r -> r.userId().equals(s.employee())).singleElement()
                .satisfies(r -> {
                    assertThat(r.progress().totalHours()).isEqualByComparingTo("24");
                    assertThat(r.progress().compliant()).isFalse();
                    assertThat(r.registeredClaims()).isEqualTo(1);
                });
        assertThat(summary.unfinished()).isEqualTo(1);

        filings.submit(filing.getId(), currentUsers.load(s.reviewer()));
        assertThat(repository.findById(filing.getId()).orElseThrow().getStatus()).isEqualTo(FilingStatus.SUBMITTED);
        filings.verify(filing.getId(), currentUsers.load(bureau), true, "同意备案");

        UnitFiling filed = repository.findById(filing.getId()).orElseThrow();
        assertThat(filed.getStatus()).isEqualTo(FilingStatus.FILED);
        assertThat(filed.getVerifiedBy()).isEqualTo(bureau);
        assertThat(fixtures.reload(mine).getStatus()).isEqualTo(ClaimStatus.FILED);
        assertThat(fixtures.reload(mine).getFilingId()).isEqualTo(filing.getId());
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(mine.getProcessInstanceId())
                .singleResult().getEndActivityId()).isEqualTo("claimFiled");
        assertThat(fixtures.reload(stillInReview).getStatus()).isEqualTo(ClaimStatus.IN_REVIEW);
        assertThat(fixtures.reload(otherUnits).getStatus()).isEqualTo(ClaimStatus.REGISTERED);
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(filing.getProcessInstanceId())
                .singleResult().getEndActivityId()).isEqualTo("unitFiled");
    }

    @Test
    void returnedFilingGoesBackToTheReviewerWithTheBureausComment() {
        ClaimFixtures.Setup s = fixtures.unit("玉溪市人民医院", UnitType.STATE_OWNED, "YUXI", "yuxi-2024");
        String bureau = bureauOf("YUXI");
        Claim claim = fixtures.endPublicity(fixtures.approve(fixtures.submit(s.employee(),
                ClaimFixtures.form(2025, "TRAINING", LocalDate.of(2025, 6, 3), Map.of("days", "2", "level", "PROVINCIAL"))),
                s.reviewer()));
        UnitFiling filing = filings.start(s.unit().getId(), 2025, currentUsers.load(s.reviewer()));
        assertThat(filing.getDeadline()).isEqualTo(LocalDate.of(2026, 3, 31));
        filings.submit(filing.getId(), currentUsers.load(s.reviewer()));
        filings.verify(filing.getId(), currentUsers.load(bureau), false, "请补充人员名单");

        UnitFiling returned = repository.findById(filing.getId()).orElseThrow();
        assertThat(returned.getStatus()).isEqualTo(FilingStatus.RETURNED);
        assertThat(returned.getBureauComment()).isEqualTo("请补充人员名单");
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(filing.getProcessInstanceId()).singleResult())
                .isWaitingAt("compileFiling");
        assertThat(fixtures.reload(claim).getStatus()).isEqualTo(ClaimStatus.REGISTERED);
        assertThat(notifications.findTop20ByRecipientOrderByCreatedAtDesc(s.reviewer()))
                .extracting(n -> n.getKind()).contains("FILING_RETURNED");

        filings.submit(filing.getId(), currentUsers.load(s.reviewer()));
        filings.verify(filing.getId(), currentUsers.load(bureau), true, null);
        assertThat(fixtures.reload(claim).getStatus()).isEqualTo(ClaimStatus.FILED);
    }

    /**
     * An instance holding the reviewers and bureau users as JSON lists (the shape instances keep when the starter
     * writes comma-separated strings) is compiled and verified, both tasks taking their candidates from the lists.
     */
    @Test
    void anInstanceStartedWithJsonListsOfPeopleCompletes() {
        ClaimFixtures.Setup s = fixtures.unit("通化市医院", UnitType.STATE_OWNED, "JILIN", "jilin-2026");
        String bureau = bureauOf("JILIN");
        UnitFiling filing = filings.start(s.unit().getId(), 2026, currentUsers.load(s.reviewer()));
        String instance = filing.getProcessInstanceId();
        assertThat(ProcessVariables.peopleOf(runtime.getVariable(instance, "bureauUsers"))).contains(bureau);
        runtime.setVariable(instance, "reviewers", ProcessVariables.people(directory.reviewersOf(s.unit().getId())));
        runtime.setVariable(instance, "bureauUsers",
                ProcessVariables.people(ProcessVariables.peopleOf(runtime.getVariable(instance, "bureauUsers"))));
        assertThat(runtime.getVariableTyped(instance, "bureauUsers", false).getType().getName()).isEqualTo("object");
        // the compile task as the earlier version created it: its candidates from the JSON list
        runtime.createProcessInstanceModification(instance).cancelAllForActivity("compileFiling")
                .startBeforeActivity("compileFiling").execute();
        assertThat(taskService.getIdentityLinksForTask(taskService.createTaskQuery().processInstanceId(instance)
                .singleResult().getId())).extracting(l -> l.getUserId()).contains(s.reviewer());
        filings.submit(filing.getId(), currentUsers.load(s.reviewer()));
        assertThat(taskService.getIdentityLinksForTask(taskService.createTaskQuery().processInstanceId(instance)
                .taskDefinitionKey("verifyFiling").singleResult().getId())).extracting(l -> l.getUserId()).contains(bureau);
        filings.verify(filing.getId(), currentUsers.load(bureau), true, "同意备案");
        assertThat(repository.findById(filing.getId()).orElseThrow().getStatus()).isEqualTo(FilingStatus.FILED);
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(instance).singleResult()
                .getEndActivityId()).isEqualTo("unitFiled");
    }

    @Test
    void remindersBeforeAndAfterTheDeadlineReachReviewersAndSupervisors() {
        ClaimFixtures.Setup s = fixtures.unit("江川区医院", UnitType.STATE_OWNED, "YUXI", "yuxi-2024");
        bureauOf("YUXI");
        String supervisor = users.user("sup", "冯", "督", Groups.SUPERVISOR);
        directory.assignOversight(supervisor, "YUXI");
        UnitFiling filing = filings.start(s.unit().getId(), 2025, currentUsers.load(s.reviewer()));
        for (Job timer : management.createJobQuery().processInstanceId(filing.getProcessInstanceId()).timers().list()) {
            management.executeJob(timer.getId());
        }
        assertThat(notifications.findTop20ByRecipientOrderByCreatedAtDesc(s.reviewer())).extracting(n -> n.getKind())
                .contains("FILING_DUE", "FILING_OVERDUE");
        assertThat(notifications.findTop20ByRecipientOrderByCreatedAtDesc(supervisor)).extracting(n -> n.getKind())
                .contains("FILING_OVERDUE");
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(filing.getProcessInstanceId()).singleResult())
                .isWaitingAt("compileFiling");
    }

    @Test
    void onlyTheUnitsReviewerStartsAndOnlyOncePerYearAndOnlyTheJurisdictionsBureauVerifies() {
        ClaimFixtures.Setup s = fixtures.jilin();
        ClaimFixtures.Setup other = fixtures.unit("吉林市医院", UnitType.STATE_OWNED, "JILIN", "jilin-2026");
        bureauOf("JILIN");
        String anhuiBureau = bureauOf("ANHUI");
        assertThatThrownBy(() -> filings.start(s.unit().getId(), 2026, currentUsers.load(other.reviewer())))
                .isInstanceOf(cn.xueshi.system.NotFound.class);
        UnitFiling filing = filings.start(s.unit().getId(), 2026, currentUsers.load(s.reviewer()));
        assertThatThrownBy(() -> filings.start(s.unit().getId(), 2026, currentUsers.load(s.reviewer())))
                .isInstanceOf(FilingRefused.class).hasMessage("filing.error.exists");
        assertThatThrownBy(() -> filings.start(s.unit().getId(), 2099, currentUsers.load(s.reviewer())))
                .isInstanceOf(FilingRefused.class).hasMessage("filing.error.year");
        filings.submit(filing.getId(), currentUsers.load(s.reviewer()));
        assertThatThrownBy(() -> filings.verify(filing.getId(), currentUsers.load(anhuiBureau), true, null))
                .isInstanceOf(cn.xueshi.system.NotFound.class);
        assertThat(repository.findById(filing.getId()).orElseThrow().getStatus()).isEqualTo(FilingStatus.SUBMITTED);
    }
}
