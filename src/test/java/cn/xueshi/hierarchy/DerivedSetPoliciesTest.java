package cn.xueshi.hierarchy;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.claim.Claim;
import cn.xueshi.claim.RegistrationPolicy;
import cn.xueshi.hierarchy.DerivedRuleSet.OwnerKind;
import cn.xueshi.identity.Directory;
import cn.xueshi.identity.Groups;
import cn.xueshi.identity.Unit;
import cn.xueshi.makeup.HardshipPolicy;
import cn.xueshi.makeup.MakeupRequest;
import cn.xueshi.rules.PolicyRuleSets;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import cn.xueshi.title.TitleApplication;
import cn.xueshi.title.TitleCheck;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A claim priced by a department's or unit's derived set follows its jurisdiction's procedures: the policy tables
 * have rows per reference set and a default row, and the derived key used to fall to the default. Found in the
 * demo: 王芳 of 青岛市市立医院 (health series, 市卫生健康委's set) was reviewed by her unit, not by 市卫生健康委
 * (青岛 五), and her title check covered one year instead of 青岛 四's five.
 */
@IntegrationTest
class DerivedSetPoliciesTest {

    @Autowired
    HierarchyFixtures fixtures;
    @Autowired
    ClaimFixtures claims;
    @Autowired
    TestUsers users;
    @Autowired
    Directory directory;
    @Autowired
    TitleCheck titles;
    @Autowired
    HardshipPolicy hardship;
    @Autowired
    RegistrationPolicy registration;
    @Autowired
    PolicyRuleSets policyRuleSets;
    @Autowired
    cn.xueshi.claim.PolicyInputRepair repair;
    @Autowired
    org.camunda.bpm.engine.RepositoryService repository;
    @Autowired
    org.springframework.test.web.servlet.MockMvc mvc;
    @Autowired
    org.camunda.bpm.engine.TaskService tasks;

    /** A unit under a department whose derived set of {@code reference} is filed from 2026-01-01. */
    record Derived(Unit unit, String departmentSet, String unitSet) {
    }

    Derived derived(String jurisdiction, String reference, Delta delta) {
        Department dept = fixtures.department(jurisdiction, Department.Level.CITY);
        String departmentSet = fixtures.filed(OwnerKind.DEPARTMENT, dept.getCode(), reference, delta,
                LocalDate.of(2026, 1, 1));
        Unit unit = fixtures.unit(jurisdiction, reference, dept);
        String unitSet = fixtures.filed(OwnerKind.UNIT, String.valueOf(unit.getId()), departmentSet, Delta.empty(),
                LocalDate.of(2026, 1, 1));
        return new Derived(unit, departmentSet, unitSet);
    }

    /** A Qingdao hospital under 市卫生健康委's derived set: training capped at 6 hours a day. */
    Derived qingdaoHealth() {
        return derived("QINGDAO", "qingdao-2023", Delta.empty()
                .withChange(new Delta.Change("items", "qd-training-1", "dailyHourCap", "6")));
    }

    String healthNurse(Derived d, String lastName) {
        String nurse = users.member(d.unit(), lastName, "护士");
        directory.setTitleSeries(nurse, "HEALTH");
        return nurse;
    }

    String commissionReviewer() {
        String commission = users.user("wjw", "卫", "审核", Groups.REVIEWER);
        directory.addToDepartment(commission, "QD-WJW");
        return commission;
    }

    Claim training(String nurse) {
        return claims.submit(nurse, ClaimFixtures.form(2026, "TRAINING", LocalDate.of(2026, 3, 2),
                Map.of("hours", "8", "days", "1", "subject", "PROFESSIONAL")));
    }

    @Test
    void aQingdaoHealthClaimPricedByADerivedSetGoesToTheCommissionAndTheTitleWindowIsFiveYears() throws Exception {
        Derived d = qingdaoHealth();
        String nurse = healthNurse(d, "陈");
        String commission = commissionReviewer();

        Claim claim = training(nurse);
        assertThat(claim.getRuleSet()).isEqualTo(d.unitSet());
        assertThat(claim.getProposedHours()).isEqualByComparingTo("6"); // the derived set's own rate priced it
        Claim routed = claims.reload(claim);
        assertThat(routed.getReviewerKind()).isEqualTo("DEPARTMENT");
        assertThat(routed.getReviewerDepartment()).isEqualTo("QD-WJW");

        // the pages name the set it was filed under (no bundle knows a derived key)
        String name = "测试规则集" + d.unitSet();
        for (String page : new String[] {"/claims/" + claim.getId(), "/claims/new", "/title"}) {
            assertThat(HierarchyFixtures.page(mvc, page, nurse, Groups.EMPLOYEE)).as(page).contains(name)
                    .doesNotContain("??ruleSet.");
        }
        String task = tasks.createTaskQuery().processInstanceId(claim.getProcessInstanceId())
                .taskDefinitionKey("reviewClaim").singleResult().getId();
        assertThat(HierarchyFixtures.page(mvc, "/review/tasks/" + task, commission, Groups.REVIEWER)).contains(name)
                .doesNotContain("??ruleSet.");

        TitleApplication check = titles.check(nurse, d.unit(), 2026, null, null);
        assertThat(check.ruleSet()).isEqualTo(d.unitSet());
        assertThat(check.window()).containsExactly(2022, 2023, 2024, 2025, 2026);
        assertThat(check.clause()).contains("青人社字〔2023〕14号 四");
    }

    /**
     * A Qingdao health claim of a derived set that the earlier lifecycle routed to its unit (the default row) is
     * moved to the shipped lifecycle at start-up and routed again: 市卫生健康委's reviewers get the task, the unit's
     * lose it, the history says so — once.
     */
    @Test
    void aClaimTheEarlierLifecycleRoutedByTheDefaultRowIsRoutedAgainOnce() throws Exception {
        Derived d = qingdaoHealth();
        String nurse = healthNurse(d, "吴");
        String unitReviewer = users.user("rvu", "单", "位", Groups.REVIEWER);
        directory.assignReviewer(unitReviewer, d.unit().getId());
        String commission = commissionReviewer();

        String shipped;
        try (java.io.InputStream in = getClass().getResourceAsStream("/bpmn/claim-lifecycle.bpmn")) {
            shipped = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        var old = repository.createDeployment().name("claim-lifecycle before PolicyRuleSets").addString(
                "claim-lifecycle.bpmn", shipped.replace("${policyRuleSets.of(ruleSet)}", "${ruleSet}")).deploy();
        boolean restored = false;
        try {
            Claim claim = training(nurse);
            assertThat(claims.reload(claim).getReviewerKind()).as("the bug").isEqualTo("UNIT");

            repository.createDeployment().name("claim-lifecycle shipped").addString("claim-lifecycle.bpmn", shipped)
                    .deploy();
            restored = true;
            List<String> moved = repair.migrate();
            assertThat(moved).contains(claim.getProcessInstanceId());
            assertThat(repair.reroute(moved)).isGreaterThanOrEqualTo(1);
            Claim rerouted = claims.reload(claim);
            assertThat(rerouted.getReviewerKind()).isEqualTo("DEPARTMENT");
            assertThat(rerouted.getReviewerDepartment()).isEqualTo("QD-WJW");
            org.camunda.bpm.engine.task.Task task = tasks.createTaskQuery()
                    .processInstanceId(claim.getProcessInstanceId()).taskDefinitionKey("reviewClaim").singleResult();
            assertThat(tasks.createTaskQuery().taskId(task.getId()).taskCandidateUser(commission).count()).isOne();
            assertThat(tasks.createTaskQuery().taskId(task.getId()).taskCandidateUser(unitReviewer).count()).isZero();
            assertThat(HierarchyFixtures.page(mvc, "/claims/" + claim.getId(), nurse, Groups.EMPLOYEE))
                    .contains("按所在地规则重新确定审核方");
            assertThat(repair.reroute(repair.migrate())).isZero(); // once
        } finally {
            repository.deleteDeployment(old.getId(), true);
            if (!restored) {
                repository.createDeployment().addString("claim-lifecycle.bpmn", shipped).deploy();
            }
        }
    }

    @Test
    void aJilinHospitalsStaffMayAskForMakeUpAndAnAnhuiUnitDeclaresOnceAYear() {
        Derived jilin = derived("JILIN", "jilin-2026", HierarchyFixtures.medicalEducation("dsp"));
        assertThat(policyRuleSets.of(jilin.unitSet())).isEqualTo("jilin-2026");
        assertThat(hardship.of(jilin.unitSet(), MakeupRequest.Reason.ILLNESS, MakeupRequest.Remedy.MAKEUP).allowed())
                .isTrue();
        assertThat(hardship.of(jilin.unitSet(), MakeupRequest.Reason.ILLNESS, MakeupRequest.Remedy.MAKEUP))
                .isEqualTo(hardship.of("jilin-2026", MakeupRequest.Reason.ILLNESS, MakeupRequest.Remedy.MAKEUP));

        Derived anhui = derived("ANHUI", "anhui-2025", Delta.empty());
        assertThat(registration.of(anhui.departmentSet())).isEqualTo(registration.of("anhui-2025"));
        assertThat(registration.of(anhui.unitSet()).annualDeclaration()).isTrue();
        assertThat(registration.of(anhui.unitSet()).withdrawable()).isFalse();
        // a reference set and no set at all are asked as they are
        assertThat(policyRuleSets.of("yuxi-2024")).isEqualTo("yuxi-2024");
        assertThat(policyRuleSets.of(null)).isNull();
    }
}
