package cn.xueshi.notification;

import java.util.Collection;
import java.util.List;
import org.springframework.stereotype.Service;

/** Sends in-app reminders and escalations; the home page shows each person theirs. */
@Service
public class Notifications {

    private final NotificationRepository repository;

    Notifications(NotificationRepository repository) {
        this.repository = repository;
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
}
