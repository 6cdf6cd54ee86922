package cn.xueshi.rules;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
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

    /** One filed version of a derived set (the newest, or any of its history). */
    public record Filed(String key, String nameZh, String ownerKind, String ownerCode, String jurisdiction,
            String parentKey, int parentVersion, int version, LocalDate effectiveFrom, Integer decisionVersion) {

        /** The first year the set applies to (claims of earlier years keep the parent's rules). */
        public int firstYear() {
            return effectiveFrom.getYear();
        }
    }

    private static final String HISTORY = """
            SELECT s.rule_set_key, s.name_zh, s.owner_kind, s.owner_code, s.jurisdiction, s.parent_key,
                   v.parent_version, v.version, v.effective_from, v.decision_version
              FROM xs_rule_set s JOIN xs_rule_set_version v ON v.rule_set_key = s.rule_set_key
             WHERE v.status = 'FILED'
            """;

    private static final String FILED = """
            SELECT s.rule_set_key, s.name_zh, s.owner_kind, s.owner_code, s.jurisdiction, s.parent_key,
                   v.parent_version, v.version, v.effective_from, v.decision_version
              FROM xs_rule_set s JOIN xs_rule_set_version v ON v.rule_set_key = s.rule_set_key
             WHERE v.status = 'FILED'
               AND v.version = (SELECT MAX(w.version) FROM xs_rule_set_version w
                                 WHERE w.rule_set_key = s.rule_set_key AND w.status = 'FILED')
            """;

    /** Bounded only so that a pathological number of sets cannot hold memory; a province has thousands. */
    private static final int MAX_KNOWN_PARENTS = 100_000;

    private final JdbcTemplate jdbc;
    private final Cache<String, String> parents = Caffeine.newBuilder().maximumSize(MAX_KNOWN_PARENTS).build();

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
            public List<Filed> history() {
                List<Filed> all = new ArrayList<>(real.history());
                all.removeIf(f -> f.key().equals(draft.key()));
                all.add(draft);
                return all;
            }

            @Override
            public List<Filed> historyOf(String ownerKind, String ownerCode) {
                List<Filed> all = new ArrayList<>(real.historyOf(ownerKind, ownerCode));
                all.removeIf(f -> f.key().equals(draft.key()));
                if (draft.ownerKind().equals(ownerKind) && draft.ownerCode().equals(ownerCode)) {
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
        return jdbc.query(FILED + " ORDER BY s.rule_set_key", RuleSetHierarchy::row);
    }

    /** Every filed version of every derived set: a version filed later does not erase the one it follows. */
    public List<Filed> history() {
        return jdbc.query(HISTORY + " ORDER BY s.rule_set_key, v.version", RuleSetHierarchy::row);
    }

    /**
     * Every filed version of one owner's sets, by the owner index: a claim's validation used to read every filed
     * version of every set of the province (issue 16's profile of the submission).
     */
    public List<Filed> historyOf(String ownerKind, String ownerCode) {
        return jdbc.query(HISTORY + " AND s.owner_kind = ? AND s.owner_code = ? ORDER BY s.rule_set_key, v.version",
                RuleSetHierarchy::row, ownerKind, ownerCode);
    }

    private static Filed row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Filed(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getInt(7), rs.getInt(8), rs.getDate(9).toLocalDate(), (Integer) rs.getObject(10));
    }

    /**
     * The filed version of a set in force on a date: the one whose effective date is latest on or before it (of
     * two with the same date, the later filed). Empty before the set's first effective date.
     */
    public Optional<Filed> inForceOn(String key, LocalDate date) {
        return latestEffective(history().stream().filter(f -> f.key().equals(key)).toList(), date);
    }

    /** The earliest effective date of any filed version of a set (empty: never filed). */
    public Optional<LocalDate> firstEffective(String key) {
        return history().stream().filter(f -> f.key().equals(key)).map(Filed::effectiveFrom)
                .min(LocalDate::compareTo);
    }

    static Optional<Filed> latestEffective(List<Filed> versions, LocalDate date) {
        return versions.stream().filter(f -> !f.effectiveFrom().isAfter(date))
                .max(Comparator.comparing(Filed::effectiveFrom).thenComparingInt(Filed::version));
    }

    public Optional<Filed> filed(String key) {
        return filed().stream().filter(f -> f.key().equals(key)).findFirst();
    }

    /**
     * The parent key of a derived set, filed or not (empty for a reference rule set). A parent once found is kept:
     * a set's parent never changes (xs_rule_set.parent_key has no update), so every node may keep it, and an import
     * of hundreds of rows of a unit's 实施细则 no longer asks once per row and hierarchy level. A key without a row
     * is asked again each time: another node may create it.
     */
    public Optional<String> parentOf(String key) {
        String known = parents.getIfPresent(key);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<String> found = jdbc.queryForList("SELECT parent_key FROM xs_rule_set WHERE rule_set_key = ?",
                String.class, key).stream().findFirst();
        found.ifPresent(parent -> parents.put(key, parent));
        return found;
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
     * The filed version of one owner's set (a department code or a unit id) in force on a date: based in the end
     * on {@code reference} (the jurisdiction's set of that year) and effective on or before that date; the one
     * effective latest wins. Every filed version counts, so a date before a newer version's effective date finds
     * the version it follows, in any year.
     */
    public Optional<Filed> forOwner(String ownerKind, String ownerCode, String reference, LocalDate date) {
        if (ownerCode == null) {
            return Optional.empty();
        }
        List<Filed> candidates = new ArrayList<>();
        for (Filed f : historyOf(ownerKind, ownerCode)) {
            if (reference.equals(root(f.key()))) {
                candidates.add(f);
            }
        }
        return latestEffective(candidates, date);
    }
}
