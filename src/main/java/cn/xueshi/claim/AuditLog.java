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

    AuditLog(AuditRepository entries, EntityManager entityManager) {
        this.entries = entries;
        this.entityManager = entityManager;
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

    public List<AuditEntry> of(Long claimId) {
        return entries.findByClaimIdOrderByCreatedAtAscIdAsc(claimId);
    }
}
