package cn.xueshi.demo;

import cn.xueshi.claim.Claim;
import cn.xueshi.claim.ClaimItem;
import cn.xueshi.claim.ClaimRepository;
import cn.xueshi.identity.CurrentUser;
import cn.xueshi.identity.CurrentUserService;
import cn.xueshi.identity.Unit;
import cn.xueshi.title.TitleProof;
import cn.xueshi.title.TitleProofRepository;
import cn.xueshi.title.TitleProofs;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Demo title applications: 吴秀英 (青岛市市立医院, a doctor) applying in 2026 with registered hours 2022–2026 but
 * 2024 short, so her five-year window misses 5 × 90 (see /title); 赵磊 (长春新材料科技有限公司, an engineer) with a
 * 2026 继续教育学习证明 issued by the unit (see /title/proofs, /verify/{code}). Earlier years' hours are registered
 * as carried over from the earlier registration (one claim per year, the unit's adjusted hours). Idempotent by
 * submission key. 韩雪 moved from 吉林省人民医院 to 安徽省农业科学院 on 2025-07-01 (/admin/units/moves), with 2025
 * hours registered at each unit (January–June in Jilin, September–November in Anhui), so her split year shows in her
 * year view (the transfer-year-policy row of the year-end rule set), in both units' filing summaries and in the
 * title check.
 */
@Component
@Order(35)
@ConditionalOnProperty(name = "xueshi.demo-data.enabled", havingValue = "true")
class DemoTitleSeeder implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(DemoTitleSeeder.class);
    private static final String CARRIED = "历年登记学时迁入，按原登记认定";

    record DemoYear(String key, String employee, int year, String publicHours, String professionalHours,
            String title) {
    }

    static final List<DemoYear> YEARS = List.of(
            new DemoYear("demo-title-qd-2022", "wuxiuying", 2022, "30", "64", "2022年度继续教育（公需科目网络学习、临床进修）"),
            new DemoYear("demo-title-qd-2023", "wuxiuying", 2023, "32", "60", "2023年度继续教育（公需科目网络学习、学术会议）"),
            new DemoYear("demo-title-qd-2024", "wuxiuying", 2024, "30", "24", "2024年度继续教育（公需科目网络学习）"),
            new DemoYear("demo-title-qd-2025", "wuxiuying", 2025, "30", "66", "2025年度继续教育（公需科目网络学习、专科培训）"),
            new DemoYear("demo-title-qd-2026", "wuxiuying", 2026, "30", "60", "2026年度继续教育（公需科目网络学习、病例讨论）"),
            new DemoYear("demo-title-jl-2026", "zhaolei", 2026, "36", "60", "2026年度继续教育（公需科目、新材料工艺培训）"));

    private final ClaimRepository claims;
    private final CurrentUserService currentUsers;
    private final TitleProofs proofs;
    private final TitleProofRepository proofRepository;
    private final TaskService tasks;
    private final cn.xueshi.identity.Directory directory;
    private final cn.xueshi.identity.UnitRepository units;
    private final cn.xueshi.rules.RecognitionService recognition;

    DemoTitleSeeder(ClaimRepository claims, CurrentUserService currentUsers, TitleProofs proofs,
            TitleProofRepository proofRepository, TaskService tasks, cn.xueshi.identity.Directory directory,
            cn.xueshi.identity.UnitRepository units, cn.xueshi.rules.RecognitionService recognition) {
        this.recognition = recognition;
        this.directory = directory;
        this.units = units;
        this.claims = claims;
        this.currentUsers = currentUsers;
        this.proofs = proofs;
        this.proofRepository = proofRepository;
        this.tasks = tasks;
    }

    @Override
    public void run(ApplicationArguments args) {
        try {
            for (DemoYear y : YEARS) {
                if (claims.findBySubmissionKey(y.key()).isEmpty()) {
                    registered(y);
                }
            }
            if (proofRepository.findBySubmissionKey("demo-title-proof-jl").isEmpty()) {
                TitleProof p = proofs.request(currentUsers.load("zhaolei"), 2026, "demo-title-proof-jl");
                Task task = tasks.createTaskQuery().processInstanceId(p.getProcessInstanceId()).singleResult();
                proofs.decide(task.getId(), currentUsers.load("reviewer"), "ISSUE", null);
            }
            Unit jilin = units.findByCode("JL01").orElseThrow();
            Unit anhui = units.findByCode("AH01").orElseThrow();
            if (directory.memberships("hanxue").size() == 1
                    && directory.unitOf("hanxue").map(u -> u.getId().equals(jilin.getId())).orElse(false)) {
                directory.moveToUnit("hanxue", anhui.getId(), LocalDate.of(2025, 7, 1), "admin");
            }
            if (directory.unitOf("hanxue").map(u -> u.getId().equals(anhui.getId())).orElse(false)) {
                // idempotent by submission key, also for a demo database seeded before these claims existed
                registeredAt(jilin, new DemoYear("demo-move-jl-2025", "hanxue", 2025, "20", "30",
                        "2025年上半年继续教育（吉林省人民医院登记）"), LocalDate.of(2025, 3, 1), LocalDate.of(2025, 6, 20));
                registeredAt(anhui, new DemoYear("demo-move-ah-2025", "hanxue", 2025, "12", "34",
                        "2025年下半年继续教育（安徽省农业科学院登记）"), LocalDate.of(2025, 9, 1), LocalDate.of(2025, 11, 20));
            }
        } catch (RuntimeException e) {
            LOG.warn("Demo title applications not created: {}", e.getMessage());
        }
    }

    private void registered(DemoYear y) {
        CurrentUser me = currentUsers.load(y.employee());
        Unit unit = me.unit().orElseThrow();
        Claim c = new Claim(me.userId(), unit.getId(), unit.getRuleSet(), y.year(), y.title(), y.key());
        save(c, y, LocalDate.of(y.year(), 3, 1), LocalDate.of(y.year(), 11, 30));
    }

    /** A registered claim of the unit the person belonged to then, priced by that unit's rule set of the year. */
    private void registeredAt(Unit unit, DemoYear y, LocalDate from, LocalDate to) {
        if (claims.findBySubmissionKey(y.key()).isPresent()) {
            return;
        }
        String ruleSet = recognition.ruleSetFor(unit, y.year()).orElse(unit.getRuleSet());
        save(new Claim(y.employee(), unit.getId(), ruleSet, y.year(), y.title(), y.key()), y, from, to);
    }

    private void save(Claim c, DemoYear y, LocalDate from, LocalDate to) {
        c.replaceItems(List.of(new ClaimItem("TRAINING", "{}", y.title(), from, to)), y.title());
        c.approve("reviewer", new BigDecimal(y.publicHours()), new BigDecimal(y.professionalHours()), CARRIED);
        c.register();
        claims.save(c);
    }
}
