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
import java.util.List;
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

    RollupChanges(EntityManagerFactory emf, BusinessClock clock) {
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
        List<Integer> years = Rollups.years(values, zones);
        session.getActionQueue().registerProcess((SessionImplementor s) -> s.doWork(connection -> {
            try (PreparedStatement ps = connection.prepareStatement("INSERT INTO xs_rollup_dirty (user_id, yr) VALUES (?, ?)")) {
                for (int year : years) {
                    ps.setString(1, user);
                    ps.setInt(2, year);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }));
    }

    @Override
    public boolean requiresPostCommitHandling(EntityPersister persister) {
        return false;
    }
}
