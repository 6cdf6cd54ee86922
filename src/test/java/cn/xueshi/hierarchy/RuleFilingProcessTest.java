package cn.xueshi.hierarchy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.xueshi.hierarchy.DerivedRuleSet.OwnerKind;
import cn.xueshi.identity.CurrentUser;
import cn.xueshi.identity.CurrentUserService;
import cn.xueshi.identity.Directory;
import cn.xueshi.identity.Groups;
import cn.xueshi.identity.Unit;
import cn.xueshi.notification.NotificationRepository;
import cn.xueshi.rules.RecognitionService;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import cn.xueshi.system.Conflict;
import cn.xueshi.system.NotFound;
import cn.xueshi.variable.ProcessVariables;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.JdbcTemplate;

/** Every path of bpmn/rule-filing.bpmn, the routing of the authority, and who may act on what. */
@IntegrationTest
class RuleFilingProcessTest {

    @Autowired
    HierarchyFixtures fixtures;
    @Autowired
    Derivations derivations;
    @Autowired
    RuleFiling filing;
    @Autowired
    TestUsers users;
    @Autowired
    Directory directory;
    @Autowired
    CurrentUserService currentUsers;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService taskService;
    @Autowired
    ManagementService management;
    @Autowired
    NotificationRepository notifications;
    @Autowired
    RecognitionService recognition;

    /** A unit with a competent department, its maintainer and the department's filing staff. */
    record Setup(Department department, Unit unit, String maintainer, String departmentStaff, String key) {
    }

    @BeforeEach
    void chinese() {
        LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
    }

    @AfterEach
    void reset() {
        LocaleContextHolder.resetLocaleContext();
    }

    String staffOf(Department d) {
        String id = users.user("dp", "钱", "备案", Groups.DEPARTMENT);
        jdbc.update("INSERT INTO xs_department_member (user_id, department_code) VALUES (?, ?)", id, d.getCode());
        return id;
    }

    Setup unitSetup() {
        Department dept = fixtures.department("JILIN", Department.Level.PROVINCIAL);
        Unit unit = fixtures.unit("JILIN", "jilin-2026", dept);
        String maintainer = fixtures.maintainerOf(OwnerKind.UNIT, String.valueOf(unit.getId()));
        String staff = staffOf(dept);
        String key = HierarchyFixtures.unique("t");
        derivations.create(key, "测试实施细则" + key, OwnerKind.UNIT, String.valueOf(unit.getId()), "jilin-2026", maintainer);
        derivations.edit(key, d -> d.withChange(new Delta.Change("items", "jl-paper-3", "base", "30")), maintainer, "论文");
        return new Setup(dept, unit, maintainer, staff, key);
    }

    CurrentUser as(String userId) {
        return currentUsers.load(userId);
    }

    Task reviewTask(RuleSetVersion v) {
        return taskService.createTaskQuery().processInstanceId(v.getProcessInstanceId()).singleResult();
    }

    @Test
    void submittedThenFiledDeploysTheSetAndEndsTheProcess() {
        Setup s = unitSetup();
        RuleSetVersion v = filing.submit(as(s.maintainer()), s.key(), "结合本院实际", "吉医发〔2026〕1号",
                LocalDate.of(2026, 1, 1), HierarchyFixtures.pdf());
        ProcessInstance pi = runtime.createProcessInstanceQuery().processInstanceId(v.getProcessInstanceId()).singleResult();
        assertThat(pi).isWaitingAt("reviewRuleFiling");
        Task task = reviewTask(v);
        assertThat(taskService.getIdentityLinksForTask(task.getId())).extracting(l -> l.getUserId())
                .containsExactly(s.departmentStaff());
        assertThat(notifications.findTop20ByRecipientOrderByCreatedAtDesc(s.departmentStaff()))
                .extracting(n -> n.getKind()).contains("RULE_FILING_SUBMITTED");
        assertThat(recognition.ruleSetFor("JILIN", s.department().getCode(), s.unit().getId(), 2026)).contains("jilin-2026");
        filing.decide(as(s.departmentStaff()), task.getId(), true, LocalDate.of(2026, 2, 1), "同意");
        assertThat(pi).isEnded().hasPassed("ruleSetFiled");
        assertThat(derivations.latest(s.key()).getStatus()).isEqualTo(RuleSetVersion.Status.FILED);
        assertThat(derivations.latest(s.key()).getEffectiveFrom()).isEqualTo(LocalDate.of(2026, 2, 1));
        assertThat(recognition.ruleSetFor("JILIN", s.department().getCode(), s.unit().getId(), 2026)).contains(s.key());
        assertThat(notifications.findTop20ByRecipientOrderByCreatedAtDesc(s.maintainer()))
                .extracting(n -> n.getKind()).contains("RULE_FILING_FILED");
    }

    @Test
    void returnedThenRevisedThenFiled() {
        Setup s = unitSetup();
        RuleSetVersion v = filing.submit(as(s.maintainer()), s.key(), "理由", "文号", LocalDate.of(2026, 1, 1), HierarchyFixtures.pdf());
        assertThatThrownBy(() -> filing.decide(as(s.departmentStaff()), reviewTask(v).getId(), false, null, " "))
                .isInstanceOf(HierarchyRefusal.class).hasMessageContaining("意见");
        filing.decide(as(s.departmentStaff()), reviewTask(v).getId(), false, null, "论文学时偏高，请说明依据");
        ProcessInstance pi = runtime.createProcessInstanceQuery().processInstanceId(v.getProcessInstanceId()).singleResult();
        assertThat(pi).isWaitingAt("reviseRuleFiling");
        assertThat(derivations.latest(s.key()).getStatus()).isEqualTo(RuleSetVersion.Status.RETURNED);
        assertThat(recognition.standards(s.key())).isEmpty();
        // the submitter revises the returned draft, then hands it back
        derivations.edit(s.key(), d -> d.withChange(new Delta.Change("items", "jl-paper-3", "base", "28")), s.maintainer(), "改为28");
        Task revise = reviewTask(v);
        assertThat(revise.getTaskDefinitionKey()).isEqualTo("reviseRuleFiling");
        assertThatThrownBy(() -> filing.resubmit(as(s.departmentStaff()), revise.getId(), "x")).isInstanceOf(NotFound.class);
        filing.resubmit(as(s.maintainer()), revise.getId(), "已按意见调整为28学时");
        assertThat(pi).isWaitingAt("reviewRuleFiling");
        filing.decide(as(s.departmentStaff()), reviewTask(v).getId(), true, null, null);
        assertThat(pi).isEnded();
        assertThat(derivations.auditOf(s.key())).extracting(HierarchyAudit.Entry::action)
                .containsSubsequence("SUBMITTED", "RETURNED", "EDITED", "RESUBMITTED", "FILED");
        assertThat(recognition.standards(s.key()).orElseThrow().activityTypes().stream()
                .filter(t -> t.code().equals("PAPER")).findFirst().orElseThrow().rateText()).contains("28");
    }

    @Test
    void theReminderTimerTellsTheAuthorityAndTheTaskStays() {
        Setup s = unitSetup();
        RuleSetVersion v = filing.submit(as(s.maintainer()), s.key(), "理由", "文号", LocalDate.of(2026, 1, 1), HierarchyFixtures.pdf());
        for (Job timer : management.createJobQuery().processInstanceId(v.getProcessInstanceId()).timers().list()) {
            management.executeJob(timer.getId());
        }
        assertThat(notifications.findTop20ByRecipientOrderByCreatedAtDesc(s.departmentStaff()))
                .extracting(n -> n.getKind()).contains("RULE_FILING_DUE");
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(v.getProcessInstanceId()).singleResult())
                .isWaitingAt("reviewRuleFiling");
    }

    @Test
    void aProvincialDepartmentFilesWithTheProvincialBureau() {
        Department dept = fixtures.department("JILIN", Department.Level.PROVINCIAL);
        String maintainer = fixtures.maintainerOf(OwnerKind.DEPARTMENT, dept.getCode());
        String bureau = users.user("bur", "孙", "人社", Groups.BUREAU);
        directory.assignOversight(bureau, "JILIN");
        String staff = staffOf(dept);
        String key = HierarchyFixtures.unique("t");
        derivations.create(key, "测试行业办法", OwnerKind.DEPARTMENT, dept.getCode(), "jilin-2026", maintainer);
        derivations.edit(key, d -> d.withChange(new Delta.Change("items", "jl-paper-3", "base", "30")), maintainer, "论文");
        RuleSetVersion v = filing.submit(as(maintainer), key, "理由", "文号", LocalDate.of(2026, 1, 1), HierarchyFixtures.pdf());
        Task task = reviewTask(v);
        assertThat(taskService.getIdentityLinksForTask(task.getId())).extracting(l -> l.getUserId()).contains(bureau)
                .doesNotContain(staff);
        // the department's own staff is not its filing authority: the task is not theirs
        assertThatThrownBy(() -> filing.decide(as(staff), task.getId(), true, null, null)).isInstanceOf(NotFound.class);
        filing.decide(as(bureau), task.getId(), true, null, null);
        assertThat(derivations.latest(key).getStatus()).isEqualTo(RuleSetVersion.Status.FILED);
    }

    @Test
    void maintainersTouchOnlyTheirOwnSetAndNobodyDecidesTwice() {
        Setup s = unitSetup();
        Setup other = unitSetup();
        assertThatThrownBy(() -> filing.submit(as(s.maintainer()), other.key(), "理由", "文号", LocalDate.of(2026, 1, 1), HierarchyFixtures.pdf()))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> filing.submit(as(s.maintainer()), "jilin-2026", "理由", "文号", LocalDate.of(2026, 1, 1), HierarchyFixtures.pdf()))
                .isInstanceOf(NotFound.class);
        RuleSetVersion v = filing.submit(as(s.maintainer()), s.key(), "理由", "文号", LocalDate.of(2026, 1, 1), HierarchyFixtures.pdf());
        Task task = reviewTask(v);
        // another department's staff cannot file it; the submitter cannot file their own rules
        assertThatThrownBy(() -> filing.decide(as(other.departmentStaff()), task.getId(), true, null, null))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> filing.decide(as(s.maintainer()), task.getId(), true, null, null))
                .isInstanceOf(NotFound.class);
        // in filing the draft cannot change nor be submitted again
        assertThatThrownBy(() -> derivations.edit(s.key(), d -> d, s.maintainer(), "x")).isInstanceOf(Conflict.class);
        assertThatThrownBy(() -> filing.submit(as(s.maintainer()), s.key(), "理由", "文号", LocalDate.of(2026, 1, 1), HierarchyFixtures.pdf()))
                .isInstanceOf(Conflict.class);
        filing.decide(as(s.departmentStaff()), task.getId(), true, null, null);
        assertThatThrownBy(() -> filing.decide(as(s.departmentStaff()), task.getId(), true, null, null))
                .isInstanceOf(NotFound.class);
    }

    /**
     * An instance holding the people as JSON lists (as the engine writes the untyped lists the starter passes; the
     * shape instances keep when the starter writes comma-separated strings, ProcessVariables.candidates) goes through
     * every step that reads them: the review task's candidates, the reminder, the revision's candidates, the
     * resubmission writing the authorities again, the filing.
     */
    @Test
    void anInstanceStartedWithJsonListsOfPeopleCompletes() {
        Setup s = unitSetup();
        RuleSetVersion v = filing.submit(as(s.maintainer()), s.key(), "理由", "文号", LocalDate.of(2026, 1, 1), HierarchyFixtures.pdf());
        String instance = v.getProcessInstanceId();
        runtime.setVariable(instance, "authorities", ProcessVariables.people(List.of(s.departmentStaff())));
        runtime.setVariable(instance, "submitters", ProcessVariables.people(List.of(s.maintainer())));
        assertThat(runtime.getVariableTyped(instance, "authorities", false).getType().getName()).isEqualTo("object");
        // the review task as the earlier version created it: its candidates from the JSON list
        runtime.createProcessInstanceModification(instance).cancelAllForActivity("reviewRuleFiling")
                .startBeforeActivity("reviewRuleFiling").execute();
        assertThat(taskService.getIdentityLinksForTask(reviewTask(v).getId())).extracting(l -> l.getUserId())
                .containsExactly(s.departmentStaff());
        for (Job timer : management.createJobQuery().processInstanceId(instance).timers().list()) {
            management.executeJob(timer.getId());
        }
        assertThat(notifications.findTop20ByRecipientOrderByCreatedAtDesc(s.departmentStaff()))
                .extracting(n -> n.getKind()).contains("RULE_FILING_DUE");
        filing.decide(as(s.departmentStaff()), reviewTask(v).getId(), false, null, "请说明依据");
        Task revise = reviewTask(v);
        assertThat(revise.getTaskDefinitionKey()).isEqualTo("reviseRuleFiling");
        assertThat(taskService.getIdentityLinksForTask(revise.getId())).extracting(l -> l.getUserId())
                .containsExactly(s.maintainer());
        filing.resubmit(as(s.maintainer()), revise.getId(), "已说明");
        assertThat(ProcessVariables.peopleOf(runtime.getVariable(instance, "authorities")))
                .containsExactly(s.departmentStaff());
        assertThat(taskService.getIdentityLinksForTask(reviewTask(v).getId())).extracting(l -> l.getUserId())
                .containsExactly(s.departmentStaff());
        filing.decide(as(s.departmentStaff()), reviewTask(v).getId(), true, null, null);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).singleResult()).isNull();
        assertThat(derivations.latest(s.key()).getStatus()).isEqualTo(RuleSetVersion.Status.FILED);
    }

    @Test
    void aStartOutsideTheApplicationIsRefused() {
        assertThatThrownBy(() -> runtime.startProcessInstanceByKey("rule-filing", Map.of("versionId", 999_999L,
                "ruleSetKey", "x", "authorities", List.of("a"), "submitters", List.of("b"),
                "reminderAt", new java.util.Date()))).hasMessageContaining("versionId");
    }
}
