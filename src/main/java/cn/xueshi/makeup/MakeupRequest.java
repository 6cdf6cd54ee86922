package cn.xueshi.makeup;

import cn.xueshi.clock.BusinessClock;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** 补学/减免申请: a person who could not complete a year's hours (伤、病、孕 …) asks to make them up or be excused. */
@Entity
@Table(name = "xs_makeup_request")
public class MakeupRequest {

    public enum Reason { INJURY, ILLNESS, PREGNANCY, OTHER }

    public enum Remedy { MAKEUP, REDUCTION }

    public enum Status { IN_REVIEW, RETURNED, APPROVED, REJECTED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String claimant;

    @Column(name = "unit_id", nullable = false)
    private Long unitId;

    @Column(name = "rule_set", nullable = false)
    private String ruleSet;

    @Column(name = "request_year", nullable = false)
    private int year;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Reason reason;

    @Column(name = "period_start", nullable = false)
    private LocalDate periodStart;

    @Column(name = "period_end", nullable = false)
    private LocalDate periodEnd;

    @Column(nullable = false)
    private String description;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Remedy remedy;

    @Column(name = "requested_public")
    private BigDecimal requestedPublic;
    @Column(name = "requested_professional")
    private BigDecimal requestedProfessional;
    @Column(name = "approved_public")
    private BigDecimal approvedPublic;
    @Column(name = "approved_professional")
    private BigDecimal approvedProfessional;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status = Status.IN_REVIEW;

    @Column(name = "process_instance_id")
    private String processInstanceId;

    @Column(name = "submission_key", nullable = false, unique = true)
    private String submissionKey;

    @Column(name = "decided_by")
    private String decidedBy;
    @Column(name = "decided_at")
    private Instant decidedAt;
    @Column(name = "decision_comment")
    private String decisionComment;

    /** The clause that allowed the request (from the hardship-policy table). */
    private String basis;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = BusinessClock.now();

    @Version
    private long version;

    protected MakeupRequest() {
    }

    public MakeupRequest(String claimant, Long unitId, String ruleSet, int year, String submissionKey) {
        this.claimant = claimant;
        this.unitId = unitId;
        this.ruleSet = ruleSet;
        this.year = year;
        this.submissionKey = submissionKey;
    }

    public void describe(Reason reason, LocalDate start, LocalDate end, String description, Remedy remedy,
            BigDecimal requestedPublic, BigDecimal requestedProfessional, String basis) {
        this.reason = reason;
        this.periodStart = start;
        this.periodEnd = end;
        this.description = description;
        this.remedy = remedy;
        this.requestedPublic = requestedPublic;
        this.requestedProfessional = requestedProfessional;
        this.basis = basis;
        this.status = Status.IN_REVIEW;
    }

    public void startedAs(String processInstanceId) {
        this.processInstanceId = processInstanceId;
    }

    public void approve(String by, BigDecimal pub, BigDecimal prof, String comment) {
        this.approvedPublic = pub;
        this.approvedProfessional = prof;
        decided(by, Status.APPROVED, comment);
    }

    public void reject(String by, String comment) {
        decided(by, Status.REJECTED, comment);
    }

    public void returnForEvidence(String by, String comment) {
        decided(by, Status.RETURNED, comment);
    }

    private void decided(String by, Status s, String comment) {
        this.decidedBy = by;
        this.decidedAt = BusinessClock.now();
        this.status = s;
        this.decisionComment = comment;
    }

    public Long getId() {
        return id;
    }

    public String getClaimant() {
        return claimant;
    }

    public Long getUnitId() {
        return unitId;
    }

    public String getRuleSet() {
        return ruleSet;
    }

    public int getYear() {
        return year;
    }

    public Reason getReason() {
        return reason;
    }

    public LocalDate getPeriodStart() {
        return periodStart;
    }

    public LocalDate getPeriodEnd() {
        return periodEnd;
    }

    public String getDescription() {
        return description;
    }

    public Remedy getRemedy() {
        return remedy;
    }

    public BigDecimal getRequestedPublic() {
        return requestedPublic;
    }

    public BigDecimal getRequestedProfessional() {
        return requestedProfessional;
    }

    public BigDecimal getApprovedPublic() {
        return approvedPublic;
    }

    public BigDecimal getApprovedProfessional() {
        return approvedProfessional;
    }

    public Status getStatus() {
        return status;
    }

    public String getProcessInstanceId() {
        return processInstanceId;
    }

    public String getSubmissionKey() {
        return submissionKey;
    }

    public String getDecidedBy() {
        return decidedBy;
    }

    public Instant getDecidedAt() {
        return decidedAt;
    }

    public String getDecisionComment() {
        return decisionComment;
    }

    public String getBasis() {
        return basis;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
