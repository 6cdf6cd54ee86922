package cn.xueshi.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.xueshi.claim.Claim;
import cn.xueshi.dashboard.ClaimFlowQueries.Holder;
import cn.xueshi.dashboard.ClaimFlowQueries.StepBacklog;
import cn.xueshi.dashboard.ClaimFlowQueries.StepTime;
import cn.xueshi.dashboard.ClaimFlowQueries.Week;
import cn.xueshi.dashboard.ComplianceQueries.HoursByType;
import cn.xueshi.dashboard.ComplianceQueries.PersonRow;
import cn.xueshi.dashboard.ComplianceQueries.UnitRow;
import cn.xueshi.identity.Directory;
import cn.xueshi.identity.Groups;
import cn.xueshi.identity.Unit;
import cn.xueshi.identity.UnitType;
import cn.xueshi.rules.Requirement;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Every dashboard aggregate against a hand-built fixture: unit A (three people, all compliant — one through an
 * approved reduction, one through a make-up claim), unit B (one person, short of hours), unit C (real claims in
 * review on the engine, one overdue, with an incident and a failed job). Queries are scoped to these units.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardTest {

    static final int YEAR = 2026;

    @Autowired cn.xueshi.system.RequestLimits requestLimits;
    @Autowired DashboardService dashboards;
    @Autowired ClaimFlowQueries flow;
    @Autowired ComplianceQueries compliance;
    @Autowired DashboardFixture fx;
    @Autowired ClaimFixtures claims;
    @Autowired TestUsers users;
    @Autowired Directory directory;
    @Autowired TaskService tasks;
    @Autowired RuntimeService runtime;
    @Autowired ManagementService management;
    @Autowired MockMvc mvc;

    Requirement req;
    Unit a;
    Unit b;
    ClaimFixtures.Setup c;
    String p1;
    String p2;
    String p3;
    String p4;
    long c1;
    String jilinSupervisor;
    String qingdaoSupervisor;

    static BigDecimal h(long n) {
        return BigDecimal.valueOf(n);
    }

    static LocalDateTime at(int month, int day) {
        return LocalDateTime.of(YEAR, month, day, 10, 0);
    }

    @BeforeAll
    void fixture() {
        req = dashboards.requirement("JILIN", YEAR).orElseThrow();
        BigDecimal pub = req.publicMin();
        BigDecimal prof = req.total().subtract(pub);
        a = fx.unit("看板医院甲");
        b = fx.unit("看板医院乙");
        p1 = fx.member(a, "甲", "一");
        p2 = fx.member(a, "甲", "二");
        p3 = fx.member(a, "甲", "三");
        p4 = fx.member(b, "乙", "四");

        c1 = fx.claim(a, p1, YEAR, null, "REGISTERED", pub, prof, at(3, 2), at(3, 18));
        long c2 = fx.claim(a, p2, YEAR, null, "FILED", pub, prof.subtract(h(10)), at(3, 3), at(3, 20));
        long c3 = fx.claim(a, p3, YEAR, null, "REGISTERED", pub, prof.subtract(h(20)), at(3, 9), at(3, 25));
        long c4 = fx.claim(a, p3, YEAR + 1, YEAR, "REGISTERED", h(0), h(20), LocalDateTime.of(YEAR + 1, 1, 5, 9, 0),
                LocalDateTime.of(YEAR + 1, 1, 20, 9, 0));
        long c5 = fx.claim(a, p3, YEAR, null, "IN_REVIEW", null, null, at(3, 10), null);
        long c6 = fx.claim(a, p1, YEAR, null, "RETURNED", null, null, at(3, 10), null);
        long c7 = fx.claim(b, p4, YEAR, null, "FILED", h(10), h(10), at(3, 4), at(3, 19));
        fx.claim(b, p4, YEAR, null, "REJECTED", null, null, at(3, 4), null);

        for (long id : new long[] {c1, c2, c3}) {
            fx.item(id, "TRAINING", pub, h(0));
        }
        fx.item(c1, "PROFESSIONAL_EXCHANGE", h(0), prof);
        fx.item(c2, "PROFESSIONAL_EXCHANGE", h(0), prof.subtract(h(10)));
        fx.item(c3, "PROFESSIONAL_EXCHANGE", h(0), prof.subtract(h(20)));
        fx.item(c4, "PROFESSIONAL_EXCHANGE", h(0), h(20));
        fx.item(c5, "PAPER", h(0), h(50));
        fx.item(c7, "TRAINING", h(10), h(10));

        fx.objection(c1, "UPHELD");
        fx.objection(c2, "DISMISSED");
        fx.objection(c3, "OPEN");
        fx.objection(c3, "UPHELD");
        fx.objection(c7, "UPHELD");

        fx.reduction(a, p2, YEAR, "APPROVED", h(0), h(10));
        fx.reduction(b, p4, YEAR, "SUBMITTED", h(30), h(60));
        fx.obligation(a, p2, YEAR, LocalDate.of(2026, 1, 31), "OPEN");
        fx.obligation(a, p2, YEAR, LocalDate.of(2099, 1, 31), "OPEN");
        fx.obligation(a, p2, YEAR, LocalDate.of(2026, 1, 31), "FULFILLED");
        fx.filing(a, YEAR - 1, "FILED", LocalDate.of(YEAR, 3, 31));
        fx.filing(b, YEAR - 1, "SUBMITTED", LocalDate.of(YEAR, 3, 31));

        fx.historicTask(c1, "reviewClaim", 1L);
        fx.historicTask(c2, "reviewClaim", 2L);
        fx.historicTask(c3, "reviewClaim", 3L);
        fx.historicTask(c6, "reviewClaim", 4L);
        fx.historicTask(c1, "handleObjection", 5L);
        fx.historicTask(c4, "reviewClaim", 100L);
        fx.historicTask(c5, "reviewClaim", null);

        c = claims.unit("看板医院丙" + TestUsers.uniqueId("-"), UnitType.STATE_OWNED, "JILIN", "jilin-2026");
        Claim overdue = claims.exchange(c.employee(), 2);
        claims.exchange(c.employee(), 3);
        Task task = tasks.createTaskQuery().processInstanceId(overdue.getProcessInstanceId()).singleResult();
        task.setDueDate(Date.from(LocalDateTime.now().minusDays(3).atZone(java.time.ZoneId.systemDefault()).toInstant()));
        tasks.saveTask(task);
        runtime.createIncident("dashboardTest", task.getExecutionId(), "看板测试");
        Job timer = management.createJobQuery().processInstanceId(overdue.getProcessInstanceId()).list().get(0);
        management.setJobRetries(timer.getId(), 0);

        jilinSupervisor = users.user("sup", "吉", "监督", Groups.SUPERVISOR);
        directory.assignOversight(jilinSupervisor, "JILIN");
        qingdaoSupervisor = users.user("sup", "青", "监督", Groups.SUPERVISOR);
        directory.assignOversight(qingdaoSupervisor, "QINGDAO");
    }

    DashboardScope unit(Unit u) {
        return new DashboardScope(YEAR, Set.of("JILIN"), u.getId());
    }

    @Test
    void claimsByStateCountTheYearsClaimsOfTheUnit() {
        Map<String, Long> a2026 = flow.claimsByState(unit(a));
        assertThat(a2026).containsEntry("REGISTERED", 2L).containsEntry("FILED", 1L).containsEntry("IN_REVIEW", 1L)
                .containsEntry("RETURNED", 1L).containsEntry("REJECTED", 0L).containsEntry("SUBMITTED", 0L);
        assertThat(flow.claimsByState(unit(b))).containsEntry("FILED", 1L).containsEntry("REJECTED", 1L);
        assertThat(flow.claimsByState(new DashboardScope(YEAR + 1, null, a.getId()))).containsEntry("REGISTERED", 1L);
    }

    @Test
    void throughputCountsSubmittedAndRegisteredPerWeekStartingMonday() {
        assertThat(flow.throughput(unit(a))).containsExactly(
                new Week(LocalDate.of(2026, 3, 2), 2, 0),
                new Week(LocalDate.of(2026, 3, 9), 3, 0),
                new Week(LocalDate.of(2026, 3, 16), 0, 2),
                new Week(LocalDate.of(2026, 3, 23), 0, 1));
    }

    @Test
    void stepTimesGiveCountMeanAndP90OfFinishedTasksOfTheYear() {
        List<StepTime> steps = flow.stepTimes(unit(a));
        assertThat(steps).extracting(StepTime::taskKey).containsExactly("handleObjection", "reviewClaim");
        StepTime review = steps.get(1);
        assertThat(review.count()).isEqualTo(4);
        assertThat(review.meanHours()).isEqualByComparingTo("2.5");
        assertThat(review.p90Hours()).isEqualByComparingTo("4");
        assertThat(steps.get(0).count()).isEqualTo(1);
        assertThat(steps.get(0).meanHours()).isEqualByComparingTo("5");
    }

    @Test
    void objectionsByOutcome() {
        assertThat(flow.objections(unit(a))).containsExactly(Map.entry("OPEN", 1L), Map.entry("DISMISSED", 1L),
                Map.entry("UPHELD", 2L));
    }

    @Test
    void complianceCountsReductionsAndMakeupClaims() {
        LocalDate today = LocalDate.of(2026, 6, 1);
        UnitRow ua = compliance.units(unit(a), Map.of("JILIN", req), today).get(0);
        assertThat(ua.persons()).isEqualTo(3);
        assertThat(ua.judged()).isEqualTo(3);
        assertThat(ua.compliant()).isEqualTo(3);
        assertThat(ua.compliantShare()).isEqualTo(100.0);
        assertThat(ua.openObligations()).isEqualTo(2);
        assertThat(ua.overdueObligations()).isEqualTo(1);
        UnitRow ub = compliance.units(unit(b), Map.of("JILIN", req), today).get(0);
        assertThat(ub.persons()).isEqualTo(1);
        assertThat(ub.compliant()).isZero();
        assertThat(ub.openObligations()).isZero();
        UnitRow unjudged = compliance.units(unit(a), Map.of(), today).get(0);
        assertThat(unjudged.judged()).isZero();
        assertThat(unjudged.compliantShare()).isNull();
    }

    @Test
    void filingStatusAgainstItsDeadline() {
        DashboardScope lastYear = new DashboardScope(YEAR - 1, Set.of("JILIN"), null);
        LocalDate afterDeadline = LocalDate.of(YEAR, 4, 1);
        UnitRow ua = compliance.units(new DashboardScope(YEAR - 1, Set.of("JILIN"), a.getId()), Map.of(), afterDeadline).get(0);
        UnitRow ub = compliance.units(new DashboardScope(YEAR - 1, Set.of("JILIN"), b.getId()), Map.of(), afterDeadline).get(0);
        assertThat(ua.filingStatus()).isEqualTo("FILED");
        assertThat(ua.filingOverdue(afterDeadline)).isFalse();
        assertThat(ub.filingStatus()).isEqualTo("SUBMITTED");
        assertThat(ub.filingOverdue(afterDeadline)).isTrue();
        assertThat(ub.filingOverdue(LocalDate.of(YEAR, 3, 31))).isFalse();
        assertThat(lastYear.year()).isEqualTo(YEAR - 1);
    }

    @Test
    void hoursByActivityTypeFromCountedClaimsOnly() {
        BigDecimal pub = req.publicMin();
        BigDecimal prof = req.total().subtract(pub);
        List<HoursByType> hours = compliance.hoursByType(unit(a));
        assertThat(hours).extracting(HoursByType::activityType).containsExactly("PROFESSIONAL_EXCHANGE", "TRAINING");
        assertThat(hours.get(0).items()).isEqualTo(4);
        assertThat(hours.get(0).professionalHours()).isEqualByComparingTo(prof.multiply(h(3)).subtract(h(10)));
        assertThat(hours.get(1).items()).isEqualTo(3);
        assertThat(hours.get(1).publicHours()).isEqualByComparingTo(pub.multiply(h(3)));
        assertThat(hours.get(1).professionalHours()).isEqualByComparingTo("0");
    }

    @Test
    void peopleOfAUnitWithTheirHoursAndReductions() {
        List<PersonRow> people = compliance.people(unit(a), req);
        assertThat(people).hasSize(3).allMatch(p -> Boolean.TRUE.equals(p.compliant()));
        PersonRow second = people.stream().filter(p -> p.userId().equals(p2)).findFirst().orElseThrow();
        assertThat(second.name()).isEqualTo("甲二");
        assertThat(second.reducedProfessional()).isEqualByComparingTo("10");
        PersonRow third = people.stream().filter(p -> p.userId().equals(p3)).findFirst().orElseThrow();
        assertThat(third.claims()).isEqualTo(2);
        assertThat(third.professionalHours()).isEqualByComparingTo(req.total().subtract(req.publicMin()));
        assertThat(compliance.people(unit(b), req).get(0).compliant()).isFalse();
        assertThat(compliance.claimsOf(p3, YEAR)).hasSize(3);
    }

    @Test
    void backlogHoldersAndProcessHealthFromTheEngine() {
        LocalDateTime now = LocalDateTime.now();
        assertThat(flow.backlog(unit(c.unit()), now)).containsExactly(new StepBacklog("reviewClaim", 2, 1));
        assertThat(flow.holders(unit(c.unit()), now, 20)).containsExactly(new Holder(c.reviewer(), 2, 1));
        ClaimFlowQueries.ProcessHealth health = flow.health(unit(c.unit()));
        assertThat(health.failedJobs()).isEqualTo(1);
        assertThat(health.incidents()).isEqualTo(2);  // the one raised and the failed job's
        assertThat(flow.health(unit(a)).incidents()).isZero();
    }

    @Test
    void aSupervisorSeesOnlyTheJurisdictionsOverseenAndAnEmployeeIsForbidden() throws Exception {
        mvc.perform(get("/dashboard").param("year", "2026").param("unit", String.valueOf(a.getId()))
                        .with(user(jilinSupervisor).roles(Groups.SUPERVISOR)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(a.getName())))
                .andExpect(content().string(containsString("chart-states")));
        mvc.perform(get("/dashboard").param("unit", String.valueOf(a.getId()))
                        .with(user(qingdaoSupervisor).roles(Groups.SUPERVISOR)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/dashboard").param("jurisdiction", "JILIN").with(user(qingdaoSupervisor).roles(Groups.SUPERVISOR)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/dashboard").with(user(qingdaoSupervisor).roles(Groups.SUPERVISOR)))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString(a.getName()))));
        mvc.perform(get("/dashboard/units/{id}", a.getId()).with(user(qingdaoSupervisor).roles(Groups.SUPERVISOR)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/dashboard/units/{id}/people/{p}", a.getId(), p1).with(user(qingdaoSupervisor).roles(Groups.SUPERVISOR)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/dashboard/export.xlsx").param("unit", String.valueOf(a.getId()))
                        .with(user(qingdaoSupervisor).roles(Groups.SUPERVISOR)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/dashboard").with(user(p1).roles(Groups.EMPLOYEE))).andExpect(status().isForbidden());
        mvc.perform(get("/dashboard/export.xlsx").with(user(p1).roles(Groups.EMPLOYEE))).andExpect(status().isForbidden());
    }

    @Test
    void drillDownFromUnitToPersonToClaim() throws Exception {
        mvc.perform(get("/dashboard/units/{id}", a.getId()).param("year", "2026")
                        .with(user(jilinSupervisor).roles(Groups.SUPERVISOR)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("甲二")))
                .andExpect(content().string(containsString("/dashboard/units/" + a.getId() + "/people/" + p1)));
        mvc.perform(get("/dashboard/units/{id}/people/{p}", a.getId(), p1).param("year", "2026")
                        .with(user(jilinSupervisor).roles(Groups.SUPERVISOR)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("/claims/" + c1)));
        mvc.perform(get("/dashboard/units/{id}/people/{p}", a.getId(), p4).with(user(jilinSupervisor).roles(Groups.SUPERVISOR)))
                .andExpect(status().isNotFound());
        String admin = users.user("adm", "管", "理", Groups.ADMIN);
        mvc.perform(get("/dashboard/units/{id}", b.getId()).with(user(admin).roles(Groups.ADMIN)))
                .andExpect(status().isOk());
    }

    @Test
    void exportReadsBackWithTheViewsNumbers() throws Exception {
        byte[] body = mvc.perform(get("/dashboard/export.xlsx").param("year", "2026").param("unit", String.valueOf(a.getId()))
                        .with(user(jilinSupervisor).roles(Groups.SUPERVISOR)))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(body))) {
            Sheet states = wb.getSheet("学时登记状态");
            assertThat(cell(states, "登记完成", 1)).isEqualTo("2.0");
            assertThat(cell(states, "已备案", 1)).isEqualTo("1.0");
            Sheet units = wb.getSheet("各单位达标、备案与补学");
            assertThat(units.getPhysicalNumberOfRows()).isEqualTo(2);
            Row row = units.getRow(1);
            assertThat(row.getCell(1).getStringCellValue()).isEqualTo(a.getName());
            assertThat(row.getCell(3).getNumericCellValue()).isEqualTo(3.0);
            assertThat(row.getCell(5).getNumericCellValue()).isEqualTo(3.0);
            assertThat(row.getCell(10).getNumericCellValue()).isEqualTo(2.0);
            Sheet steps = wb.getSheet("各步骤用时（小时）");
            assertThat(cell(steps, "单位审核", 2)).isEqualTo("2.5");
        }
        byte[] people = mvc.perform(get("/dashboard/units/{id}/export.xlsx", a.getId()).param("year", "2026")
                        .with(user(jilinSupervisor).roles(Groups.SUPERVISOR)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(people))) {
            Sheet sheet = wb.getSheetAt(0);
            assertThat(sheet.getPhysicalNumberOfRows()).isEqualTo(4);
            assertThat(cell(sheet, "甲二", 6)).isEqualTo("10.0");
        }
    }

    /** The cell in column {@code col} of the row whose first cell reads {@code first}, as text. */
    static String cell(Sheet sheet, String first, int col) {
        for (Row r : sheet) {
            if (r.getCell(0) != null && first.equals(r.getCell(0).toString())) {
                return r.getCell(col).toString();
            }
        }
        throw new AssertionError(first + " not in " + sheet.getSheetName());
    }

    @Test
    void theUnitsTableIsSearchedSortedAndPagedAndSaysWhatIsWrongBesideTheField() throws Exception {
        mvc.perform(get("/dashboard").param("year", "2026").param("jurisdiction", "JILIN").param("q", a.getName())
                        .with(user(jilinSupervisor).roles(Groups.SUPERVISOR)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("data-unit=\"" + a.getId() + "\"")))
                .andExpect(content().string(not(containsString("data-unit=\"" + b.getId() + "\""))))
                .andExpect(content().string(containsString("id=\"units-pager\"")));
        mvc.perform(get("/dashboard").param("jurisdiction", "JILIN").param("sort", "bogus").param("page", "x")
                        .param("q", "没有这个单位" + "甲".repeat(requestLimits.maxSearchLength()))
                        .with(user(jilinSupervisor).roles(Groups.SUPERVISOR)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("没有这种排序方式，已按达标率由低到高排列")))
                .andExpect(content().string(containsString("页码须为 1 至 1000000 之间的整数")))
                .andExpect(content().string(containsString("请输入不超过 100 个字的单位名称或代码")));
        mvc.perform(get("/dashboard").param("jurisdiction", "JILIN").param("q", "没有这个单位")
                        .with(user(jilinSupervisor).roles(Groups.SUPERVISOR)))
                .andExpect(status().isOk()).andExpect(content().string(containsString("没有符合条件的单位")));
    }

    @Test
    void aScopeWithMoreUnitsThanTheDropDownTakesGetsTheSearchInstead() throws Exception {
        int max = dashboards.unitChoicesMax();
        try {
            org.springframework.test.util.ReflectionTestUtils.setField(dashboards, "unitChoicesMax", 100_000);
            mvc.perform(get("/dashboard").param("jurisdiction", "JILIN").with(user(jilinSupervisor).roles(Groups.SUPERVISOR)))
                    .andExpect(status().isOk())
                    .andExpect(content().string(containsString("<select class=\"form-select\" id=\"unit\"")));
            org.springframework.test.util.ReflectionTestUtils.setField(dashboards, "unitChoicesMax", 1);
            mvc.perform(get("/dashboard").param("jurisdiction", "JILIN").param("unit", String.valueOf(a.getId()))
                            .with(user(jilinSupervisor).roles(Groups.SUPERVISOR)))
                    .andExpect(status().isOk())
                    .andExpect(content().string(not(containsString("id=\"unit\""))))
                    .andExpect(content().string(containsString("在“各单位”表中查找")))
                    // the chosen unit stays chosen through the filter form
                    .andExpect(content().string(containsString("name=\"unit\" value=\"" + a.getId() + "\"")));
        } finally {
            org.springframework.test.util.ReflectionTestUtils.setField(dashboards, "unitChoicesMax", max);
        }
    }
}
