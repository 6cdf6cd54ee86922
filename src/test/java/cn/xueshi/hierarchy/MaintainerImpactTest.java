package cn.xueshi.hierarchy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.xueshi.hierarchy.DerivedRuleSet.OwnerKind;
import cn.xueshi.identity.Groups;
import cn.xueshi.identity.Unit;
import cn.xueshi.identity.UnitRepository;
import cn.xueshi.identity.UnitType;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

/**
 * 影响预览 over the owner's own members: the draft against the rules in force, over the approved claims of the year of
 * the unit's (or the department's units') members — people affected, hours per subject before → after, compliance
 * that changes — and never anyone of another unit, even with claims priced by the same parent.
 */
@IntegrationTest
class MaintainerImpactTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ClaimFixtures claims;
    @Autowired
    HierarchyFixtures fixtures;
    @Autowired
    TestUsers users;
    @Autowired
    UnitRepository units;
    @Autowired
    JdbcTemplate jdbc;

    void approved(String employee, String reviewer, String type, Map<String, String> params) {
        claims.approve(claims.submit(employee, ClaimFixtures.form(2026, type, LocalDate.of(2026, 4, 1), params)), reviewer);
    }

    Unit inDepartment(Unit unit, Department dept) {
        unit.assignDepartment(dept.getCode(), "HEALTH");
        return units.save(unit);
    }

    String impact(String key, String me, String year) throws Exception {
        return mvc.perform(get("/rule-sets/" + key + "/impact").param("year", year).with(user(me).roles(Groups.RULE_MAINTAINER)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    @Test
    void theDraftIsComparedOverTheOwnersMembersOnly() throws Exception {
        Department dept = fixtures.department("JILIN", Department.Level.PROVINCIAL);
        ClaimFixtures.Setup hospital = claims.unit("影响测试医院", UnitType.STATE_OWNED, "JILIN", "jilin-2026");
        inDepartment(hospital.unit(), dept);
        String doctor = users.member(hospital.unit(), "孙", "医生");
        // 公需 30, 专业 30 + 论文 26 = 56: 86 of 90, short; the draft's 30 for the paper makes 90
        approved(doctor, hospital.reviewer(), "TRAINING", Map.of("hours", "30", "subject", "PUBLIC"));
        approved(doctor, hospital.reviewer(), "TRAINING", Map.of("hours", "30", "subject", "PROFESSIONAL"));
        approved(doctor, hospital.reviewer(), "PAPER", Map.of("role", "FIRST_AUTHOR", "journal", "PROVINCIAL"));
        // a colleague without papers: in the count, not affected
        approved(hospital.employee(), hospital.reviewer(), "TRAINING", Map.of("hours", "10", "subject", "PUBLIC"));
        // another department's hospital, priced by the same reference
        Department other = fixtures.department("JILIN", Department.Level.PROVINCIAL);
        ClaimFixtures.Setup elsewhere = claims.unit("别处医院", UnitType.STATE_OWNED, "JILIN", "jilin-2026");
        inDepartment(elsewhere.unit(), other);
        String stranger = users.member(elsewhere.unit(), "周", "外人");
        approved(stranger, elsewhere.reviewer(), "PAPER", Map.of("role", "FIRST_AUTHOR", "journal", "PROVINCIAL"));

        Delta paper30 = Delta.empty().withChange(new Delta.Change("items", "jl-paper-3", "base", "30"));
        String unitKey = fixtures.drafted(OwnerKind.UNIT, String.valueOf(hospital.unit().getId()), "jilin-2026", paper30);
        String unitMaintainer = users.user("rm", "冯", "人事", Groups.RULE_MAINTAINER);
        jdbc.update("INSERT INTO xs_rule_maintainer (user_id, owner_kind, owner_code) VALUES (?, 'UNIT', ?)", unitMaintainer,
                String.valueOf(hospital.unit().getId()));

        String html = impact(unitKey, unitMaintainer, "2026");
        assertThat(html).contains("id=\"impact-people\">2<").contains("id=\"impact-affected\">1<")
                .contains("id=\"impact-compliance\">1<").contains("孙医生").contains("56 → 60").contains("86 → 90")
                .contains("否 → 是").contains("40 → 40").doesNotContain("周外人").doesNotContain("别处医院");
        assertThat(html).contains("86 → 90");

        // the department's set reads all its units' members, and still nobody else's
        Unit second = inDepartment(claims.unit("影响测试二院", UnitType.STATE_OWNED, "JILIN", "jilin-2026").unit(), dept);
        String nurse = users.member(second, "陈", "护士");
        String secondReviewer = users.reviewerOf(second, "吕", "审核");
        approved(nurse, secondReviewer, "PAPER", Map.of("role", "FIRST_AUTHOR", "journal", "PROVINCIAL"));
        String deptKey = fixtures.drafted(OwnerKind.DEPARTMENT, dept.getCode(), "jilin-2026", paper30);
        String deptMaintainer = users.user("rm", "韩", "处长", Groups.RULE_MAINTAINER);
        jdbc.update("INSERT INTO xs_rule_maintainer (user_id, owner_kind, owner_code) VALUES (?, 'DEPARTMENT', ?)",
                deptMaintainer, dept.getCode());
        html = impact(deptKey, deptMaintainer, "2026");
        assertThat(html).contains("id=\"impact-people\">3<").contains("id=\"impact-affected\">2<").contains("孙医生")
                .contains("陈护士").doesNotContain("周外人");

        // a year out of range: the message beside the field with what was typed, no 500
        html = impact(deptKey, deptMaintainer, "1999");
        assertThat(html).contains("请输入").contains("之间的年度").contains("value=\"1999\"");
        assertThat(impact(deptKey, deptMaintainer, "abc")).contains("之间的年度").contains("value=\"abc\"");
        // the other department's maintainer: 404 on this set's impact
        String otherMaintainer = users.user("rm", "杨", "别处", Groups.RULE_MAINTAINER);
        jdbc.update("INSERT INTO xs_rule_maintainer (user_id, owner_kind, owner_code) VALUES (?, 'DEPARTMENT', ?)",
                otherMaintainer, other.getCode());
        mvc.perform(get("/rule-sets/" + deptKey + "/impact").with(user(otherMaintainer).roles(Groups.RULE_MAINTAINER)))
                .andExpect(status().isNotFound());
    }
}
