package cn.xueshi.notification;

import cn.xueshi.clock.BusinessClock;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** 站内提醒: a reminder or escalation shown to one person on their home page. */
@Entity
@Table(name = "xs_notification")
public class Notification {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String recipient;

    @Column(nullable = false)
    private String kind;

    @Column(name = "claim_id")
    private Long claimId;

    /** The detail shown inside the kind's message text (notification.KIND in the bundles): a name, a comment. */
    @Column(nullable = false)
    private String message;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = BusinessClock.now();

    @Column(name = "read_at")
    private Instant readAt;

    protected Notification() {
    }

    public Notification(String recipient, String kind, Long claimId, String message) {
        this.recipient = recipient;
        this.kind = kind;
        this.claimId = claimId;
        this.message = message;
    }

    public Long getId() {
        return id;
    }

    public String getRecipient() {
        return recipient;
    }

    public String getKind() {
        return kind;
    }

    public Long getClaimId() {
        return claimId;
    }

    public String getMessage() {
        return message;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getReadAt() {
        return readAt;
    }

    /** 标为已读: the first time only, so the moment it was read stays. */
    void markRead(Instant at) {
        if (readAt == null) {
            readAt = at;
        }
    }
}
