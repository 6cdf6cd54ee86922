package cn.xueshi.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
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
import cn.xueshi.identity.Unit;
import cn.xueshi.identity.UnitType;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import java.time.LocalDate;
import java.util.Map;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.VariableMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * 青人社字〔2023〕14号 五: the health, school-teacher and accounting series are reviewed by the city's industry
 * departments (review-routing reviewerKind DEPARTMENT, reviewerDepartment the hierarchy code); no employer → the
 * department responsible for the title declaration. Every new row, the lifecycle through approval, the inbox and
 * the claim pages by who may see them, and a row naming a department the hierarchy does not have.
 */
@IntegrationTest
class DepartmentReviewTest {

    @Autowired
    DecisionService decisions;
    @Autowired
    ClaimFixtures fixtures;
    @Autowired
    TestUsers users;
    @Autowired
    Directory directory;
    @Autowired
    CurrentUserService currentUsers;
    @Autowired
    ClaimAccess access;
    @Autowired
    TaskService tasks;
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;

    private Map<String, Object> route(String ruleSet, String unitType, String series) {
        VariableMap in = Variables.createVariables().putValue("ruleSet", ruleSet).putValue("unitType", unitType)
                .putValue("titleSeries", series);
        return decisions.evaluateDecisionByKey("review-routing").variables(in).evaluate().getSingleResult()
                .getEntryMap();
    }

    @Test
    void everyQingdaoRowAndTheRowsAroundIt() {
        assertThat(route("qingdao-2023", "STATE_OWNED", "HEALTH"))
                .containsEntry("reviewerKind", "DEPARTMENT").containsEntry("reviewerDepartment", "QD-WJW");
        assertThat(route("qingdao-2023", "NON_PUBLIC", "EDUCATION"))
                .containsEntry("reviewerKind", "DEPARTMENT").containsEntry("reviewerDepartment", "QD-JYJ");
        assertThat(route("qingdao-2023", "GOVERNMENT", "ACCOUNTING"))
                .containsEntry("reviewerKind", "DEPARTMENT").containsEntry("reviewerDepartment", "QD-CZJ");
        // no employer but a department series: that department (the series rows come first)
        assertThat(route("qingdao-2023", "FREELANCE", "HEALTH")).containsEntry("reviewerDepartment", "QD-WJW");
        // no employer, another series or none: the HR bureau that takes their title declaration
        assertThat(route("qingdao-2023", "FREELANCE", "")).containsEntry("reviewerKind", "BUREAU")
                .containsEntry("reviewerDepartment", "");
        assertThat(route("qingdao-2023", "FREELANCE", "ENGINEERING")).containsEntry("reviewerKind", "BUREAU");
        // with an employer, another series or none: the unit as before
        assertThat(route("qingdao-2023", "STATE_OWNED", "ENGINEERING")).containsEntry("reviewerKind", "UNIT")
                .containsEntry("reviewerDepartment", "");
        assertThat(route("qingdao-2023", "NON_PUBLIC", "")).containsEntry("reviewerKind", "UNIT");
        // the series is a Qingdao rule: elsewhere a health-series person is still reviewed as before
        assertThat(route("jilin-2026", "STATE_OWNED", "HEALTH")).containsEntry("reviewerKind", "UNIT");
        assertThat(route("anhui-2025", "NON_PUBLIC", "HEALTH")).containsEntry("reviewerKind", "BUREAU");
        assertThat(route("qingdao-2023", "STATE_OWNED", "HEALTH").get("basis").toString()).contains("五");
    }

    record Health(ClaimFixtures.Setup unit, String nurse, String commission, String education) {
    }

    private Health health() {
        ClaimFixtures.Setup s = fixtures.unit("青岛市海慈医院", UnitType.STATE_OWNED, "QINGDAO", "qingdao-2023");
        String nurse = users.member(s.unit(), "陈", "护士");
        directory.setTitleSeries(nurse, "HEALTH");
        String commission = users.user("wjw", "卫", "审核", Groups.REVIEWER);
        directory.addToDepartment(commission, "QD-WJW");
        String education = users.user("jyj", "教", "审核", Groups.REVIEWER);
        directory.addToDepartment(education, "QD-JYJ");
        return new Health(s, nurse, commission, education);
    }

    private Claim training(String employee) {
        return fixtures.submit(employee, ClaimFixtures.form(2026, "TRAINING", LocalDate.of(2026, 3, 2),
                Map.of("hours", "8", "days", "1", "subject", "PROFESSIONAL")));
    }

    private String taskOf(Claim claim) {
        return tasks.createTaskQuery().processInstanceId(claim.getProcessInstanceId()).taskDefinitionKey("reviewClaim")
                .singleResult().getId();
    }

    private static RequestPostProcessor reviewer(String id) {
        return user(id).roles(Groups.REVIEWER);
    }

    @Test
    void aHealthSeriesClaimIsReviewedByTheHealthCommissionThroughRegistration() {
        Health h = health();
        Claim claim = training(h.nurse());
        assertThat(claim.getStatus()).isEqualTo(ClaimStatus.IN_REVIEW);
        assertThat(claim.getReviewerKind()).isEqualTo("DEPARTMENT");
        assertThat(claim.getReviewerDepartment()).isEqualTo("QD-WJW");
        assertThat(tasks.createTaskQuery().taskCandidateUser(h.commission())
                .processInstanceId(claim.getProcessInstanceId()).count()).isEqualTo(1);
        assertThat(tasks.createTaskQuery().taskCandidateUser(h.unit().reviewer())
                .processInstanceId(claim.getProcessInstanceId()).count()).isZero();

        Claim approved = fixtures.approve(claim, h.commission());
        assertThat(approved.getStatus()).isEqualTo(ClaimStatus.IN_PUBLICITY);
        assertThat(approved.getDecidedBy()).isEqualTo(h.commission());
        assertThat(fixtures.endPublicity(approved).getStatus()).isEqualTo(ClaimStatus.REGISTERED);
    }

    @Test
    void aColleagueWithoutSeriesStaysWithTheUnit() {
        Health h = health();
        Claim claim = training(h.unit().employee());
        assertThat(claim.getReviewerKind()).isEqualTo("UNIT");
        assertThat(claim.getReviewerDepartment()).isNull();
        assertThat(access.canView(claim, currentUsers.load(h.commission()))).isFalse();
        assertThat(access.canView(claim, currentUsers.load(h.unit().reviewer()))).isTrue();
    }

    @Test
    void onlyTheDepartmentsReviewersSeeAndDecide() throws Exception {
        Health h = health();
        Claim claim = training(h.nurse());
        String task = taskOf(claim);
        assertThat(access.canView(claim, currentUsers.load(h.commission()))).isTrue();
        assertThat(access.canView(claim, currentUsers.load(h.unit().reviewer()))).isFalse();
        assertThat(access.canView(claim, currentUsers.load(h.education()))).isFalse();

        mvc.perform(get("/review").with(reviewer(h.commission())))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("/review/tasks/" + task)));
        mvc.perform(get("/review/tasks/{t}", task).with(reviewer(h.commission()))).andExpect(status().isOk());
        mvc.perform(get("/claims/{id}", claim.getId()).with(reviewer(h.commission()))).andExpect(status().isOk());

        // the unit's reviewer and another department's reviewer: not in the inbox, ids in URLs are not found
        for (String other : new String[] {h.unit().reviewer(), h.education()}) {
            mvc.perform(get("/review").with(reviewer(other)))
                    .andExpect(status().isOk())
                    .andExpect(content().string(not(containsString("/review/tasks/" + task))));
            mvc.perform(get("/review/tasks/{t}", task).with(reviewer(other))).andExpect(status().isNotFound());
            mvc.perform(post("/review/tasks/{t}/claim", task).with(reviewer(other)).with(csrf()))
                    .andExpect(status().isNotFound());
            mvc.perform(post("/review/tasks/{t}", task).param("decision", "APPROVE").with(reviewer(other)).with(csrf()))
                    .andExpect(redirectedUrl("/review"));
            mvc.perform(get("/claims/{id}", claim.getId()).with(reviewer(other))).andExpect(status().isNotFound());
        }
        assertThat(fixtures.reload(claim).getStatus()).isEqualTo(ClaimStatus.IN_REVIEW);

        mvc.perform(post("/review/tasks/{t}", task).param("decision", "APPROVE").with(reviewer(h.commission()))
                .with(csrf())).andExpect(status().is3xxRedirection());
        assertThat(fixtures.reload(claim).getStatus()).isEqualTo(ClaimStatus.IN_PUBLICITY);
    }

    @Test
    void aRowNamingADepartmentTheHierarchyLacksIsAnIncidentThatSaysSo() throws Exception {
        ClaimFixtures.Setup s = fixtures.unit("青岛市会计师事务所", UnitType.NON_PUBLIC, "QINGDAO", "qingdao-2023");
        String accountant = users.member(s.unit(), "钱", "会计");
        directory.setTitleSeries(accountant, "ACCOUNTING");
        // the row's department QD-CZJ, gone from the hierarchy (restored after): a misconfiguration
        Map<String, Object> dept = jdbc.queryForMap("SELECT * FROM xs_department WHERE code = 'QD-CZJ'");
        jdbc.update("DELETE FROM xs_department WHERE code = 'QD-CZJ'");
        try {
            assertThatThrownBy(() -> training(accountant))
                    .hasStackTraceContaining("审核路由（review-routing）指向的部门不存在：QD-CZJ");
            Claim claim = currentClaim(accountant);
            assertThat(claim.getStatus()).isNotEqualTo(ClaimStatus.IN_REVIEW);
            // the claimant's page still opens (no 500)
            mvc.perform(get("/claims/{id}", claim.getId()).with(user(accountant).roles(Groups.EMPLOYEE)))
                    .andExpect(status().isOk());
        } finally {
            jdbc.update("INSERT INTO xs_department (code, name_zh, jurisdiction, industry, level) VALUES (?, ?, ?, ?, ?)",
                    dept.get("CODE") != null ? dept.get("CODE") : dept.get("code"),
                    dept.get("NAME_ZH") != null ? dept.get("NAME_ZH") : dept.get("name_zh"),
                    "QINGDAO", "ACCOUNTING", "CITY");
        }
    }

    @Autowired
    ClaimRepository claims;

    private Claim currentClaim(String claimant) {
        return claims.findByClaimantOrderBySubmittedAtDesc(claimant).get(0);
    }

    @Test
    void titleSeriesIsRecordedAndCleared() {
        Unit unit = users.unit("青岛测试单位", UnitType.STATE_OWNED, "QINGDAO", "qingdao-2023");
        String p = users.member(unit, "林", "老师");
        assertThat(directory.titleSeriesOf(p)).isEmpty();
        directory.setTitleSeries(p, "EDUCATION");
        assertThat(directory.titleSeriesOf(p)).isEqualTo("EDUCATION");
        // a move of unit keeps the series (its own table, not the re-inserted unit link)
        directory.assignToUnit(p, users.unit("青岛另一单位", UnitType.STATE_OWNED, "QINGDAO", "qingdao-2023").getId());
        assertThat(directory.titleSeriesOf(p)).isEqualTo("EDUCATION");
        directory.setTitleSeries(p, " ");
        assertThat(directory.titleSeriesOf(p)).isEmpty();
    }
}
