package cn.xueshi.publicity;

import cn.xueshi.clock.BusinessClock;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** 异议: a unit member's objection to a claim on the publicity board. The claimant never learns who raised it. */
@Entity
@Table(name = "xs_objection")
public class Objection {

    /** SUPERSEDED: still open when another objection to the same claim was upheld and sent it back to review. */
    public enum Status { OPEN, DISMISSED, UPHELD, SUPERSEDED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "claim_id", nullable = false)
    private Long claimId;

    @Column(name = "raised_by", nullable = false)
    private String raisedBy;

    @Column(nullable = false)
    private String reason;

    @Column(name = "raised_at", nullable = false)
    private Instant raisedAt = BusinessClock.now();

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status = Status.OPEN;

    @Column(name = "handled_by")
    private String handledBy;

    @Column(name = "handled_at")
    private Instant handledAt;

    @Column(name = "handler_comment")
    private String handlerComment;

    /** The objector while the objection is open, else null: unique per claim, so one person has one open objection. */
    @Column(name = "open_by")
    private String openBy;

    protected Objection() {
    }

    public Objection(Long claimId, String raisedBy, String reason) {
        this.claimId = claimId;
        this.raisedBy = raisedBy;
        this.reason = reason;
        this.openBy = raisedBy;
    }

    public void handle(Status outcome, String handler, String comment) {
        this.status = outcome;
        this.handledBy = handler;
        this.handledAt = BusinessClock.now();
        this.handlerComment = comment;
        this.openBy = null;
    }

    public boolean isOpen() {
        return status == Status.OPEN;
    }

    public Long getId() {
        return id;
    }

    public Long getClaimId() {
        return claimId;
    }

    public String getRaisedBy() {
        return raisedBy;
    }

    public String getReason() {
        return reason;
    }

    public Instant getRaisedAt() {
        return raisedAt;
    }

    public Status getStatus() {
        return status;
    }

    public String getHandledBy() {
        return handledBy;
    }

    public Instant getHandledAt() {
        return handledAt;
    }

    public String getHandlerComment() {
        return handlerComment;
    }
}
