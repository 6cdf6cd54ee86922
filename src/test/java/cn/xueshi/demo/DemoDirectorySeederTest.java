package cn.xueshi.demo;

import cn.xueshi.identity.Directory;
import cn.xueshi.identity.Groups;
import cn.xueshi.identity.Unit;
import cn.xueshi.identity.UnitRepository;
import cn.xueshi.identity.UnitType;
import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.support.IntegrationTest;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
class DemoDirectorySeederTest {

    @Autowired
    IdentityService identityService;
    @Autowired
    UnitRepository units;
    @Autowired
    Directory directory;

    @Test
    void demoDirectoryIsCompleteAndSeedingTwiceChangesNothing() {
        DemoDirectorySeeder seeder = new DemoDirectorySeeder(identityService, units, directory);
        seeder.seed();
        long users = identityService.createUserQuery().count();
        long unitCount = units.count();
        seeder.seed();
        assertThat(identityService.createUserQuery().count()).isEqualTo(users);
        assertThat(units.count()).isEqualTo(unitCount);

        for (String role : new String[] {"employee", "reviewer", "bureau", "analyst", "supervisor"}) {
            assertThat(identityService.checkPassword(role, "demo")).as(role + " signs in with demo").isTrue();
            assertThat(identityService.createUserQuery().userId(role).memberOfGroup(role).count()).isEqualTo(1);
        }
        assertThat(identityService.createUserQuery().memberOfGroup(Groups.EMPLOYEE).count()).isGreaterThanOrEqualTo(21);

        Set<Unit> demoUnits = DemoDirectorySeeder.UNITS.stream()
                .map(u -> units.findByCode(u.code()).orElseThrow()).collect(Collectors.toSet());
        assertThat(demoUnits).hasSizeGreaterThanOrEqualTo(6);
        assertThat(demoUnits.stream().map(Unit::getJurisdiction).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("JILIN", "QINGDAO", "YUXI", "ANHUI");
        assertThat(demoUnits.stream().map(Unit::getRuleSet).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("jilin-2026", "qingdao-2023", "yuxi-2024", "anhui-2025");
        assertThat(demoUnits.stream().map(Unit::getUnitType).collect(Collectors.toSet()))
                .contains(UnitType.STATE_OWNED, UnitType.NON_PUBLIC, UnitType.SOCIAL_ORG, UnitType.FREELANCE);

        assertThat(directory.unitOf("employee")).map(Unit::getCode).contains("JL01");
        assertThat(directory.displayName("employee")).isEqualTo("张伟");
        assertThat(directory.unitsReviewedBy("reviewer")).extracting(Unit::getCode).contains("JL01", "AH01");
        assertThat(directory.jurisdictionsOverseenBy("bureau")).containsExactly("JILIN");
        assertThat(directory.jurisdictionsOverseenBy("supervisor")).hasSize(4);
        for (DemoDirectorySeeder.DemoPerson p : DemoDirectorySeeder.EMPLOYEES) {
            assertThat(directory.unitOf(p.id())).as(p.id()).isPresent();
        }
    }
}
