package cn.xueshi.importing;

import cn.xueshi.collective.ActivityService;
import cn.xueshi.collective.UnitActivity;
import cn.xueshi.identity.CurrentUser;
import cn.xueshi.identity.CurrentUserService;
import cn.xueshi.identity.Directory;
import cn.xueshi.identity.Unit;
import cn.xueshi.identity.UnitType;
import cn.xueshi.support.TestUsers;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Rows per second of the import engine, dry run and commit: a 10,000-row history import (items re-evaluated by the
 * rules) and a 1,000-person activity roster (one claim and process instance each). The engine runs in the calling
 * thread here (background threshold lifted) so the clock measures the work, not the polling. See BENCHMARK.md.
 * Run: ./mvnw test -Pbenchmark -Ppostgres -Dpg.url=jdbc:postgresql://127.0.0.1:5432/own_db -Dtest=ImportBenchmark
 */
@Tag("benchmark")
@cn.xueshi.support.IntegrationTest
class ImportBenchmark {

    static final int HISTORY_ROWS = Integer.getInteger("bench.historyRows", 10_000);
    static final int ROSTER = Integer.getInteger("bench.roster", 1_000);

    @Autowired
    TestUsers users;
    @Autowired
    Directory directory;
    @Autowired
    CurrentUserService currentUsers;
    @Autowired
    ImportJobs jobs;
    @Autowired
    ImportProperties properties;
    @Autowired
    ObjectMapper json;
    @Autowired
    MessageSource messages;
    @Autowired
    PlatformTransactionManager tx;
    @Autowired
    List<ImportHandler> handlers;
    @Autowired
    ActivityService activities;

    ImportService engine() {
        ImportProperties inline = new ImportProperties(properties.maxFileBytes(), properties.maxRows(),
                Integer.MAX_VALUE, properties.progressEvery(), properties.reportLines(), properties.maxTextLength());
        return new ImportService(handlers, jobs, inline, json, messages, tx);
    }

    @Test
    void historyAndRoster() {
        LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
        ImportService engine = engine();
        CurrentUser admin = currentUsers.load(users.user("adm", "管", "理", "camunda-admin"));
        Unit unit = users.unit("基准医院", UnitType.STATE_OWNED, "QINGDAO", "qingdao-2023");
        List<String> people = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            people.add(users.member(unit, "基", "准" + i));
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < HISTORY_ROWS; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("userId", people.get(i % people.size()));
            row.put("year", 2024);
            row.put("date", LocalDate.of(2024, 1, 1).plusDays(i % 360).toString());
            row.put("title", "基准记录 " + i);
            row.put("source", "基准台账");
            if (i % 2 == 0) {
                row.put("item", new LinkedHashMap<>(Map.of("activityType", "PUBLIC_COURSE", "hours", 2)));
            } else {
                row.put("publicHours", BigDecimal.ONE);
                row.put("professionalHours", BigDecimal.ONE);
            }
            rows.add(row);
        }
        long t0 = System.nanoTime();
        ImportJob dry = engine.start(ImportKind.HISTORY, rows, null, Map.of(), true, admin);
        long t1 = System.nanoTime();
        ImportJob done = engine.commit(dry.id(), admin);
        long t2 = System.nanoTime();
        report("history", HISTORY_ROWS, dry, done, t1 - t0, t2 - t1);

        // a roster of 1,000 members of one unit, one activity
        Unit big = users.unit("基准大医院", UnitType.STATE_OWNED, "QINGDAO", "qingdao-2023");
        String organiserId = users.reviewerOf(big, "组", "织");
        List<Map<String, Object>> roster = new ArrayList<>();
        for (int i = 0; i < ROSTER; i++) {
            roster.add(new LinkedHashMap<>(Map.of("userId", users.member(big, "参", "加" + i))));
        }
        CurrentUser organiser = currentUsers.load(organiserId);
        UnitActivity activity = activities.create(new ActivityService.ActivityDraft(big.getId(), "基准消防培训",
                "TRAINING", Map.of("hours", "4", "days", "1"), LocalDate.of(2026, 11, 20), "保卫科"), organiser);
        Map<String, String> options = Map.of("activityId", String.valueOf(activity.getId()));
        long r0 = System.nanoTime();
        ImportJob rdry = engine.start(ImportKind.ACTIVITY_ROSTER, roster, null, options, true, organiser);
        long r1 = System.nanoTime();
        ImportJob rdone = engine.commit(rdry.id(), organiser);
        long r2 = System.nanoTime();
        report("roster", ROSTER, rdry, rdone, r1 - r0, r2 - r1);
        engine.stop();
    }

    private static void report(String what, int rows, ImportJob dry, ImportJob done, long dryNanos, long commitNanos) {
        System.out.printf(Locale.ROOT, "BENCH %s rows=%d valid=%d created=%d status=%s dry-run %.1f s = %.0f rows/s; "
                + "commit (re-check + write) %.1f s = %.0f rows/s%n", what, rows, dry.valid(), done.createdRecords(),
                done.status(), dryNanos / 1e9, rows / (dryNanos / 1e9), commitNanos / 1e9, rows / (commitNanos / 1e9));
    }
}
