package cn.xueshi.rules;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.support.IntegrationTest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * V139 removes the policy-table case shipped before the Jilin hardship fix (REGULATION-AUDIT.md, "The fix"):
 * a database seeded before kept "吉林：伤、病、孕以外的原因不能申请" (PolicyCaseSeeds adds missing names only),
 * which the corrected table fails, so hardship-policy could not be deployed there any more.
 */
@IntegrationTest
class SupersededHardshipCaseMigrationTest {

    static final String MIGRATION = "db/migration/V139__drop_superseded_jilin_hardship_case.sql";
    static final String OLD = "吉林：伤、病、孕以外的原因不能申请";
    static final String NEW = "吉林：伤、病、孕以外确有特殊困难的也可申请，由单位审核批准（通知 三（二）“如伤、病、孕等”）";

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;

    @Test
    void flywayAppliedItAndTheSeederAddedTheTurnedRoundCase() {
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"version\" = '139' "
                + "AND \"success\" = TRUE", Integer.class)).isEqualTo(1);
        assertThat(names()).containsOnlyOnce(NEW).doesNotContain(OLD);
    }

    @Test
    void aDatabaseSeededBeforeTheFixKeepsOnlyTheNewCase() {
        // the old case as PolicyCaseSeeds stored it (source SEED, by system), and an analyst's case of that name
        insert("SEED", "system");
        insert("ANALYST", "wb-analyst");
        try {
            new ResourceDatabasePopulator(new ClassPathResource(MIGRATION)).execute(dataSource);

            assertThat(names()).containsOnlyOnce(NEW).containsOnlyOnce(OLD);
            assertThat(jdbc.queryForList("SELECT source FROM xs_wb_case WHERE rule_set = 'hardship-policy' AND name = ?",
                    String.class, OLD)).containsExactly("ANALYST");
            // the removal is in the table's workbench history, like an analyst's deletion
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM xs_wb_audit WHERE rule_set = 'hardship-policy' "
                    + "AND action = 'CASE_DELETED' AND actor = 'system' AND detail = ?", Integer.class, OLD)).isPositive();
        } finally {
            // the analyst's copy expects the old reading: left behind it would fail other tests' regression gate
            jdbc.update("DELETE FROM xs_wb_case WHERE rule_set = 'hardship-policy' AND name = ?", OLD);
        }
        // run again (a database without the case): nothing else goes
        new ResourceDatabasePopulator(new ClassPathResource(MIGRATION)).execute(dataSource);
        assertThat(names()).containsOnlyOnce(NEW);
    }

    List<String> names() {
        return jdbc.queryForList("SELECT name FROM xs_wb_case WHERE rule_set = 'hardship-policy'", String.class);
    }

    void insert(String source, String by) {
        jdbc.update("INSERT INTO xs_wb_case (rule_set, name, request_json, expect_json, source, updated_by, updated_at) "
                        + "VALUES ('hardship-policy', ?, ?, ?, ?, ?, ?)", OLD,
                "{\n  \"ruleSet\" : \"jilin-2026\",\n  \"reason\" : \"OTHER\",\n  \"remedy\" : \"REDUCTION\"\n}",
                "{\n  \"allowed\" : false\n}", source, by, Timestamp.from(Instant.now()));
    }
}
