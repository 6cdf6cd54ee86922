package cn.xueshi.demo;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.claim.ClaimForm;
import cn.xueshi.claim.ClaimValidation;
import cn.xueshi.claim.ItemForm;
import cn.xueshi.identity.Directory;
import cn.xueshi.identity.Unit;
import cn.xueshi.identity.UnitRepository;
import cn.xueshi.selfstudy.ArchiveEvent;
import cn.xueshi.selfstudy.SelfStudyArchive;
import cn.xueshi.selfstudy.SelfStudyArchives;
import cn.xueshi.support.IntegrationTest;
import java.time.LocalDate;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.validation.BeanPropertyBindingResult;

/** The demo Jilin hospital keeps a self-study archive from 2026-01-01, so 张伟's demo self-study claim is accepted. */
@IntegrationTest
class DemoSelfStudySeederTest {

    @Autowired
    IdentityService identityService;
    @Autowired
    UnitRepository units;
    @Autowired
    Directory directory;
    @Autowired
    SelfStudyArchives archives;
    @Autowired
    ClaimValidation validation;

    @Test
    void theJilinDemoHospitalGetsItsArchiveOnceAndItsSelfStudyCounts() {
        new DemoDirectorySeeder(identityService, units, directory).seed();
        DemoSelfStudySeeder seeder = new DemoSelfStudySeeder(archives, units);
        seeder.seed();
        seeder.seed();
        Unit hospital = units.findByCode("JL01").orElseThrow();
        SelfStudyArchive archive = archives.of(hospital.getId()).orElseThrow();
        assertThat(archive.establishedFrom()).isEqualTo(LocalDate.of(2026, 1, 1));
        assertThat(archive.establishedBy()).isEqualTo("reviewer");
        assertThat(archive.open()).isTrue();
        assertThat(archives.events(hospital.getId())).extracting(ArchiveEvent::kind)
                .containsExactly(ArchiveEvent.Kind.ESTABLISHED);

        // demo claim 05 (张伟, 个人自学 on 2026-05-20) passes the check the seeder of claims runs
        ClaimForm form = new ClaimForm();
        form.setYear(2026);
        form.setPledge(true);
        ItemForm item = new ItemForm();
        item.setActivityType("SELF_STUDY");
        item.setActivityDate(LocalDate.of(2026, 5, 20));
        item.getParams().put("hours", "20");
        form.getItems().add(item);
        BeanPropertyBindingResult errors = new BeanPropertyBindingResult(form, "claimForm");
        assertThat(validation.validate(form, hospital, errors)).isPresent();
        assertThat(errors.getAllErrors()).isEmpty();
    }
}
