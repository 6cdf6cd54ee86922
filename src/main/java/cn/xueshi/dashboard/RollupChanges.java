package cn.xueshi.dashboard;

import cn.xueshi.clock.BusinessClock;
import cn.xueshi.claim.Claim;
import cn.xueshi.makeup.MakeupRequest;
import cn.xueshi.publicity.Objection;
import jakarta.persistence.EntityManagerFactory;
import java.sql.PreparedStatement;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hibernate.action.spi.BeforeTransactionCompletionProcess;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.EventSource;
import org.hibernate.event.spi.EventType;
import org.hibernate.event.spi.PostDeleteEvent;
import org.hibernate.event.spi.PostDeleteEventListener;
import org.hibernate.event.spi.PostInsertEvent;
import org.hibernate.event.spi.PostInsertEventListener;
import org.hibernate.event.spi.PostUpdateEvent;
import org.hibernate.event.spi.PostUpdateEventListener;
import org.hibernate.persister.entity.EntityPersister;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes a dirty mark (xs_rollup_dirty) for every insert, update or delete of a claim, an objection or a
 * make-up request, in the transaction of the change itself: every path that changes a claim's state or hours
 * (submission, review, publicity, objections, filing, make-up, hardship adjustments) goes through the
 * JPA entities, so listening to Hibernate catches them all without the claim capability knowing about
 * dashboards (it may not: dashboards sit above it). The mark is written just before the transaction
 * commits, after the last flush; a rolled-back change leaves none.
 */
@Component
class RollupChanges implements PostInsertEventListener, PostUpdateEventListener, PostDeleteEventListener {

    /** The entity properties whose values decide which years' rollups a claim is part of. */
    private static final List<String> CLAIM_YEARS = List.of("year", "makeupForYear", "submittedAt", "registeredAt");

    private final ZoneId[] zones;
    private final EntityManagerFactory emf;

    RollupChanges(EntityManagerFactory emf, BusinessClock clock) {
        this.emf = emf;
        // timestamps reach the database in the JVM's zone; the business zone and UTC are marked too, to be safe
        this.zones = new ZoneId[] {ZoneId.systemDefault(), clock.zone(), ZoneOffset.UTC};
        EventListenerRegistry registry = emf.unwrap(SessionFactoryImplementor.class).getServiceRegistry()
                .requireService(EventListenerRegistry.class);
        registry.appendListeners(EventType.POST_INSERT, this);
        registry.appendListeners(EventType.POST_UPDATE, this);
        registry.appendListeners(EventType.POST_DELETE, this);
    }

    @Override
    public void onPostInsert(PostInsertEvent event) {
        marked(event.getSession(), event.getEntity(), null, null);
    }

    @Override
    public void onPostUpdate(PostUpdateEvent event) {
        marked(event.getSession(), event.getEntity(), event.getPersister(), event.getOldState());
    }

    @Override
    public void onPostDelete(PostDeleteEvent event) {
        marked(event.getSession(), event.getEntity(), null, null);
    }

    private void marked(EventSource session, Object entity, EntityPersister persister, Object[] oldState) {
        String user;
        List<Object> values = new ArrayList<>();
        if (entity instanceof Claim c) {
            user = c.getClaimant();
            values.addAll(Arrays.asList(c.getYear(), c.getMakeupForYear(), c.getSubmittedAt(), c.getRegisteredAt()));
            if (persister != null && oldState != null) {
                List<String> names = Arrays.asList(persister.getPropertyNames());
                for (String property : CLAIM_YEARS) {
                    int i = names.indexOf(property);
                    if (i >= 0) {
                        values.add(oldState[i]);
                    }
                }
            }
        } else if (entity instanceof Objection o) {
            // an objection counts for its claim's unit and year: the claim's row says which, after the flush
            long claimId = o.getClaimId();
            session.getActionQueue().registerProcess((SessionImplementor s) -> s.doWork(connection -> {
                try (PreparedStatement ps = connection.prepareStatement("INSERT INTO xs_rollup_dirty (user_id, yr)"
                        + " SELECT claimant, claim_year FROM xs_claim WHERE id = ?")) {
                    ps.setLong(1, claimId);
                    ps.executeUpdate();
                }
            }));
            return;
        } else if (entity instanceof MakeupRequest r) {
            user = r.getClaimant();
            values.add(r.getYear());
        } else {
            return;
        }
        Marks marks = marksOf(session);
        for (int year : Rollups.years(values, zones)) {
            marks.add(user + '\u0000' + year);
        }
    }

    /**
     * For {@link TaskRollupListener}: marks the claimant and year of the claim that carries this process instance in
     * the transaction's batch of marks, when that claim is already in the transaction's persistence context (the
     * hour-proposal job and the review decision loaded it for their checks). Returns false when it is not (a claim
     * or unclaim of the task, a process without a claim): the caller then writes the mark by its own statement. The
     * mark is the one the listener's statement wrote (claimant, claim year), now deduplicated with the claim's own
     * marks of the same transaction: two statements and two marks fewer per claim (issue 16's statement counts).
     */
    boolean markClaimOf(String processInstanceId) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return false;
        }
        jakarta.persistence.EntityManager em =
                org.springframework.orm.jpa.EntityManagerFactoryUtils.getTransactionalEntityManager(emf);
        if (em == null) {
            return false;
        }
        SessionImplementor session = em.unwrap(SessionImplementor.class);
        for (var entry : session.getPersistenceContextInternal().reentrantSafeEntityEntries()) {
            if (entry.getKey() instanceof Claim c && processInstanceId.equals(c.getProcessInstanceId())
                    && entry.getValue().getStatus() == org.hibernate.engine.spi.Status.MANAGED) {
                marksOf((EventSource) session).add(c.getClaimant() + '\u0000' + c.getYear());
                return true;
            }
        }
        return false;
    }

    /**
     * The marks of one transaction, written in one batch just before it commits. A claim changes several times in
     * one transaction (a submission inserts it and then stores its process instance; a decision approves it and
     * starts its publicity) and on its way through approval in three: one mark per person and year per
     * transaction is all the fold needs (issue 16's profile: a statement per change before).
     */
    private Marks marksOf(EventSource session) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            // no Spring transaction around the session (not the product's paths): the marks of this change alone
            Marks marks = new Marks();
            session.getActionQueue().registerProcess(marks);
            return marks;
        }
        Marks marks = (Marks) TransactionSynchronizationManager.getResource(this);
        if (marks == null || marks.session != session || marks.written) {
            TransactionSynchronizationManager.unbindResourceIfPossible(this);
            Marks fresh = new Marks();
            fresh.session = session;
            session.getActionQueue().registerProcess(fresh);
            TransactionSynchronizationManager.bindResource(this, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(RollupChanges.this);
                }
            });
            marks = fresh;
        }
        return marks;
    }

    /** Person-and-year marks ("user\0year"), inserted by one batch before the transaction completes. */
    private static final class Marks implements BeforeTransactionCompletionProcess {
        private final Set<String> pending = new LinkedHashSet<>();
        private Object session;
        private boolean written;

        void add(String mark) {
            pending.add(mark);
        }

        @Override
        public void doBeforeTransactionCompletion(SessionImplementor s) {
            written = true;
            if (pending.isEmpty()) {
                return;
            }
            s.doWork(connection -> {
                try (PreparedStatement ps = connection.prepareStatement(
                        "INSERT INTO xs_rollup_dirty (user_id, yr) VALUES (?, ?)")) {
                    for (String mark : pending) {
                        int cut = mark.lastIndexOf('\u0000');
                        ps.setString(1, mark.substring(0, cut));
                        ps.setInt(2, Integer.parseInt(mark.substring(cut + 1)));
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            });
        }
    }

    @Override
    public boolean requiresPostCommitHandling(EntityPersister persister) {
        return false;
    }
}
