package cn.xueshi.hierarchy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.xueshi.hierarchy.DerivedRuleSet.OwnerKind;
import cn.xueshi.identity.CurrentUserService;
import cn.xueshi.identity.Groups;
import cn.xueshi.identity.Unit;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import cn.xueshi.variable.ProcessVariables;
import java.time.LocalDate;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A member removed from a department at /admin/departments leaves its rule-filing authority (the same
 * xs_department_member row): the open filing review of a unit under that department stops naming them, and its
 * authorities variable lists the members left; one added is named at once. The last member is not removed while a
 * filing waits for them.
 */
@IntegrationTest
class FilingAuthorityChangesTest {

    @Autowired
    HierarchyFixtures fixtures;
    @Autowired
    Derivations derivations;
    @Autowired
    RuleFiling filing;
    @Autowired
    TestUsers users;
    @Autowired
    CurrentUserService currentUsers;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TaskService tasks;
    @Autowired
    RuntimeService runtime;
    @Autowired
    MockMvc mvc;

    String staffOf(Department d) {
        String id = users.user("dp", "钱", "备案", Groups.DEPARTMENT);
        jdbc.update("INSERT INTO xs_department_member (user_id, department_code) VALUES (?, ?)", id, d.getCode());
        return id;
    }

    /** A unit's set under {@code dept}, submitted for filing: its review waits for the department's members. */
    RuleSetVersion submittedUnder(Department dept, String name, String documentNo) throws Exception {
        Unit unit = fixtures.unit("JILIN", "jilin-2026", dept);
        String maintainer = fixtures.maintainerOf(OwnerKind.UNIT, String.valueOf(unit.getId()));
        String key = HierarchyFixtures.unique("t");
        derivations.create(key, name, OwnerKind.UNIT, String.valueOf(unit.getId()), "jilin-2026", maintainer);
        derivations.edit(key, d -> d.withChange(new Delta.Change("items", "jl-paper-3", "base", "30")), maintainer, "论文");
        return filing.submit(currentUsers.load(maintainer), key, "结合本院实际", documentNo, LocalDate.of(2026, 1, 1),
                HierarchyFixtures.pdf());
    }

    @Test
    void aRemovedMemberNoLongerDecidesTheDepartmentsOpenFiling() throws Exception {
        Department dept = fixtures.department("JILIN", Department.Level.PROVINCIAL);
        String leaving = staffOf(dept);
        String staying = staffOf(dept);
        RuleSetVersion v = submittedUnder(dept, "测试实施细则" + HierarchyFixtures.unique("t"), "吉医发〔2026〕1号");
        Task task = tasks.createTaskQuery().processInstanceId(v.getProcessInstanceId()).singleResult();
        tasks.setAssignee(task.getId(), leaving);

        String admin = users.user("adm", "管", "理", Groups.ADMIN);
        mvc.perform(post("/admin/departments/{c}/reviewers/{u}/remove", dept.getCode(), leaving)
                .with(user(admin).roles(Groups.ADMIN)).with(csrf())).andExpect(status().is3xxRedirection());

        List<String> candidates = tasks.getIdentityLinksForTask(task.getId()).stream()
                .filter(l -> "candidate".equals(l.getType())).map(IdentityLink::getUserId).toList();
        assertThat(candidates).containsExactly(staying);
        assertThat(tasks.createTaskQuery().taskId(task.getId()).singleResult().getAssignee()).isNull();
        assertThat(ProcessVariables.peopleOf(runtime.getVariable(v.getProcessInstanceId(), "authorities")))
                .containsExactly(staying);
        assertThat(tasks.createTaskQuery().taskCandidateUser(leaving).processInstanceId(v.getProcessInstanceId())
                .count()).isZero();
    }

    @Test
    void anAddedMemberDecidesTheDepartmentsOpenFilingButNotAnotherDepartments() throws Exception {
        Department dept = fixtures.department("JILIN", Department.Level.PROVINCIAL);
        String first = staffOf(dept);
        RuleSetVersion v = submittedUnder(dept, "新增成员细则" + HierarchyFixtures.unique("t"), "吉医发〔2026〕3号");
        Task task = tasks.createTaskQuery().processInstanceId(v.getProcessInstanceId()).singleResult();
        Department other = fixtures.department("JILIN", Department.Level.PROVINCIAL);
        staffOf(other);
        RuleSetVersion elsewhere = submittedUnder(other, "别部门细则" + HierarchyFixtures.unique("t"), "吉医发〔2026〕4号");
        Task otherTask = tasks.createTaskQuery().processInstanceId(elsewhere.getProcessInstanceId()).singleResult();

        String joining = users.user("dp", "孙", "新任", Groups.REVIEWER);
        String admin = users.user("adm", "管", "理", Groups.ADMIN);
        mvc.perform(post("/admin/departments/{c}/reviewers", dept.getCode()).param("userId", joining)
                .with(user(admin).roles(Groups.ADMIN)).with(csrf())).andExpect(status().is3xxRedirection());

        List<String> candidates = tasks.getIdentityLinksForTask(task.getId()).stream()
                .filter(l -> "candidate".equals(l.getType())).map(IdentityLink::getUserId).toList();
        assertThat(candidates).containsExactlyInAnyOrder(first, joining);
        assertThat(ProcessVariables.peopleOf(runtime.getVariable(v.getProcessInstanceId(), "authorities")))
                .containsExactlyInAnyOrder(first, joining);
        // another department's filing does not name them
        assertThat(tasks.createTaskQuery().taskId(otherTask.getId()).taskCandidateUser(joining).count()).isZero();
    }

    @Test
    void theLastMemberIsNotRemovedWhileAFilingWaitsForTheDepartment() throws Exception {
        Department dept = fixtures.department("JILIN", Department.Level.PROVINCIAL);
        String only = staffOf(dept);
        String name = "唯一成员细则" + HierarchyFixtures.unique("t");
        RuleSetVersion v = submittedUnder(dept, name, "吉医发〔2026〕2号");
        Task task = tasks.createTaskQuery().processInstanceId(v.getProcessInstanceId()).singleResult();

        String admin = users.user("adm", "管", "理", Groups.ADMIN);
        mvc.perform(post("/admin/departments/{c}/reviewers/{u}/remove", dept.getCode(), only)
                        .with(user(admin).roles(Groups.ADMIN)).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("的备案正等待本部门审核，不能移除")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString(name)));

        // nothing changed: still the member, still the filing's decider
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM xs_department_member WHERE user_id = ? AND department_code = ?",
                Long.class, only, dept.getCode())).isOne();
        assertThat(tasks.createTaskQuery().taskId(task.getId()).taskCandidateUser(only).count()).isOne();
    }
}
