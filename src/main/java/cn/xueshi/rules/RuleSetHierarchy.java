package cn.xueshi.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The filed (经备案) derived rule sets, read from the hierarchy's tables: which set a department or unit has,
 * which rule set it is based on, and from which date it applies. Only a FILED version is ever read here, so
 * nothing in draft, in filing or returned can price a claim (Jilin notice 一（二）：经备案后执行).
 */
@Component
public class RuleSetHierarchy {

    /** The newest filed version of one derived set. */
    public record Filed(String key, String nameZh, String ownerKind, String ownerCode, String jurisdiction,
            String parentKey, int parentVersion, int version, LocalDate effectiveFrom, Integer decisionVersion) {

        /** The first year the set applies to (claims of earlier years keep the parent's rules). */
        public int firstYear() {
            return effectiveFrom.getYear();
        }
    }

    private static final String FILED = """
            SELECT s.rule_set_key, s.name_zh, s.owner_kind, s.owner_code, s.jurisdiction, s.parent_key,
                   v.parent_version, v.version, v.effective_from, v.decision_version
              FROM xs_rule_set s JOIN xs_rule_set_version v ON v.rule_set_key = s.rule_set_key
             WHERE v.status = 'FILED'
               AND v.version = (SELECT MAX(w.version) FROM xs_rule_set_version w
                                 WHERE w.rule_set_key = s.rule_set_key AND w.status = 'FILED')
            """;

    private final JdbcTemplate jdbc;

    RuleSetHierarchy(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** This hierarchy with a draft counted as filed (a preview or regression run of that draft only). */
    public RuleSetHierarchy withDraft(Filed draft) {
        RuleSetHierarchy real = this;
        return new RuleSetHierarchy(jdbc) {
            @Override
            public List<Filed> filed() {
                List<Filed> all = new ArrayList<>(real.filed());
                all.removeIf(f -> f.key().equals(draft.key()));
                all.add(draft);
                return all;
            }

            @Override
            public List<Filed> filedFor(String unitCode, String departmentCode) {
                List<Filed> all = new ArrayList<>(real.filedFor(unitCode, departmentCode));
                all.removeIf(f -> f.key().equals(draft.key()));
                if (owns(draft, unitCode, departmentCode)) {
                    all.add(draft);
                }
                return all;
            }

            @Override
            public Optional<String> parentOf(String key) {
                return key.equals(draft.key()) ? Optional.of(draft.parentKey()) : real.parentOf(key);
            }
        };
    }

    /** The filed derived sets (newest filed version of each). */
    public List<Filed> filed() {
        return jdbc.query(FILED + " ORDER BY s.rule_set_key", ROW);
    }

    /**
     * The filed sets of one unit (by its id as the owner code) and of one department, the two owners whose sets
     * may price a unit's claims, in one query by the owner index: a claim's validation used to read every filed
     * set of the province twice (issue 16's profile of the submission).
     */
    public List<Filed> filedFor(String unitCode, String departmentCode) {
        if (unitCode == null && departmentCode == null) {
            return List.of();
        }
        return jdbc.query(FILED + " AND ((s.owner_kind = 'UNIT' AND s.owner_code = ?)"
                + " OR (s.owner_kind = 'DEPARTMENT' AND s.owner_code = ?)) ORDER BY s.rule_set_key", ROW,
                unitCode, departmentCode);
    }

    private static boolean owns(Filed f, String unitCode, String departmentCode) {
        return ("UNIT".equals(f.ownerKind()) && f.ownerCode().equals(unitCode))
                || ("DEPARTMENT".equals(f.ownerKind()) && f.ownerCode().equals(departmentCode));
    }

    private static final org.springframework.jdbc.core.RowMapper<Filed> ROW = (rs, n) -> new Filed(rs.getString(1),
            rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getInt(7),
            rs.getInt(8), rs.getDate(9).toLocalDate(), (Integer) rs.getObject(10));

    public Optional<Filed> filed(String key) {
        return filed().stream().filter(f -> f.key().equals(key)).findFirst();
    }

    /** The parent key of a derived set, filed or not (empty for a reference rule set). */
    public Optional<String> parentOf(String key) {
        return jdbc.queryForList("SELECT parent_key FROM xs_rule_set WHERE rule_set_key = ?", String.class, key)
                .stream().findFirst();
    }

    /** The reference rule set a set derives from in the end (itself for a reference set). */
    public String root(String key) {
        Set<String> seen = new HashSet<>();
        String current = key;
        Optional<String> parent;
        while ((parent = parentOf(current)).isPresent() && seen.add(current)) {
            current = parent.get();
        }
        return current;
    }

    /**
     * The filed set of one owner (a department code or a unit id) that applies to a year: based in the end on
     * {@code reference} (the jurisdiction's set of that year) and effective in or before that year; the one
     * effective latest wins.
     */
    public Optional<Filed> forOwner(String ownerKind, String ownerCode, String reference, int year) {
        return ownerCode == null ? Optional.empty() : forOwner(filed(), ownerKind, ownerCode, reference, year);
    }

    /** {@link #forOwner(String, String, String, int)} among {@code filed} (e.g. {@link #filedFor}'s answer). */
    public Optional<Filed> forOwner(List<Filed> filed, String ownerKind, String ownerCode, String reference, int year) {
        if (ownerCode == null) {
            return Optional.empty();
        }
        List<Filed> candidates = new ArrayList<>();
        for (Filed f : filed) {
            if (f.ownerKind().equals(ownerKind) && f.ownerCode().equals(ownerCode) && f.firstYear() <= year
                    && reference.equals(root(f.key()))) {
                candidates.add(f);
            }
        }
        return candidates.stream().max((a, b) -> a.effectiveFrom().compareTo(b.effectiveFrom()));
    }
}
