package cn.xueshi.claim;

import cn.xueshi.identity.Unit;
import cn.xueshi.rules.ItemResult;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Past years' records brought in by an import (历史学时导入): each one a claim already registered (登记完成), with
 * its source named, no process instance and no review work. The record's idempotency key is the claim's
 * submission key, so the unique constraint makes a second import of the same row create nothing, even in a race.
 */
@Service
public class ImportedRecords {

    public static final String ORIGIN_HISTORY = "HISTORY";

    private final ClaimRepository claims;
    private final AuditLog audit;
    private final ItemParameters parameters;
    private final NamedParameterJdbcTemplate jdbc;

    ImportedRecords(ClaimRepository claims, AuditLog audit, ItemParameters parameters, NamedParameterJdbcTemplate jdbc) {
        this.claims = claims;
        this.audit = audit;
        this.parameters = parameters;
        this.jdbc = jdbc;
    }

    /**
     * One past record. {@code ruleResult} is the item as the year's rules price it (null: no parameters, or no rule
     * set in force); {@code recordedPublic}/{@code recordedProfessional} the hours the source recognised (null: none
     * given). Recorded hours win where given: a difference to the rules is shown in the import report, never applied.
     */
    public record PastRecord(String claimant, Unit unit, String ruleSet, int year, LocalDate date, String title,
            String source, String activityType, Map<String, Object> params, ItemResult ruleResult,
            BigDecimal recordedPublic, BigDecimal recordedProfessional, String key, String importId, String actor,
            String recordedReason) {
    }

    /** The keys among {@code keys} some claim already has (a record imported before). */
    public Set<String> existingKeys(Collection<String> keys) {
        Set<String> found = new HashSet<>();
        for (List<String> part : cn.xueshi.system.InLists.parts(keys)) {
            found.addAll(jdbc.queryForList("SELECT submission_key FROM xs_claim WHERE submission_key IN (:keys)",
                    Map.of("keys", part), String.class));
        }
        return found;
    }

    /** Stores the record as a registered claim with an audit entry; the caller's transaction holds them all. */
    public Claim register(PastRecord r) {
        Claim claim = new Claim(r.claimant(), r.unit().getId(), r.ruleSet(), r.year(), r.title(), r.key());
        ClaimItem item = new ClaimItem(r.activityType(), parameters.toJson(r.params()), r.title(), r.date(), null);
        boolean recorded = r.recordedPublic() != null || r.recordedProfessional() != null;
        BigDecimal pub = recorded ? nz(r.recordedPublic()) : r.ruleResult().publicHours();
        BigDecimal prof = recorded ? nz(r.recordedProfessional()) : r.ruleResult().professionalHours();
        item.recognized(r.ruleResult() != null && !recorded ? r.ruleResult()
                : new ItemResult(r.activityType(), pub.add(prof), pub, prof, null, null, r.source(), null, 0));
        claim.replaceItems(List.of(item), r.title());
        claim.proposed(pub.add(prof), pub, prof);
        // recorded hours are the source's final word, like a reviewer's adjustment: progress counts them as given
        claim.approve(r.actor(), pub, prof, recorded ? r.recordedReason() : null);
        claim.register();
        claim.importedFrom(ORIGIN_HISTORY, r.source(), r.importId());
        claim = claims.save(claim);
        audit.record(claim.getId(), r.actor(), "IMPORTED", r.source(), null);
        return claim;
    }

    /** Imported records of one import, for tests and the report page. */
    public List<Claim> ofImport(String importId) {
        return claims.findByImportId(importId);
    }

    private static BigDecimal nz(BigDecimal b) {
        return b == null ? BigDecimal.ZERO : b;
    }
}
