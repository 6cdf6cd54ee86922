package cn.xueshi.demo;

import cn.xueshi.collective.ActivityService;
import cn.xueshi.collective.UnitActivity;
import cn.xueshi.identity.CurrentUser;
import cn.xueshi.identity.CurrentUserService;
import cn.xueshi.identity.Groups;
import cn.xueshi.identity.Unit;
import cn.xueshi.identity.UnitOrganisers;
import cn.xueshi.identity.UnitRepository;
import cn.xueshi.importing.ImportJob;
import cn.xueshi.importing.ImportKind;
import cn.xueshi.importing.ImportService;
import cn.xueshi.importing.People;
import cn.xueshi.provider.Provider;
import cn.xueshi.provider.Providers;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Issue 14's demo data: a 消防安全培训 at 吉林省人民医院 with the unit's members on its roster, the provider
 * 吉林省专业技术人员继续教育基地 (account {@code provider}) with a reported class, and a history import of 2024–2025
 * for several demo people. Each part runs once (it looks for what it made before).
 */
@Component
@Order(40)
@ConditionalOnProperty(name = "xueshi.demo-data.enabled", havingValue = "true")
class DemoImportSeeder implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(DemoImportSeeder.class);
    static final String FIRE_DRILL = "消防安全培训";
    static final String PROVIDER_CODE = "JLJXJY";
    static final String HISTORY_FILE = "吉林省继续教育平台导出（2024—2025）.xlsx";

    private final ActivityService activities;
    private final ImportService imports;
    private final Providers providers;
    private final People people;
    private final UnitRepository units;
    private final CurrentUserService currentUsers;
    private final IdentityService identity;
    private final JdbcTemplate jdbc;
    private final UnitOrganisers organisers;

    DemoImportSeeder(ActivityService activities, ImportService imports, Providers providers, People people,
            UnitRepository units, CurrentUserService currentUsers, IdentityService identity, JdbcTemplate jdbc,
            UnitOrganisers organisers) {
        this.organisers = organisers;
        this.activities = activities;
        this.imports = imports;
        this.providers = providers;
        this.people = people;
        this.units = units;
        this.currentUsers = currentUsers;
        this.identity = identity;
        this.jdbc = jdbc;
    }

    @Override
    public void run(ApplicationArguments args) {
        LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
        try {
            fireDrill();
            organiser();
            provider();
            history();
        } finally {
            LocaleContextHolder.resetLocaleContext();
        }
    }

    private void fireDrill() {
        Unit hospital = units.findByCode("JL01").orElseThrow();
        CurrentUser organiser = currentUsers.load("reviewer");
        boolean made = activities.activitiesOf(organiser).stream().anyMatch(a -> a.getTitle().equals(FIRE_DRILL));
        if (made) {
            return;
        }
        UnitActivity drill = activities.create(new ActivityService.ActivityDraft(hospital.getId(), FIRE_DRILL,
                "UNIT_ACTIVITY", Map.of("minutes", "120"), LocalDate.of(2026, 11, 9), "吉林省人民医院保卫科"), organiser);
        for (People.Person p : people.membersOf(hospital.getId())) {
            activities.enroll(drill, p.userId(), p.unit(), Map.of(), organiser);
        }
        LOG.info("Demo: {} with {} attendees", FIRE_DRILL, activities.roster(drill).size());
    }

    /** 单位活动组织者 {@code organiser} (孙悦, 保卫科) at 吉林省人民医院: activities and rosters, no review. */
    private void organiser() {
        if (identity.createUserQuery().userId("organiser").count() == 0) {
            User u = identity.newUser("organiser");
            u.setLastName("孙");
            u.setFirstName("悦");
            u.setEmail("organiser@demo.xueshi.example");
            u.setPassword(DemoDirectorySeeder.PASSWORD);
            identity.saveUser(u);
        }
        organisers.grant("organiser", units.findByCode("JL01").orElseThrow().getId(), "admin");
    }

    private void provider() {
        if (providers.byCode(PROVIDER_CODE).isPresent()) {
            return;
        }
        if (identity.createUserQuery().userId("provider").count() == 0) {
            User u = identity.newUser("provider");
            u.setLastName("吉林省专业技术人员继续教育基地");
            u.setFirstName("");
            u.setEmail("provider@demo.xueshi.example");
            u.setPassword(DemoDirectorySeeder.PASSWORD);
            identity.saveUser(u);
        }
        Provider p = providers.register(PROVIDER_CODE, "吉林省专业技术人员继续教育基地",
                List.of("TRAINING", "ADVANCED_SEMINAR"), List.of("JILIN"), "bureau");
        providers.addAccount(p.id(), "provider");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String who : List.of("employee", "liuyang", "yangfan")) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("userId", who);
            row.put("date", "2026-10-15");
            row.put("title", "2026年度专业技术人员专业科目培训班（第一期）");
            row.put("item", new LinkedHashMap<>(Map.of("activityType", "TRAINING", "hours", 24, "days", 3)));
            rows.add(row);
        }
        ImportJob job = imports.start(ImportKind.PROVIDER_REPORT, rows, "2026年第一期培训班结业名单.xlsx", Map.of(), false,
                currentUsers.load("provider"));
        LOG.info("Demo: provider report {} ({} claims)", job.status(), job.createdRecords());
    }

    private void history() {
        Integer done = jdbc.queryForObject("SELECT COUNT(*) FROM xs_import WHERE file_name = ? AND status = 'COMMITTED'",
                Integer.class, HISTORY_FILE);
        if (done != null && done > 0) {
            return;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String who : List.of("employee", "liuyang", "chenjing")) {
            for (int year : List.of(2024, 2025)) {
                rows.add(hours(who, year, year + "-12-20", year + "年度公需科目（吉林省平台）", 30, 0));
                rows.add(hours(who, year, year + "-12-20", year + "年度专业科目（吉林省平台）", 0, year == 2024 ? 64 : 58));
            }
        }
        for (String who : List.of("huangmin", "zhouqiang")) {
            for (int year : List.of(2024, 2025)) {
                Map<String, Object> row = hours(who, year, year + "-06-18", year + "年度公需科目网络课程", 24, 0);
                row.put("item", new LinkedHashMap<>(Map.of("activityType", "PUBLIC_COURSE", "hours", 24)));
                rows.add(row);
                rows.add(hours(who, year, year + "-09-05", year + "年度专业技术人员业务培训", 0, 60));
            }
        }
        ImportJob job = imports.start(ImportKind.HISTORY, rows, HISTORY_FILE, Map.of(), false,
                currentUsers.load("admin"));
        LOG.info("Demo: history import {} ({} records)", job.status(), job.createdRecords());
    }

    private static Map<String, Object> hours(String who, int year, String date, String title, int pub, int prof) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("userId", who);
        row.put("year", year);
        row.put("date", date);
        row.put("title", title);
        row.put("source", who.startsWith("h") || who.startsWith("z") ? "青岛市市立医院继续教育台账" : "吉林省专业技术人员继续教育平台导出");
        row.put("publicHours", pub);
        row.put("professionalHours", prof);
        return row;
    }
}
