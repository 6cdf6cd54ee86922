package cn.xueshi.claim;

import jakarta.persistence.EntityManager;
import java.util.List;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.stereotype.Service;

/** Writes and reads the audit trail; callers write inside the transaction of the step they record. */
@Service
public class AuditLog {

    private final AuditRepository entries;
    private final EntityManager entityManager;
    private final org.springframework.jdbc.core.JdbcTemplate jdbc;

    AuditLog(AuditRepository entries, EntityManager entityManager, org.springframework.jdbc.core.JdbcTemplate jdbc) {
        this.entries = entries;
        this.entityManager = entityManager;
        this.jdbc = jdbc;
    }

    public void record(Long claimId, String actor, String action, String comment, String taskId) {
        AuditEntry entry = new AuditEntry(claimId, actor, action, comment, taskId);
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            // inside the step's transaction (the usual case: a submission, a decision, a delegate) the entry is
            // persisted there directly; a repository save would only add its proxy chain and the isNew check
            entityManager.persist(entry);
        } else {
            entries.save(entry);
        }
    }

    /**
     * Many lines in the caller's transaction as one JDBC batch (a roster commit: one line per attendee's claim): the
     * identity key keeps Hibernate from batching {@link #record}'s inserts, one round trip each. The time is
     * written as Hibernate writes it ({@code hibernate.jdbc.time_zone: UTC}).
     */
    public void recordAll(List<AuditEntry> lines) {
        if (lines.isEmpty()) {
            return;
        }
        java.util.Calendar utc = java.util.Calendar.getInstance(java.util.TimeZone.getTimeZone("UTC"));
        jdbc.batchUpdate("INSERT INTO xs_audit (claim_id, actor, action, comment, task_id, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?)", lines, lines.size(), (ps, line) -> {
                    ps.setLong(1, line.getClaimId());
                    ps.setString(2, line.getActor());
                    ps.setString(3, line.getAction());
                    ps.setString(4, line.getComment());
                    ps.setString(5, line.getTaskId());
                    ps.setTimestamp(6, java.sql.Timestamp.from(line.getCreatedAt()), utc);
                });
    }

    public List<AuditEntry> of(Long claimId) {
        return entries.findByClaimIdOrderByCreatedAtAscIdAsc(claimId);
    }
}
