package cn.xueshi.demo;

import cn.xueshi.filing.FilingService;
import cn.xueshi.filing.UnitFiling;
import cn.xueshi.filing.UnitFilingRepository;
import cn.xueshi.identity.CurrentUserService;
import cn.xueshi.identity.UnitRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Demo filings after the demo claims: 青岛市市立医院 2026 filed by the Qingdao bureau, and
 * 吉林省人民医院 2026 being compiled. Idempotent: a unit and year is filed once.
 */
@Component
@Order(30)
@ConditionalOnProperty(name = "xueshi.demo-data.enabled", havingValue = "true")
class DemoFilingSeeder implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(DemoFilingSeeder.class);

    private final FilingService filings;
    private final UnitFilingRepository repository;
    private final UnitRepository units;
    private final CurrentUserService currentUsers;

    DemoFilingSeeder(FilingService filings, UnitFilingRepository repository, UnitRepository units,
            CurrentUserService currentUsers) {
        this.filings = filings;
        this.repository = repository;
        this.units = units;
        this.currentUsers = currentUsers;
    }

    @Override
    public void run(ApplicationArguments args) {
        try {
            units.findByCode("QD01").ifPresent(unit -> {
                if (repository.findByUnitIdAndYear(unit.getId(), 2026).isEmpty()) {
                    UnitFiling filing = filings.start(unit.getId(), 2026, currentUsers.load("reviewer"));
                    filings.submit(filing.getId(), currentUsers.load("reviewer"));
                    filings.verify(filing.getId(), currentUsers.load("bureauqd"), true, "材料齐全，同意备案");
                }
            });
            units.findByCode("JL01").ifPresent(unit -> {
                if (repository.findByUnitIdAndYear(unit.getId(), 2026).isEmpty()) {
                    filings.start(unit.getId(), 2026, currentUsers.load("reviewer"));
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("Demo filings not created: {}", e.getMessage());
        }
    }
}
