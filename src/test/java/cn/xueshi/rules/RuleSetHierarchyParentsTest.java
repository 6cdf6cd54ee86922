package cn.xueshi.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A set's parent is asked of the database once per node: a unit's set under a department's under the province's,
 * priced row by row in an import, used to cost one query per row and level. A key with no row is asked again.
 */
@org.junit.jupiter.api.Tag("no-database")
class RuleSetHierarchyParentsTest {

    /** xs_rule_set as a map, counting the parent queries. */
    static final class Sets extends JdbcTemplate {
        final Map<String, String> parents = new HashMap<>();
        int queries;

        @Override
        @SuppressWarnings("unchecked")
        public <T> List<T> queryForList(String sql, Class<T> type, Object... args) {
            queries++;
            String parent = parents.get((String) args[0]);
            return parent == null ? List.of() : List.of((T) parent);
        }
    }

    @Test
    void aParentOnceFoundIsNotAskedAgainAndAMissingKeyIs() {
        Sets sets = new Sets();
        sets.parents.put("jl-hosp-2026", "jl-health-2026");
        sets.parents.put("jl-health-2026", "jilin-2026");
        RuleSetHierarchy hierarchy = new RuleSetHierarchy(sets);

        assertThat(hierarchy.root("jl-hosp-2026")).isEqualTo("jilin-2026");
        assertThat(sets.queries).isEqualTo(3); // two parents, and the reference set has none
        for (int row = 0; row < 500; row++) {
            assertThat(hierarchy.root("jl-hosp-2026")).isEqualTo("jilin-2026");
        }
        assertThat(sets.queries).isEqualTo(3 + 500); // only the reference set's (absent) row each time

        assertThat(hierarchy.parentOf("jl-new-2026")).isEmpty();
        sets.parents.put("jl-new-2026", "jilin-2026"); // created meanwhile, on another node
        assertThat(hierarchy.parentOf("jl-new-2026")).contains("jilin-2026");
    }
}
