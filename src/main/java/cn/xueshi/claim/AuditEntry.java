package cn.xueshi.claim;

import cn.xueshi.clock.BusinessClock;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One line of a claim's audit trail (审核记录): who did what, when, with which comment. Written once, never
 * changed ({@code @Immutable}: Hibernate keeps no snapshot of it and skips it when it dirty-checks the step's
 * persistence context at the commit; a decision holds two of them beside the claim).
 */
@Entity
@org.hibernate.annotations.Immutable
@Table(name = "xs_audit")
public class AuditEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "claim_id", nullable = false)
    private Long claimId;

    @Column(nullable = false)
    private String actor;

    @Column(nullable = false)
    private String action;

    private String comment;

    @Column(name = "task_id")
    private String taskId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = BusinessClock.now();

    protected AuditEntry() {
    }

    public AuditEntry(Long claimId, String actor, String action, String comment, String taskId) {
        this.claimId = claimId;
        this.actor = actor;
        this.action = action;
        this.comment = comment;
        this.taskId = taskId;
    }

    public Long getId() {
        return id;
    }

    public Long getClaimId() {
        return claimId;
    }

    public String getActor() {
        return actor;
    }

    public String getAction() {
        return action;
    }

    public String getComment() {
        return comment;
    }

    public String getTaskId() {
        return taskId;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
