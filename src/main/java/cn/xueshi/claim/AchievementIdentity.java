package cn.xueshi.claim;

import cn.xueshi.rules.RecognitionService;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.validation.Errors;

/**
 * The identifier of an achievement item (论文 DOI/刊号+期号+题目, 著作 ISBN, 专利号, 证书编号, 课题编号) and the rule that
 * the same achievement counts once per person across years (青岛 四（三）“同一项目成果，不重复计算”; 安徽 第十二条（四）
 * “同一论文或著作多处发表或出版，只得折算一次”). Which types need it is data: dmn/achievement-identity-policy.dmn.
 * {@code xs_achievement_use} holds the identifiers counting on the person's claims; its unique key decides a race
 * between two submissions, and a rejected claim's rows are deleted so the identifier is free again.
 */
@Component
public class AchievementIdentity {

    static final String DECISION = "achievement-identity-policy";
    static final int MAX_LENGTH = 200;

    /** What the policy table says for one rule set and activity type. */
    record Policy(boolean required, boolean countOnce, String scope, String basis) {
    }

    /** Another of the person's claims on which the identifier already counts. */
    public record Use(long claimId, int year, String activityType, String status) {
    }

    /** Thrown when the unique key refuses an identifier a concurrent submission took first. */
    public static class AlreadyCounted extends RuntimeException {
        private final int item;

        AlreadyCounted(int item) {
            super("achievement already counted on item " + item);
            this.item = item;
        }

        public int item() {
            return item;
        }
    }

    private final RecognitionService decisions;
    private final cn.xueshi.rules.PolicyRuleSets policyRuleSets;
    private final JdbcTemplate jdbc;

    AchievementIdentity(RecognitionService decisions, cn.xueshi.rules.PolicyRuleSets policyRuleSets, JdbcTemplate jdbc) {
        this.decisions = decisions;
        this.policyRuleSets = policyRuleSets;
        this.jdbc = jdbc;
    }

    Policy of(String ruleSet, String activityType) {
        Map<String, Object> in = new HashMap<>();
        // a department's or unit's derived set (青岛 卫生系列细则) is bound by the provincial text it is based on
        in.put("ruleSet", policyRuleSets.of(ruleSet));
        in.put("activityType", activityType);
        Optional<Map<String, Object>> row = decisions.firstRow(DECISION, in);
        if (row.isEmpty()) {
            return new Policy(false, false, "", null);
        }
        Map<String, Object> r = row.get();
        return new Policy(Boolean.TRUE.equals(r.get("identifierRequired")),
                Boolean.TRUE.equals(r.get("countOnce")), r.get("scope") == null ? "" : (String) r.get("scope"),
                (String) r.get("basis"));
    }

    /**
     * The identifier as compared: full-width forms to half-width (NFKC), upper case, and spaces, hyphens and dots
     * dropped, a leading ISBN/ISSN/DOI label or doi.org link dropped, so “ISBN 978-7-111-12345-6”,
     * “isbn９７８７１１１１２３４５６” and “9787111123456” are one book.
     */
    static String normalise(String raw) {
        if (raw == null) {
            return "";
        }
        String s = Normalizer.normalize(raw, Normalizer.Form.NFKC).toUpperCase(Locale.ROOT);
        s = s.replaceAll("[\\s\\-‐‑‒–—―_.·]", "");
        // the same book with or without its label: “ISBN 978-7-…” and “9787…”; a DOI typed as a link or labelled
        return s.replaceFirst("^(ISBN|ISSN|DOI:?|HTTPS?://(DX)?DOIORG/)", "").replaceFirst("^:", "");
    }

    /**
     * Checks the form's identifiers for the claimant: required where the table says, not twice in the form, and not
     * counting already on another of the person's claims that is not rejected ({@code except}: the claim being
     * corrected). Each problem beside the item's identifier field; the message names only the person's own claim.
     */
    public void validate(ClaimForm form, String ruleSet, String claimant, Long except, Errors errors) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < form.getItems().size(); i++) {
            ItemForm item = form.getItems().get(i);
            if (item.getActivityType() == null || item.getActivityType().isBlank()) {
                continue;
            }
            String field = "items[" + i + "].identifier";
            String raw = item.getIdentifier();
            if (raw != null && raw.length() > MAX_LENGTH) {
                errors.rejectValue(field, "claim.error.identifier.tooLong", new Object[] {MAX_LENGTH}, null);
                continue;
            }
            Policy p = of(ruleSet, item.getActivityType());
            String key = normalise(raw);
            if (key.isEmpty()) {
                if (p.required()) {
                    errors.rejectValue(field, "claim.error.identifier.missing");
                }
                continue;
            }
            if (!p.countOnce()) {
                continue;
            }
            String full = key(item.getActivityType(), key);
            Integer earlier = seen.putIfAbsent(full, i);
            if (earlier != null) {
                errors.rejectValue(field, "claim.error.identifier.twice", new Object[] {earlier + 1}, null);
                continue;
            }
            usedOn(claimant, p.scope(), full, except).ifPresent(u -> errors.rejectValue(field,
                    "claim.error.identifier.counted", new Object[] {String.valueOf(u.year()), "#" + u.claimId(),
                            u.activityType(), new DefaultMessageSourceResolvable("claimStatus." + u.status())}, null));
        }
    }

    private Optional<Use> usedOn(String claimant, String scope, String key, Long except) {
        List<Use> uses = jdbc.query("SELECT c.id, c.claim_year, i.activity_type, c.status FROM xs_achievement_use u"
                + " JOIN xs_claim c ON c.id = u.claim_id JOIN xs_claim_item i ON i.claim_id = c.id AND i.position = u.item_position"
                + " WHERE u.person_id = ? AND u.scope = ? AND u.achievement_key = ?",
                (rs, n) -> new Use(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4)), claimant, scope, key);
        return uses.stream().filter(u -> except == null || u.claimId() != except).findFirst();
    }

    private static String key(String activityType, String normalised) {
        return activityType + ":" + normalised;
    }

    /** Records the identifiers of a saved claim's items where they count once; a race lost is {@link AlreadyCounted}. */
    void record(Claim claim) {
        for (ClaimItem item : claim.getItems()) {
            String key = normalise(item.getIdentifier());
            if (key.isEmpty()) {
                continue;
            }
            Policy p = of(claim.getRuleSet(), item.getActivityType());
            if (!p.countOnce()) {
                continue;
            }
            try {
                jdbc.update("INSERT INTO xs_achievement_use (person_id, scope, achievement_key, claim_id, item_position)"
                        + " VALUES (?, ?, ?, ?, ?)", claim.getClaimant(), p.scope(), key(item.getActivityType(), key),
                        claim.getId(), item.getPosition());
            } catch (DataIntegrityViolationException e) {
                throw new AlreadyCounted(item.getPosition());
            }
        }
    }

    /** Frees the identifiers of a claim (rejected, or its items replaced by a correction). */
    void release(long claimId) {
        jdbc.update("DELETE FROM xs_achievement_use WHERE claim_id = ?", claimId);
    }
}
