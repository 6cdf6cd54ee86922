package cn.xueshi.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.xueshi.claim.Claim;
import cn.xueshi.identity.Directory;
import cn.xueshi.identity.Groups;
import cn.xueshi.identity.UnitType;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import cn.xueshi.variable.ProcessVariables;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * /admin/departments (行业部门审核人): admins only; adding a reviewer makes them a candidate of the department's
 * waiting review tasks and of its claims' reviewers variable, removing one takes them off (a task they claimed is
 * released) and out of the claim's pages; the last reviewer is kept while claims are open; refusals are Chinese
 * messages beside the field; every change is an audit row.
 */
@IntegrationTest
class DepartmentReviewerAdminTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    TestUsers users;
    @Autowired
    Directory directory;
    @Autowired
    ClaimFixtures fixtures;
    @Autowired
    TaskService tasks;
    @Autowired
    RuntimeService runtime;
    @Autowired
    JdbcTemplate jdbc;

    String admin;
    String nurse;
    String commission;

    @BeforeEach
    void people() {
        admin = users.user("adm", "管", "理", Groups.ADMIN);
        ClaimFixtures.Setup s = fixtures.unit("青岛市海慈医院", UnitType.STATE_OWNED, "QINGDAO", "qingdao-2023");
        nurse = users.member(s.unit(), "陈", "护士");
        directory.setTitleSeries(nurse, "HEALTH");
        commission = users.user("wjw", "卫", "审核", Groups.REVIEWER);
        directory.addToDepartment(commission, "QD-WJW");
    }

    RequestPostProcessor asAdmin() {
        return user(admin).roles(Groups.ADMIN);
    }

    Claim healthClaim() {
        return fixtures.submit(nurse, ClaimFixtures.form(2026, "TRAINING", LocalDate.of(2026, 3, 2),
                Map.of("hours", "8", "days", "1", "subject", "PROFESSIONAL")));
    }

    String reviewTask(Claim claim) {
        return tasks.createTaskQuery().processInstanceId(claim.getProcessInstanceId()).taskDefinitionKey("reviewClaim")
                .singleResult().getId();
    }

    List<String> candidates(String taskId) {
        return tasks.getIdentityLinksForTask(taskId).stream().filter(l -> "candidate".equals(l.getType()))
                .map(IdentityLink::getUserId).toList();
    }

    List<String> reviewersVariable(Claim claim) {
        return ProcessVariables.peopleOf(runtime.getVariable(claim.getProcessInstanceId(), "reviewers"));
    }

    /** A department of its own (no other test's members), Qingdao. */
    String freshDepartment() {
        String code = TestUsers.uniqueId("T-").toUpperCase().substring(0, 12);
        jdbc.update("INSERT INTO xs_department (code, name_zh, jurisdiction, industry, level) VALUES (?, ?, ?, ?, ?)",
                code, "测试行业主管部门" + code, "QINGDAO", "TEST", "CITY");
        return code;
    }

    @Test
    void onlyAdminsSeeTheDepartmentsAndUnknownCodesAreNotFound() throws Exception {
        mvc.perform(get("/admin/departments").with(asAdmin()))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("青岛市卫生健康委员会"), containsString("QD-JYJ"))));
        mvc.perform(get("/admin/departments/QD-WJW").with(asAdmin()))
                .andExpect(status().isOk()).andExpect(content().string(containsString(commission)));
        mvc.perform(get("/admin/departments/NO-SUCH").with(asAdmin())).andExpect(status().isNotFound());
        mvc.perform(post("/admin/departments/NO-SUCH/reviewers").param("userId", commission).with(asAdmin()).with(csrf()))
                .andExpect(status().isNotFound());
        for (String who : new String[] {commission, nurse}) {
            mvc.perform(get("/admin/departments").with(user(who).roles(Groups.REVIEWER, Groups.EMPLOYEE)))
                    .andExpect(status().isForbidden());
            mvc.perform(post("/admin/departments/QD-WJW/reviewers/{u}/remove", commission)
                    .with(user(who).roles(Groups.REVIEWER)).with(csrf())).andExpect(status().isForbidden());
        }
        assertThat(directory.departmentMembers("QD-WJW")).contains(commission);
        // removing someone who is no member of that department: not found
        mvc.perform(post("/admin/departments/QD-JYJ/reviewers/{u}/remove", commission).with(asAdmin()).with(csrf()))
                .andExpect(status().isNotFound());
        assertThat(directory.departmentMembers("QD-WJW")).contains(commission);
    }

    @Test
    void addingAndRemovingMovesTheWaitingTaskAndTheClaimsReviewers() throws Exception {
        Claim claim = healthClaim();
        String task = reviewTask(claim);
        assertThat(candidates(task)).contains(commission);
        String newcomer = users.user("wjw", "于", "新", Groups.REVIEWER);
        assertThat(candidates(task)).doesNotContain(newcomer);

        mvc.perform(post("/admin/departments/QD-WJW/reviewers").param("userId", newcomer).with(asAdmin()).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("message", "department.admin.added"));
        assertThat(candidates(task)).contains(newcomer, commission);
        assertThat(reviewersVariable(claim)).contains(newcomer, commission);
        mvc.perform(get("/review/tasks/{t}", task).with(user(newcomer).roles(Groups.REVIEWER))).andExpect(status().isOk());

        // the old reviewer had claimed the task: removed, the task is released and theirs no more
        tasks.setAssignee(task, commission);
        mvc.perform(post("/admin/departments/QD-WJW/reviewers/{u}/remove", commission).with(asAdmin()).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("message", "department.admin.removed"));
        assertThat(directory.departmentMembers("QD-WJW")).doesNotContain(commission);
        assertThat(candidates(task)).contains(newcomer).doesNotContain(commission);
        assertThat(tasks.createTaskQuery().taskId(task).singleResult().getAssignee()).isNull();
        assertThat(reviewersVariable(claim)).contains(newcomer).doesNotContain(commission);
        mvc.perform(get("/review/tasks/{t}", task).with(user(commission).roles(Groups.REVIEWER)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/claims/{id}", claim.getId()).with(user(commission).roles(Groups.REVIEWER)))
                .andExpect(status().isNotFound());

        // the newcomer decides the claim
        assertThat(fixtures.approve(claim, newcomer).getDecidedBy()).isEqualTo(newcomer);

        List<Map<String, Object>> audit = jdbc.queryForList("SELECT actor, subject, old_value, new_value FROM "
                + "xs_directory_audit WHERE field = 'DEPARTMENT_MEMBER' AND subject IN (?, ?) ORDER BY id", newcomer,
                commission);
        assertThat(audit).extracting(r -> List.copyOf(r.values())).containsExactly(
                List.of(admin, newcomer, "", "QD-WJW"), List.of(admin, commission, "QD-WJW", ""));
        mvc.perform(get("/admin/departments/QD-WJW").with(asAdmin()))
                .andExpect(content().string(allOf(containsString("加入本部门"), containsString("移出本部门"))));
    }

    @Test
    void theLastReviewerStaysWhileTheDepartmentHasOpenClaims() throws Exception {
        String code = freshDepartment();
        String only = users.user("rev", "唯", "一", Groups.REVIEWER);
        mvc.perform(post("/admin/departments/{c}/reviewers", code).param("userId", only).with(asAdmin()).with(csrf()))
                .andExpect(status().is3xxRedirection());
        // a claim routed to this department, in review
        Claim claim = healthClaim();
        jdbc.update("UPDATE xs_claim SET reviewer_department = ? WHERE id = ?", code, claim.getId());

        mvc.perform(post("/admin/departments/{c}/reviewers/{u}/remove", code, only).with(asAdmin()).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("是本部门唯一的审核人，本部门还有 1 件学时登记在审核中或公示中，不能移除")));
        assertThat(directory.departmentMembers(code)).containsExactly(only);

        // with a second reviewer the first may go
        String second = users.user("rev", "第", "二", Groups.REVIEWER);
        mvc.perform(post("/admin/departments/{c}/reviewers", code).param("userId", second).with(asAdmin()).with(csrf()));
        mvc.perform(post("/admin/departments/{c}/reviewers/{u}/remove", code, only).with(asAdmin()).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(directory.departmentMembers(code)).containsExactly(second);
        // once nothing is open, the last one may go too
        jdbc.update("UPDATE xs_claim SET status = 'REGISTERED' WHERE id = ?", claim.getId());
        mvc.perform(post("/admin/departments/{c}/reviewers/{u}/remove", code, second).with(asAdmin()).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(directory.departmentMembers(code)).isEmpty();
    }

    @Autowired
    DepartmentReviewers reviewers;
    @Autowired
    cn.xueshi.identity.CurrentUserService currentUsers;

    @Test
    void twoAdminsRemovingTheLastTwoReviewersAtOnceLeaveOne() throws Exception {
        String code = freshDepartment();
        String a = users.user("rev", "甲", "审", Groups.REVIEWER);
        String b = users.user("rev", "乙", "审", Groups.REVIEWER);
        directory.addToDepartment(a, code);
        directory.addToDepartment(b, code);
        Claim claim = healthClaim();
        jdbc.update("UPDATE xs_claim SET reviewer_department = ? WHERE id = ?", code, claim.getId());
        var me = currentUsers.load(admin);
        List<String> outcomes = cn.xueshi.support.Parallel.run(2, i -> {
            try {
                reviewers.remove(me, code, i == 0 ? a : b);
                return "removed";
            } catch (DepartmentRefused e) {
                return e.messageKey();
            }
        });
        // the department's row lock serves them one after the other: the second sees the first's removal
        assertThat(outcomes).containsExactlyInAnyOrder("removed", "department.admin.error.lastReviewer");
        assertThat(directory.departmentMembers(code)).hasSize(1);
    }

    @Test
    void refusedAdditionsSayWhyBesideTheFieldAndKeepWhatWasTyped() throws Exception {
        String code = freshDepartment();
        String employee = users.user("emp", "员", "工", Groups.EMPLOYEE);
        String reviewer = users.user("rev", "审", "人", Groups.REVIEWER);
        directory.addToDepartment(reviewer, code);
        Object[][] cases = {
                {"", "请填写用户名"},
                {"nobody-here", "没有用户“nobody-here”"},
                {employee, "员工不在“审核人”组中"},
                {reviewer, "审人已是本部门成员"},
                {"长".repeat(300), "没有用户"}};
        for (Object[] c : cases) {
            mvc.perform(post("/admin/departments/{c}/reviewers", code).param("userId", (String) c[0]).with(asAdmin())
                    .with(csrf()))
                    .andExpect(status().isOk())
                    .andExpect(content().string(allOf(containsString((String) c[1]), containsString("userId-error"),
                            containsString("is-invalid"))));
        }
        assertThat(directory.departmentMembers(code)).containsExactly(reviewer);
        // a rule-filing member outside the reviewer group is listed and may be removed: the row is gone
        String filer = users.user("dep", "备", "案", Groups.DEPARTMENT);
        directory.addToDepartment(filer, code);
        mvc.perform(get("/admin/departments/{c}", code).with(asAdmin()))
                .andExpect(content().string(containsString("规则备案（非审核人）")));
        mvc.perform(post("/admin/departments/{c}/reviewers/{u}/remove", code, filer).with(asAdmin()).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(directory.departmentMembers(code)).containsExactly(reviewer);
    }
}
