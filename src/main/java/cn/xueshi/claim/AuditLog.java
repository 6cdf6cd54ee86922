package cn.xueshi.claim;

import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.metamodel.mapping.AttributeMapping;
import org.hibernate.metamodel.mapping.JdbcMapping;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes and reads the audit trail; callers write inside the transaction of the step they record.
 *
 * <p>Inside a transaction the lines of that transaction are written together, by one JDBC batch just before it
 * commits (on its connection, so they commit or roll back with the step; {@link #of} writes them first, so a read
 * in the same transaction sees them). A review decision records two lines (the decision and the publicity's
 * start): each used to be an IDENTITY insert of its own through Hibernate, a round trip each and the entity kept in
 * the persistence context (issue 16's profile: {@code AuditLog.record} 3.3 % of a claim's samples).
 */
@Service
public class AuditLog {

    private static final String INSERT = "INSERT INTO xs_audit (claim_id, actor, action, comment, task_id, created_at)"
            + " VALUES (?, ?, ?, ?, ?, ?)";

    private final AuditRepository entries;
    private final EntityManager entityManager;

    AuditLog(AuditRepository entries, EntityManager entityManager) {
        this.entries = entries;
        this.entityManager = entityManager;
    }

    public void record(Long claimId, String actor, String action, String comment, String taskId) {
        AuditEntry entry = new AuditEntry(claimId, actor, action, comment, taskId);
        if (TransactionSynchronizationManager.isActualTransactionActive()
                && TransactionSynchronizationManager.isSynchronizationActive()) {
            pending().lines.add(entry);
        } else {
            entries.save(entry);
        }
    }

    /**
     * Many lines at once (a roster commit: one line per attendee's claim): like {@link #record} for each, so in a
     * transaction they join its one batch written before the commit.
     */
    public void recordAll(List<AuditEntry> lines) {
        if (TransactionSynchronizationManager.isActualTransactionActive()
                && TransactionSynchronizationManager.isSynchronizationActive()) {
            pending().lines.addAll(lines);
        } else {
            entries.saveAll(lines);
        }
    }

    public List<AuditEntry> of(Long claimId) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            for (TransactionSynchronization s : TransactionSynchronizationManager.getSynchronizations()) {
                if (s instanceof Pending p && p.owner == this) {
                    p.write();
                }
            }
        }
        return entries.findByClaimIdOrderByCreatedAtAscIdAsc(claimId);
    }

    /**
     * This transaction's unwritten lines. Kept as a synchronization of the transaction (not a bound resource): a
     * nested REQUIRES_NEW transaction suspends its outer transaction's synchronizations, so it gets lines of its own.
     */
    private Pending pending() {
        for (TransactionSynchronization s : TransactionSynchronizationManager.getSynchronizations()) {
            if (s instanceof Pending p && p.owner == this) {
                return p;
            }
        }
        Pending p = new Pending(this);
        TransactionSynchronizationManager.registerSynchronization(p);
        return p;
    }

    /** The lines of one transaction, inserted by one batch before it commits; dropped when it rolls back. */
    private static final class Pending implements TransactionSynchronization {
        private final AuditLog owner;
        private final List<AuditEntry> lines = new ArrayList<>();

        Pending(AuditLog owner) {
            this.owner = owner;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            write();
        }

        void write() {
            if (lines.isEmpty()) {
                return;
            }
            SessionImplementor session = owner.entityManager.unwrap(SessionImplementor.class);
            // the timestamp bound exactly as Hibernate binds AuditEntry.createdAt (hibernate.jdbc.time_zone), so a
            // line reads back the same whichever way it was written
            AttributeMapping createdAt = session.getFactory().getMappingMetamodel()
                    .getEntityDescriptor(AuditEntry.class).findAttributeMapping("createdAt");
            JdbcMapping time = createdAt.getSingleJdbcMapping();
            List<AuditEntry> batch = new ArrayList<>(lines);
            lines.clear();
            session.doWork(connection -> {
                try (PreparedStatement ps = connection.prepareStatement(INSERT)) {
                    for (AuditEntry e : batch) {
                        ps.setLong(1, e.getClaimId());
                        ps.setString(2, e.getActor());
                        ps.setString(3, e.getAction());
                        ps.setString(4, e.getComment());
                        ps.setString(5, e.getTaskId());
                        time.getJdbcValueBinder().bind(ps, time.convertToRelationalValue(e.getCreatedAt()), 6,
                                session);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            });
        }
    }
}
