package cn.xueshi.title;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.xueshi.identity.CurrentUserService;
import cn.xueshi.identity.Directory;
import cn.xueshi.identity.Groups;
import cn.xueshi.identity.UnitType;
import cn.xueshi.notification.NotificationRepository;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import cn.xueshi.system.Conflict;
import cn.xueshi.variable.ProcessVariables;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** bpmn/title-proof.bpmn: request → check by the unit (or the bureau) → issue, or refuse with a reason; scope; races. */
@IntegrationTest
class TitleProofTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ClaimFixtures fixtures;
    @Autowired
    TitleFixtures hours;
    @Autowired
    TitleProofs proofs;
    @Autowired
    TitleProofRepository repository;
    @Autowired
    CurrentUserService currentUsers;
    @Autowired
    TaskService tasks;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;
    @Autowired
    TestUsers users;
    @Autowired
    Directory directory;
    @Autowired
    NotificationRepository notifications;

    private TitleProof request(String employee, int year) {
        return proofs.request(currentUsers.load(employee), year, UUID.randomUUID().toString());
    }

    private Task taskOf(TitleProof p) {
        return tasks.createTaskQuery().processInstanceId(p.getProcessInstanceId()).singleResult();
    }

    @Test
    void theUnitIssuesTheProofWhichFreezesTheCheckUnderACode() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        hours.registered(s.employee(), s.unit(), "jilin-2026", 2026, "30", "60");
        mvc.perform(post("/title/proofs").param("year", "2026").param("submissionKey", UUID.randomUUID().toString())
                        .with(csrf()).with(user(s.employee()).roles(Groups.EMPLOYEE)))
                .andExpect(redirectedUrl("/title/proofs"));
        TitleProof p = repository.findByClaimantOrderByRequestedAtDesc(s.employee()).get(0);
        assertThat(p.getIssuer()).isEqualTo(TitleProof.Issuer.UNIT);
        Task task = taskOf(p);
        assertThat(task.getTaskDefinitionKey()).isEqualTo("checkProof");
        assertThat(tasks.createTaskQuery().taskId(task.getId()).taskCandidateUser(s.reviewer()).count()).isEqualTo(1);

        mvc.perform(get("/title/proofs").with(user(s.reviewer()).roles(Groups.REVIEWER)))
                .andExpect(content().string(containsString("/title/proofs/tasks/" + task.getId())));
        mvc.perform(get("/title/proofs/tasks/{t}", task.getId()).with(user(s.reviewer()).roles(Groups.REVIEWER)))
                .andExpect(status().isOk()).andExpect(content().string(containsString("proof-decision-form")))
                .andExpect(content().string(containsString("达标")));
        mvc.perform(post("/title/proofs/tasks/{t}", task.getId()).param("decision", "ISSUE").with(csrf())
                        .with(user(s.reviewer()).roles(Groups.REVIEWER)))
                .andExpect(redirectedUrl("/title/proofs"));

        TitleProof issued = repository.findById(p.getId()).orElseThrow();
        assertThat(issued.getStatus()).isEqualTo(TitleProof.Status.ISSUED);
        assertThat(issued.getCode()).startsWith("ZC").hasSize(TitleProofs.CODE_LENGTH);
        assertThat(issued.getVerdict()).isEqualTo("COMPLIANT");
        assertThat(issued.getDecidedBy()).isEqualTo(s.reviewer());
        assertThat(issued.getIssuerName()).isEqualTo(s.unit().getName());
        assertThat(proofs.byCode(issued.getCode()).orElseThrow().snapshot().years()).hasSize(1);
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(p.getProcessInstanceId())
                .singleResult().getEndActivityId()).isEqualTo("proofIssued");
        assertThat(notifications.findTop20ByRecipientOrderByCreatedAtDesc(s.employee()))
                .anySatisfy(n -> assertThat(n.getKind()).isEqualTo("TITLE_PROOF_ISSUED"));
        mvc.perform(get("/title/proofs").with(user(s.employee()).roles(Groups.EMPLOYEE)))
                .andExpect(content().string(containsString("/documents/title-proofs/" + p.getId() + ".pdf")));
    }

    /**
     * An instance holding the issuers as a JSON list (the shape instances keep when the starter writes a
     * comma-separated string) is checked and issued, its task taking the candidates from the list.
     */
    @Test
    void anInstanceStartedWithAJsonListOfIssuersCompletes() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        hours.registered(s.employee(), s.unit(), "jilin-2026", 2026, "30", "60");
        TitleProof p = request(s.employee(), 2026);
        String instance = p.getProcessInstanceId();
        runtime.setVariable(instance, "issuers",
                ProcessVariables.people(ProcessVariables.peopleOf(runtime.getVariable(instance, "issuers"))));
        assertThat(runtime.getVariableTyped(instance, "issuers", false).getType().getName()).isEqualTo("object");
        // the check task as the earlier version created it: its candidates from the JSON list
        runtime.createProcessInstanceModification(instance).cancelAllForActivity("checkProof")
                .startBeforeActivity("checkProof").execute();
        Task task = taskOf(p);
        assertThat(tasks.createTaskQuery().taskId(task.getId()).taskCandidateUser(s.reviewer()).count()).isEqualTo(1);
        mvc.perform(post("/title/proofs/tasks/{t}", task.getId()).param("decision", "ISSUE").with(csrf())
                        .with(user(s.reviewer()).roles(Groups.REVIEWER)))
                .andExpect(redirectedUrl("/title/proofs"));
        assertThat(repository.findById(p.getId()).orElseThrow().getStatus()).isEqualTo(TitleProof.Status.ISSUED);
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(instance).singleResult()
                .getEndActivityId()).isEqualTo("proofIssued");
    }

    @Test
    void aRefusalNeedsAReasonWhichTheEmployeeSees() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        TitleProof p = request(s.employee(), 2026);
        Task task = taskOf(p);
        mvc.perform(post("/title/proofs/tasks/{t}", task.getId()).param("decision", "REFUSE").param("reason", "  ")
                        .with(csrf()).with(user(s.reviewer()).roles(Groups.REVIEWER)))
                .andExpect(status().isOk()).andExpect(content().string(containsString("不予出具时须填写理由")));
        mvc.perform(post("/title/proofs/tasks/{t}", task.getId()).with(csrf())
                        .with(user(s.reviewer()).roles(Groups.REVIEWER)))
                .andExpect(status().isOk()).andExpect(content().string(containsString("请选择结论")));
        mvc.perform(post("/title/proofs/tasks/{t}", task.getId()).param("decision", "REFUSE")
                        .param("reason", "2026年度学时尚未登记完成").with(csrf())
                        .with(user(s.reviewer()).roles(Groups.REVIEWER)))
                .andExpect(redirectedUrl("/title/proofs"));
        TitleProof refused = repository.findById(p.getId()).orElseThrow();
        assertThat(refused.getStatus()).isEqualTo(TitleProof.Status.REFUSED);
        assertThat(refused.getRefusalReason()).isEqualTo("2026年度学时尚未登记完成");
        assertThat(refused.getCode()).isNull();
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(p.getProcessInstanceId())
                .singleResult().getEndActivityId()).isEqualTo("proofRefused");
        mvc.perform(get("/title/proofs").with(user(s.employee()).roles(Groups.EMPLOYEE)))
                .andExpect(content().string(containsString("2026年度学时尚未登记完成")));
        mvc.perform(get("/documents/title-proofs/{id}.pdf", p.getId()).with(user(s.employee()).roles(Groups.EMPLOYEE)))
                .andExpect(status().isNotFound());
    }

    @Test
    void anhuiNonPublicUnitsProofsAreIssuedByTheBureau() {
        ClaimFixtures.Setup s = fixtures.unit("合肥某科技有限公司", UnitType.NON_PUBLIC, "ANHUI", "anhui-2025");
        String bureau = users.user("bur", "孙", "局", Groups.BUREAU);
        directory.assignOversight(bureau, "ANHUI");
        TitleProof p = request(s.employee(), 2026);
        assertThat(p.getIssuer()).isEqualTo(TitleProof.Issuer.BUREAU);
        Task task = taskOf(p);
        assertThat(tasks.createTaskQuery().taskId(task.getId()).taskCandidateUser(bureau).count()).isEqualTo(1);
        assertThat(tasks.createTaskQuery().taskId(task.getId()).taskCandidateUser(s.reviewer()).count()).isZero();
        assertThatThrownBy(() -> proofs.decide(task.getId(), currentUsers.load(s.reviewer()), "ISSUE", null))
                .isInstanceOf(cn.xueshi.system.NotFound.class);
        proofs.decide(task.getId(), currentUsers.load(bureau), "ISSUE", null);
        assertThat(repository.findById(p.getId()).orElseThrow().getStatus()).isEqualTo(TitleProof.Status.ISSUED);
    }

    @Test
    void oneOpenRequestPerYearAndASecondDecisionIsAConflict() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        TitleProof p = request(s.employee(), 2026);
        assertThatThrownBy(() -> request(s.employee(), 2026)).isInstanceOf(Conflict.class);
        mvc.perform(post("/title/proofs").param("year", "2026").param("submissionKey", UUID.randomUUID().toString())
                        .with(csrf()).with(user(s.employee()).roles(Groups.EMPLOYEE)))
                .andExpect(status().isConflict());
        Task task = taskOf(p);
        proofs.decide(task.getId(), currentUsers.load(s.reviewer()), "ISSUE", null);
        mvc.perform(post("/title/proofs/tasks/{t}", task.getId()).param("decision", "REFUSE").param("reason", "晚了")
                        .with(csrf()).with(user(s.reviewer()).roles(Groups.REVIEWER)))
                .andExpect(status().isConflict());
        // after the answer a new request for the year may be made
        assertThat(request(s.employee(), 2026).getStatus()).isEqualTo(TitleProof.Status.REQUESTED);
    }

    @Test
    void badYearsAreMessagesBesideTheField() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        mvc.perform(post("/title/proofs").param("year", "二〇二六").param("submissionKey", UUID.randomUUID().toString())
                        .with(csrf()).with(user(s.employee()).roles(Groups.EMPLOYEE)))
                .andExpect(status().isOk()).andExpect(content().string(containsString("value=\"二〇二六\"")))
                .andExpect(content().string(containsString("请填写四位数字的年份")));
        mvc.perform(post("/title/proofs").param("year", "9999").param("submissionKey", UUID.randomUUID().toString())
                        .with(csrf()).with(user(s.employee()).roles(Groups.EMPLOYEE)))
                .andExpect(status().isOk()).andExpect(content().string(containsString("申报年度须在")));
        assertThat(repository.findByClaimantOrderByRequestedAtDesc(s.employee())).isEmpty();
    }

    @Test
    void othersSeeNeitherTheTaskNorTheProof() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        ClaimFixtures.Setup other = fixtures.unit("吉林市人民医院", UnitType.STATE_OWNED, "JILIN", "jilin-2026");
        TitleProof p = request(s.employee(), 2026);
        Task task = taskOf(p);
        mvc.perform(get("/title/proofs/tasks/{t}", task.getId()).with(user(other.reviewer()).roles(Groups.REVIEWER)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/title/proofs/tasks/{t}", task.getId()).with(user(s.employee()).roles(Groups.EMPLOYEE)))
                .andExpect(status().isNotFound());
        proofs.decide(task.getId(), currentUsers.load(s.reviewer()), "ISSUE", null);
        // a decided task of someone else's unit stays not found (no conflict message revealing it)
        mvc.perform(post("/title/proofs/tasks/{t}", task.getId()).param("decision", "ISSUE").with(csrf())
                        .with(user(other.reviewer()).roles(Groups.REVIEWER)))
                .andExpect(status().isNotFound());
        for (String outsider : List.of(other.employee(), other.reviewer())) {
            mvc.perform(get("/documents/title-proofs/{id}.pdf", p.getId()).with(user(outsider).roles(Groups.EMPLOYEE)))
                    .andExpect(status().isNotFound());
        }
        mvc.perform(get("/documents/title-proofs/{id}.pdf", p.getId()).with(user(s.reviewer()).roles(Groups.REVIEWER)))
                .andExpect(status().isOk());
        mvc.perform(get("/documents/title-proofs/{id}.pdf", 987654321L).with(user(s.employee()).roles(Groups.EMPLOYEE)))
                .andExpect(status().isNotFound());
    }

    @Test
    void aStartWithoutTheApplicationsRecordIsRefused() {
        assertThatThrownBy(() -> runtime.startProcessInstanceByKey(TitleProofs.PROCESS_KEY, Variables.createVariables()
                .putValue("proofId", 123456789L).putValue("claimant", "x").putValue("issuers", List.of("y"))
                .putValue("jurisdiction", "JILIN")))
                .hasMessageContaining("proofId");
        assertThatThrownBy(() -> runtime.startProcessInstanceByKey(TitleProofs.PROCESS_KEY))
                .isInstanceOf(cn.xueshi.system.ProcessStartRefused.class);
    }
}
