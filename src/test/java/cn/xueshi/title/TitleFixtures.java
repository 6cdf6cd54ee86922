package cn.xueshi.title;

import cn.xueshi.claim.Claim;
import cn.xueshi.claim.ClaimRepository;
import cn.xueshi.identity.Unit;
import cn.xueshi.makeup.MakeupRequest;
import cn.xueshi.makeup.MakeupRequestRepository;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Registered hours for a year without running the lifecycle: a claim approved with adjusted hours (the
 * reviewer's final word, counted as such by the year view) and registered; an approved reduction.
 */
@Component
class TitleFixtures {

    private final ClaimRepository claims;
    private final MakeupRequestRepository makeups;

    TitleFixtures(ClaimRepository claims, MakeupRequestRepository makeups) {
        this.claims = claims;
        this.makeups = makeups;
    }

    Claim registered(String employee, Unit unit, String ruleSet, int year, String pub, String prof) {
        return registered(employee, unit, ruleSet, year, pub, prof, null);
    }

    /** {@code makeupFor}: the claim is registered in {@code year} but marked 补学 for that earlier year. */
    Claim registered(String employee, Unit unit, String ruleSet, int year, String pub, String prof, Integer makeupFor) {
        Claim c = new Claim(employee, unit.getId(), ruleSet, year, "测试学时 " + year, UUID.randomUUID().toString());
        c.approve("reviewer", new BigDecimal(pub), new BigDecimal(prof), "测试：按登记学时认定");
        c.register();
        c.countFor(makeupFor);
        return claims.save(c);
    }

    /** An approved reduction (减免) of {@code year}'s requirement. */
    void reduction(String employee, Unit unit, String ruleSet, int year, String pub, String prof) {
        MakeupRequest r = new MakeupRequest(employee, unit.getId(), ruleSet, year, UUID.randomUUID().toString());
        r.describe(MakeupRequest.Reason.ILLNESS, LocalDate.of(year, 3, 1), LocalDate.of(year, 6, 30), "住院治疗",
                MakeupRequest.Remedy.REDUCTION, new BigDecimal(pub), new BigDecimal(prof), "测试");
        r.approve("reviewer", new BigDecimal(pub), new BigDecimal(prof), "同意");
        makeups.save(r);
    }
}
