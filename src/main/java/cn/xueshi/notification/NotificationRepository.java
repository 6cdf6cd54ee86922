package cn.xueshi.notification;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface NotificationRepository extends JpaRepository<Notification, Long> {

    List<Notification> findTop20ByRecipientOrderByCreatedAtDesc(String recipient);

    List<Notification> findByClaimIdAndKind(Long claimId, String kind);
}
