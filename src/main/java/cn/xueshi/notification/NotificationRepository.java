package cn.xueshi.notification;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface NotificationRepository extends JpaRepository<Notification, Long> {

    List<Notification> findTop20ByRecipientOrderByCreatedAtDesc(String recipient);

    List<Notification> findTop20ByRecipientAndReadAtIsNullOrderByCreatedAtDesc(String recipient);

    List<Notification> findByRecipientAndReadAtIsNull(String recipient);

    /** Only the recipient's own: another person's id is not found. */
    Optional<Notification> findByIdAndRecipient(Long id, String recipient);

    List<Notification> findByClaimIdAndKind(Long claimId, String kind);
}
