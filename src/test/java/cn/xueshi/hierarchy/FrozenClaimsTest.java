package cn.xueshi.hierarchy;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.claim.Claim;
import cn.xueshi.hierarchy.DerivedRuleSet.OwnerKind;
import cn.xueshi.identity.Unit;
import cn.xueshi.identity.UnitRepository;
import cn.xueshi.identity.UnitType;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** A claim is priced by the unit's effective filed set and keeps the key and version that priced it. */
@IntegrationTest
class FrozenClaimsTest {

    @Autowired
    ClaimFixtures claims;
    @Autowired
    HierarchyFixtures fixtures;
    @Autowired
    Derivations derivations;
    @Autowired
    UnitRepository units;
    @Autowired
    JdbcTemplate jdbc;

    Map<String, Object> item(Claim claim) {
        return jdbc.queryForMap("SELECT hours, decision_key, decision_version FROM xs_claim_item WHERE claim_id = ?",
                claim.getId());
    }

    Claim paper(String employee) {
        return claims.submit(employee, ClaimFixtures.form(2026, "PAPER", LocalDate.of(2026, 4, 1),
                Map.of("role", "FIRST_AUTHOR", "journal", "PROVINCIAL")));
    }

    @Test
    void claimsFreezeTheDerivedSetVersionThatPricedThem() {
        Department dept = fixtures.department("JILIN", Department.Level.PROVINCIAL);
        ClaimFixtures.Setup s = claims.unit("冻结测试医院", UnitType.STATE_OWNED, "JILIN", "jilin-2026");
        Unit unit = s.unit();
        unit.assignDepartment(dept.getCode(), "HEALTH");
        units.save(unit);
        String key = fixtures.filed(OwnerKind.DEPARTMENT, dept.getCode(), "jilin-2026",
                Delta.empty().withChange(new Delta.Change("items", "jl-paper-3", "base", "30")), LocalDate.of(2026, 1, 1));

        Claim first = claims.approve(paper(s.employee()), s.reviewer());
        assertThat(first.getRuleSet()).isEqualTo(key);
        assertThat(first.getApprovedHours()).isEqualByComparingTo("30");
        Map<String, Object> frozen = item(first);
        assertThat(frozen.get("decision_key")).isEqualTo(key + "-items");

        derivations.edit(key, d -> d.withChange(new Delta.Change("items", "jl-paper-3", "base", "28")), "tester", "v2");
        RuleSetVersion v2 = derivations.submit(key, "修订", "文号", LocalDate.of(2026, 1, 1), "tester");
        derivations.file(v2.getId(), null, null, "tester");

        Claim second = paper(s.employee());
        assertThat(second.getProposedHours()).isEqualByComparingTo("28");
        assertThat(((Number) item(second).get("decision_version")).intValue())
                .isEqualTo(((Number) frozen.get("decision_version")).intValue() + 1);
        // the approved claim is untouched by the newer filing
        assertThat(claims.reload(first).getApprovedHours()).isEqualByComparingTo("30");
        assertThat(item(first)).isEqualTo(frozen);
        assertThat(new BigDecimal(item(first).get("hours").toString())).isEqualByComparingTo("30");
    }
}
