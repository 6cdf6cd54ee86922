package cn.xueshi.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.dashboard.ComplianceQueries.PersonRow;
import cn.xueshi.dashboard.ComplianceQueries.UnitRow;
import cn.xueshi.hierarchy.Delta;
import cn.xueshi.hierarchy.Department;
import cn.xueshi.hierarchy.DepartmentRepository;
import cn.xueshi.hierarchy.DerivedRuleSet.OwnerKind;
import cn.xueshi.hierarchy.Derivations;
import cn.xueshi.hierarchy.RuleSetVersion;
import cn.xueshi.identity.Unit;
import cn.xueshi.identity.UnitRepository;
import cn.xueshi.rules.RecognitionService;
import cn.xueshi.rules.Requirement;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The dashboards judge a person by their effective rule set's requirement: a department's filed set that raises
 * the annual total (参考 三（三）：从其规定) makes 90 hours short for its units' people, while a unit of the same
 * jurisdiction without such a set still complies with them. Units and the people of a unit agree.
 */
@IntegrationTest
class EffectiveRequirementDashboardTest {

    static final int YEAR = 2026;

    @Autowired DashboardService dashboards;
    @Autowired ComplianceQueries compliance;
    @Autowired DashboardFixture fx;
    @Autowired DepartmentRepository departments;
    @Autowired UnitRepository units;
    @Autowired Derivations derivations;
    @Autowired RecognitionService recognition;
    @Autowired EffectiveRequirements effective;
    @Autowired TestUsers users;

    @Test
    void aDepartmentsRaisedTotalDecidesForItsUnitsOnly() {
        Requirement reference = dashboards.requirement("JILIN", YEAR).orElseThrow();
        String code = ("DR" + TestUsers.uniqueId("")).toUpperCase();
        Department dept = departments.save(new Department(code, "看板测试卫健委" + code, "JILIN", "HEALTH",
                Department.Level.PROVINCIAL));
        BigDecimal raised = reference.total().add(BigDecimal.TEN);
        String key = ("dr-" + TestUsers.uniqueId("")).toLowerCase();
        derivations.create(key, "看板测试办法" + key, OwnerKind.DEPARTMENT, dept.getCode(), "jilin-2026", "tester");
        derivations.edit(key, d -> d.withChange(new Delta.Change("facts", "jl-facts", "requiredTotal",
                raised.toPlainString())), "tester", "总学时要求提高");
        RuleSetVersion v = derivations.submit(key, "行业要求更高", "测试〔2026〕5号", LocalDate.of(2026, 1, 1), "tester");
        derivations.file(v.getId(), null, "同意备案", "tester");

        Unit health = fx.unit("看板卫生院");
        health.assignDepartment(dept.getCode(), "HEALTH");
        units.save(health);
        Unit plain = fx.unit("看板普通单位");
        String nurse = fx.member(health, "卫", "护士");
        String clerk = fx.member(plain, "普", "职员");
        // exactly the reference's requirement: enough for the reference, ten short of the department's
        BigDecimal pub = reference.publicMin();
        BigDecimal prof = reference.total().subtract(pub);
        LocalDateTime at = LocalDateTime.of(YEAR, 3, 2, 10, 0);
        fx.claim(health, nurse, YEAR, null, "REGISTERED", pub, prof, at, at.plusDays(14));
        fx.claim(plain, clerk, YEAR, null, "REGISTERED", pub, prof, at, at.plusDays(14));

        assertThat(recognition.requirement(recognition.ruleSetFor(health, YEAR).orElseThrow(), YEAR).orElseThrow()
                .total()).isEqualByComparingTo(raised);
        LocalDate today = LocalDate.of(YEAR, 6, 1);
        Map<String, Requirement> byJurisdiction = Map.of("JILIN", reference);
        UnitRow h = compliance.units(new DashboardScope(YEAR, Set.of("JILIN"), health.getId()), byJurisdiction, today)
                .get(0);
        UnitRow p = compliance.units(new DashboardScope(YEAR, Set.of("JILIN"), plain.getId()), byJurisdiction, today)
                .get(0);
        assertThat(h.judged()).isEqualTo(1);
        assertThat(h.compliant()).isZero();
        assertThat(p.judged()).isEqualTo(1);
        assertThat(p.compliant()).isEqualTo(1);

        List<PersonRow> people = dashboards.people(new DashboardScope(YEAR, Set.of("JILIN"), health.getId()));
        assertThat(people).extracting(PersonRow::userId, PersonRow::compliant).containsExactly(
                org.assertj.core.groups.Tuple.tuple(nurse, false));
        assertThat(dashboards.people(new DashboardScope(YEAR, Set.of("JILIN"), plain.getId())))
                .extracting(PersonRow::compliant).containsExactly(true);

        // one unit's override, read alone for its people page, is the one the year's overrides give it
        for (Unit u : List.of(health, plain)) {
            assertThat(effective.ofUnit(YEAR, u.getId(), u.getJurisdiction(), u.getDepartmentCode()))
                    .isEqualTo(effective.of(YEAR).of(u.getId(), u.getDepartmentCode()));
        }

        // ten more hours meet the department's requirement too
        fx.claim(health, nurse, YEAR, null, "REGISTERED", BigDecimal.ZERO, BigDecimal.TEN, at, at.plusDays(20));
        assertThat(compliance.units(new DashboardScope(YEAR, Set.of("JILIN"), health.getId()), byJurisdiction, today)
                .get(0).compliant()).isEqualTo(1);
    }

    @Test
    void aUnitsOwnRaisedTotalDecidesForItsPeopleAndAgreesWithTheYearsOverrides() {
        Requirement reference = dashboards.requirement("JILIN", YEAR).orElseThrow();
        Unit hospital = fx.unit("看板自有细则医院");
        BigDecimal raised = reference.total().add(BigDecimal.valueOf(20));
        String key = ("ur-" + TestUsers.uniqueId("")).toLowerCase();
        derivations.create(key, "看板测试细则" + key, OwnerKind.UNIT, String.valueOf(hospital.getId()), "jilin-2026",
                "tester");
        derivations.edit(key, d -> d.withChange(new Delta.Change("facts", "jl-facts", "requiredTotal",
                raised.toPlainString())), "tester", "总学时要求提高");
        RuleSetVersion v = derivations.submit(key, "单位要求更高", "测试〔2026〕6号", LocalDate.of(2026, 1, 1), "tester");
        derivations.file(v.getId(), null, "同意备案", "tester");
        String doctor = fx.member(hospital, "细", "医生");
        LocalDateTime at = LocalDateTime.of(YEAR, 3, 2, 10, 0);
        fx.claim(hospital, doctor, YEAR, null, "REGISTERED", reference.publicMin(),
                reference.total().subtract(reference.publicMin()), at, at.plusDays(14));

        assertThat(effective.ofUnit(YEAR, hospital.getId(), hospital.getJurisdiction(), hospital.getDepartmentCode()))
                .isEqualTo(effective.of(YEAR).of(hospital.getId(), hospital.getDepartmentCode()))
                .hasValueSatisfying(r -> assertThat(r.total()).isEqualByComparingTo(raised));
        assertThat(dashboards.people(new DashboardScope(YEAR, Set.of("JILIN"), hospital.getId())))
                .extracting(PersonRow::compliant).containsExactly(false);
        DashboardScope one = new DashboardScope(YEAR, Set.of("JILIN"), hospital.getId());
        assertThat(compliance.units(one, Map.of("JILIN", reference), LocalDate.of(YEAR, 6, 1)))
                .extracting(UnitRow::judged, UnitRow::compliant).containsExactly(org.assertj.core.groups.Tuple.tuple(1L, 0L));
        // the same unit among the jurisdiction's, judged by the year's overrides, alike
        assertThat(compliance.units(new DashboardScope(YEAR, Set.of("JILIN"), null), Map.of("JILIN", reference),
                        LocalDate.of(YEAR, 6, 1)).stream().filter(u -> u.unitId() == hospital.getId()))
                .extracting(UnitRow::judged, UnitRow::compliant).containsExactly(org.assertj.core.groups.Tuple.tuple(1L, 0L));

        // twenty more hours meet the unit's requirement (and leave the shared database agreeing with a recount by the
        // jurisdiction's requirement, which RollupRecountTest compares the whole of JILIN with)
        fx.claim(hospital, doctor, YEAR, null, "REGISTERED", BigDecimal.ZERO, BigDecimal.valueOf(20), at, at.plusDays(20));
        assertThat(dashboards.people(one)).extracting(PersonRow::compliant).containsExactly(true);
    }

    /**
     * A province's overview reads only the filed sets of its units and their departments: a raising set of a unit of
     * QINGDAO is not among JILIN's overrides (the whole country's have it), while a JILIN unit's own set is, and it
     * judges that unit among the province's units.
     */
    @Test
    void onlyTheSetsFiledInsideTheScopeAreReadAndTheyApply() {
        Requirement reference = dashboards.requirement("JILIN", YEAR).orElseThrow();
        BigDecimal raised = reference.total().add(BigDecimal.valueOf(30));
        Unit inside = fx.unit("看板省内细则单位");
        Unit outside = users.unit("看板省外细则单位" + TestUsers.uniqueId("-"), cn.xueshi.identity.UnitType.STATE_OWNED,
                "QINGDAO", "qingdao-2023");
        for (Unit owner : List.of(inside, outside)) {
            String key = ("sc-" + TestUsers.uniqueId("")).toLowerCase();
            derivations.create(key, "看板范围细则" + key, OwnerKind.UNIT, String.valueOf(owner.getId()), "jilin-2026", "tester");
            derivations.edit(key, d -> d.withChange(new Delta.Change("facts", "jl-facts", "requiredTotal",
                    raised.toPlainString())), "tester", "总学时要求提高");
            RuleSetVersion v = derivations.submit(key, "单位要求更高", "测试〔2026〕8号", LocalDate.of(2026, 1, 1), "tester");
            derivations.file(v.getId(), null, "同意备案", "tester");
        }
        String worker = fx.member(inside, "范", "职工");
        LocalDateTime at = LocalDateTime.of(YEAR, 3, 2, 10, 0);
        fx.claim(inside, worker, YEAR, null, "REGISTERED", reference.publicMin(),
                reference.total().subtract(reference.publicMin()), at, at.plusDays(14));

        DashboardScope jilin = new DashboardScope(YEAR, Set.of("JILIN"), null);
        EffectiveRequirements.Overrides scoped = effective.of(jilin);
        assertThat(scoped.byUnit()).doesNotContainKey(outside.getId())
                .hasEntrySatisfying(inside.getId(), r -> assertThat(r.total()).isEqualByComparingTo(raised));
        assertThat(effective.of(YEAR).byUnit()).containsKey(outside.getId());
        // the province's overrides are the whole country's for every unit of the province
        EffectiveRequirements.Overrides all = effective.of(YEAR);
        for (Unit u : units.findAll()) {
            if ("JILIN".equals(u.getJurisdiction())) {
                assertThat(scoped.of(u.getId(), u.getDepartmentCode())).as(u.getName())
                        .isEqualTo(all.of(u.getId(), u.getDepartmentCode()));
            }
        }
        assertThat(compliance.units(jilin, Map.of("JILIN", reference), LocalDate.of(YEAR, 6, 1)).stream()
                        .filter(u -> u.unitId() == inside.getId()))
                .extracting(UnitRow::judged, UnitRow::compliant).containsExactly(org.assertj.core.groups.Tuple.tuple(1L, 0L));

        // thirty more hours meet the unit's requirement (the shared database agrees with RollupRecountTest's recount)
        fx.claim(inside, worker, YEAR, null, "REGISTERED", BigDecimal.ZERO, BigDecimal.valueOf(30), at, at.plusDays(20));
        assertThat(compliance.units(jilin, Map.of("JILIN", reference), LocalDate.of(YEAR, 6, 1)).stream()
                        .filter(u -> u.unitId() == inside.getId()))
                .extracting(UnitRow::compliant).containsExactly(1L);
    }
}
