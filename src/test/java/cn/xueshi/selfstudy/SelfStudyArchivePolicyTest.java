package cn.xueshi.selfstudy;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The rows of dmn/self-study-archive-policy.dmn as deployed: Jilin's 个人自学 needs the unit's archive (附件 二（九）),
 * nothing else does; a derived set is looked up by the reference it is based on.
 */
@IntegrationTest
class SelfStudyArchivePolicyTest {

    @Autowired
    SelfStudyArchivePolicy policy;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void jilinSelfStudyNeedsTheUnitsArchiveAndNamesTheClause() {
        SelfStudyArchivePolicy.Policy p = policy.of("jilin-2026", "SELF_STUDY");
        assertThat(p.archiveRequired()).isTrue();
        assertThat(p.basis()).isEqualTo("吉林 附件 二（九）");
    }

    @Test
    void otherJilinTypesAndOtherProvincesFallToTheDefaultRow() {
        for (String type : new String[] {"PUBLIC_COURSE", "TRAINING", "PAPER", "PROFESSIONAL_EXCHANGE"}) {
            assertThat(policy.of("jilin-2026", type).archiveRequired()).as(type).isFalse();
        }
        for (String rs : new String[] {"qingdao-2023", "yuxi-2024", "anhui-2025"}) {
            SelfStudyArchivePolicy.Policy p = policy.of(rs, "SELF_STUDY");
            assertThat(p.archiveRequired()).as(rs).isFalse();
            assertThat(p.basis()).as(rs).contains("原文未要求");
        }
        assertThat(policy.of("jilin-2026", null).archiveRequired()).isFalse();
        assertThat(policy.of("jilin-2026", "").archiveRequired()).isFalse();
    }

    @Test
    void aDerivedRuleSetIsLookedUpByTheReferenceItIsBasedOn() {
        String key = "jilin-t" + TestUsers.uniqueId("d").toLowerCase();
        jdbc.update("INSERT INTO xs_rule_set (rule_set_key, name_zh, owner_kind, owner_code, jurisdiction, parent_key,"
                + " created_by, created_at) VALUES (?, '测试医院实施细则', 'UNIT', ?, 'JILIN', 'jilin-2026', 'test',"
                + " CURRENT_TIMESTAMP)", key, key.toUpperCase());
        assertThat(policy.of(key, "SELF_STUDY").archiveRequired()).isTrue();
        assertThat(policy.of(key, "PUBLIC_COURSE").archiveRequired()).isFalse();
    }
}
