package cn.xueshi.claim;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * achievement-identity-policy is keyed by the reference rule set: a claim under a department's or unit's derived set
 * (here a Qingdao unit's 实施细则) is bound by 青岛 四（三） like one under qingdao-2023 itself. Before, the derived
 * set's own key reached the table and fell to the default row, so its achievements went unchecked.
 */
@IntegrationTest
class AchievementIdentityDerivedSetTest {

    @Autowired
    AchievementIdentity identity;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aDerivedSetFollowsTheRowOfTheReferenceItIsBasedOn() {
        String qingdaoUnit = derived("qingdao-2023", "QINGDAO");
        AchievementIdentity.Policy paper = identity.of(qingdaoUnit, "PAPER");
        assertThat(paper.required()).isTrue();
        assertThat(paper.countOnce()).isTrue();
        assertThat(paper.scope()).isEqualTo("QINGDAO");
        assertThat(identity.of(qingdaoUnit, "PUBLIC_COURSE").required()).isFalse();
        // a set derived from the derived one still ends at the reference
        String ward = derivedFrom(qingdaoUnit, "QINGDAO");
        assertThat(identity.of(ward, "BOOK").countOnce()).isTrue();
        // and a Jilin unit's set keeps Jilin's default row: numbers optional
        assertThat(identity.of(derived("jilin-2026", "JILIN"), "PAPER").required()).isFalse();
    }

    private String derived(String parent, String jurisdiction) {
        return derivedFrom(parent, jurisdiction);
    }

    private String derivedFrom(String parent, String jurisdiction) {
        String key = "t-" + TestUsers.uniqueId("ach").toLowerCase();
        jdbc.update("INSERT INTO xs_rule_set (rule_set_key, name_zh, owner_kind, owner_code, jurisdiction, parent_key,"
                + " created_by, created_at) VALUES (?, '测试单位实施细则', 'UNIT', ?, ?, ?, 'test', CURRENT_TIMESTAMP)",
                key, key.toUpperCase(), jurisdiction, parent);
        return key;
    }
}
