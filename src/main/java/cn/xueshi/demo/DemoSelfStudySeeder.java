package cn.xueshi.demo;

import cn.xueshi.identity.Unit;
import cn.xueshi.identity.UnitRepository;
import cn.xueshi.selfstudy.SelfStudyArchives;
import java.time.LocalDate;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo Jilin hospital (JL01, 吉林省人民医院) keeps a self-study archive from 2026-01-01, established by its
 * reviewer 李娜, so its people's 个人自学 counts (吉林 附件 二（九）); the other Jilin demo units keep none, so theirs is
 * refused. Before the claims (order 20): demo claim 05 is a self-study claim of 张伟. Idempotent.
 */
@Component
@Order(15)
@ConditionalOnProperty(name = "xueshi.demo-data.enabled", havingValue = "true")
class DemoSelfStudySeeder implements ApplicationRunner {

    static final String UNIT = "JL01";
    static final LocalDate FROM = LocalDate.of(2026, 1, 1);

    private final SelfStudyArchives archives;
    private final UnitRepository units;

    DemoSelfStudySeeder(SelfStudyArchives archives, UnitRepository units) {
        this.archives = archives;
        this.units = units;
    }

    @Override
    public void run(ApplicationArguments args) {
        seed();
    }

    void seed() {
        Unit unit = units.findByCode(UNIT).orElse(null);
        if (unit == null || archives.of(unit.getId()).isPresent()) {
            return;
        }
        archives.establish(unit.getId(), unit.getCode(), FROM, "人事科保管；按《吉林省人民医院继续教育实施细则》认定自学学时",
                "reviewer", null);
    }
}
