package cn.xueshi.notification;

import cn.xueshi.clock.BusinessClock;
import cn.xueshi.identity.CurrentUser;
import cn.xueshi.identity.Groups;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Sends in-app reminders and escalations; the home page shows each person their unread ones. */
@Service
public class Notifications {

    private final NotificationRepository repository;

    Notifications(NotificationRepository repository) {
        this.repository = repository;
    }

    /** A notification as the home page shows it: where it leads ({@code null}: nothing to open for this reader). */
    public record Shown(Notification notification, String link) {
        public Long getId() {
            return notification.getId();
        }
    }

    /** {@code kind} names the message (notification.KIND); {@code detail} fills it in. */
    public void send(Collection<String> recipients, String kind, Long claimId, String detail) {
        for (String r : recipients) {
            repository.save(new Notification(r, kind, claimId, detail == null ? "" : detail));
        }
    }

    public List<Notification> latestFor(String recipient) {
        return repository.findTop20ByRecipientOrderByCreatedAtDesc(recipient);
    }

    /** The reader's latest unread notifications, each with the page it is about. */
    public List<Shown> unreadFor(CurrentUser me) {
        return repository.findTop20ByRecipientAndReadAtIsNullOrderByCreatedAtDesc(me.userId()).stream()
                .map(n -> new Shown(n, link(n, me))).toList();
    }

    /**
     * Marks one of the reader's own notifications read.
     *
     * @return false when the id is not one of theirs (the caller answers 404, revealing nothing)
     */
    @Transactional
    public boolean markRead(CurrentUser me, long id) {
        return repository.findByIdAndRecipient(id, me.userId()).map(n -> {
            n.markRead(BusinessClock.now());
            return true;
        }).orElse(false);
    }

    @Transactional
    public int markAllRead(CurrentUser me) {
        List<Notification> unread = repository.findByRecipientAndReadAtIsNull(me.userId());
        Instant now = BusinessClock.now();
        unread.forEach(n -> n.markRead(now));
        return unread.size();
    }

    /**
     * The page a notification is about, as this reader may open it: the claim; the unit's filing for its
     * reviewers (the dashboard for supervisors told of a late filing); the make-up page for the person who
     * asked (the dashboard for supervisors told of a missed make-up).
     */
    static String link(Notification n, CurrentUser me) {
        if (n.getClaimId() != null) {
            return "/claims/" + n.getClaimId();
        }
        boolean overseer = me.isIn(Groups.SUPERVISOR) || me.isIn(Groups.BUREAU);
        if (n.getKind().startsWith("FILING_")) {
            if (me.isIn(Groups.REVIEWER) || me.isIn(Groups.BUREAU)) {
                return "/filing";
            }
            return overseer ? "/dashboard" : null;
        }
        if (n.getKind().startsWith("TITLE_PROOF_")) {
            return "/title/proofs";
        }
        if (n.getKind().startsWith("SHORTFALL_")) {
            return me.unit().isPresent() ? "/forecast" : null;
        }
        if (n.getKind().startsWith("MAKEUP_")) {
            if (me.unit().isPresent()) {
                return "/makeup";
            }
            return overseer ? "/dashboard" : null;
        }
        return null;
    }
}
