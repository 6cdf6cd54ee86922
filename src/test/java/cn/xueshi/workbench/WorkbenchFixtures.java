package cn.xueshi.workbench;

import cn.xueshi.identity.Unit;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Saves a rule set's active table and regression cases before a test changes them, and puts both
 * back afterwards (all tests share one context and database).
 */
@Component
class WorkbenchFixtures {

    static final String YUXI = "yuxi-2024";
    static final String ITEMS = "yuxi-2024-items";
    static final String RATE_CELL = "out:yx-public-course-1:7";
    static final String BODY = "{\"ruleSet\":\"yuxi-2024\",\"year\":2024,\"items\":[{\"activityType\":\"PUBLIC_COURSE\",\"count\":2}]}";

    private final RuleSetVersions versions;
    private final AnalystDeploymentRepository deployments;
    private final CaseRepository cases;
    private final DraftRepository drafts;
    private final CaseChangeRepository changes;
    private final JdbcTemplate jdbc;

    WorkbenchFixtures(RuleSetVersions versions, AnalystDeploymentRepository deployments, CaseRepository cases,
            DraftRepository drafts, CaseChangeRepository changes, JdbcTemplate jdbc) {
        this.versions = versions;
        this.deployments = deployments;
        this.cases = cases;
        this.drafts = drafts;
        this.changes = changes;
        this.jdbc = jdbc;
    }

    /** What a test may change of a rule set. */
    record Saved(String ruleSet, String xml, Map<Long, String> expectations) {
    }

    Saved save(String ruleSet) {
        Map<Long, String> expect = new LinkedHashMap<>();
        cases.findByRuleSetOrderById(ruleSet).forEach(c -> expect.put(c.getId(), c.getExpectJson()));
        return new Saved(ruleSet, versions.activeXml(ruleSet), expect);
    }

    /** Redeploys the saved table (as an analyst's version, so no later check resurrects a test's one), resets the cases, drops drafts. */
    void restore(Saved saved) {
        drafts.findByRuleSetOrderByIdDesc(saved.ruleSet()).forEach(d -> {
            changes.deleteAll(changes.findByDraftId(d.getId()));
            drafts.delete(d);
        });
        String id = versions.deploy(saved.ruleSet(), saved.xml());
        deployments.save(new AnalystDeployment(saved.ruleSet(), id, AnalystDeployment.Kind.ROLLBACK, null, "test",
                "test restores the table"));
        cases.findByRuleSetOrderById(saved.ruleSet()).forEach(c -> {
            String e = saved.expectations().get(c.getId());
            if (e == null) {
                cases.delete(c);
            } else {
                c.update(c.getName(), c.getRequestJson(), e, "test");
                cases.save(c);
            }
        });
    }

    /** An approved claim (decided now) with one item whose stored hours came from an earlier version. */
    void approvedItem(Unit unit, String ruleSet, int year, String activityType, String paramsJson, BigDecimal hours) {
        String key = UUID.randomUUID().toString();
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.update("INSERT INTO xs_claim (claimant, unit_id, rule_set, claim_year, status, submission_key, submitted_at,"
                + " updated_at, decided_at, approved_hours) VALUES (?, ?, ?, ?, 'APPROVED', ?, ?, ?, ?, ?)",
                "impact-" + key.substring(0, 8), unit.getId(), ruleSet, year, key, now, now, now, hours);
        Long claimId = jdbc.queryForObject("SELECT id FROM xs_claim WHERE submission_key = ?", Long.class, key);
        jdbc.update("INSERT INTO xs_claim_item (claim_id, position, activity_type, params_json, activity_date, hours,"
                + " public_hours, professional_hours, decision_key, decision_version) VALUES (?, 0, ?, ?, ?, ?, ?, 0, ?, 1)",
                claimId, activityType, paramsJson, Date.valueOf(LocalDate.of(year, 3, 1)), hours, hours,
                RuleSetVersions.anchor(ruleSet));
    }
}
