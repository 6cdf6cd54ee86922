package cn.xueshi.claim;

import cn.xueshi.clock.BusinessClock;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** 学时登记: one person's registration of one or more activities for one year, carried by one process instance. */
@Entity
@Table(name = "xs_claim")
public class Claim {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String claimant;

    @Column(name = "unit_id", nullable = false)
    private Long unitId;

    @Column(name = "rule_set", nullable = false)
    private String ruleSet;

    @Column(name = "claim_year", nullable = false)
    private int year;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ClaimStatus status = ClaimStatus.SUBMITTED;

    private String description;

    @Column(name = "submission_key", nullable = false, unique = true)
    private String submissionKey;

    @Column(name = "process_instance_id")
    private String processInstanceId;

    /** UNIT, BUREAU or DEPARTMENT, as the routing table decided. */
    @Column(name = "reviewer_kind")
    private String reviewerKind;

    /** For DEPARTMENT: the hierarchy code of the department whose reviewers review the claim (青岛 2023 五). */
    @Column(name = "reviewer_department")
    private String reviewerDepartment;

    @Column(name = "review_due")
    private Instant reviewDue;

    @Column(name = "proposed_hours")
    private BigDecimal proposedHours;
    @Column(name = "proposed_public")
    private BigDecimal proposedPublic;
    @Column(name = "proposed_professional")
    private BigDecimal proposedProfessional;

    @Column(name = "approved_hours")
    private BigDecimal approvedHours;
    @Column(name = "approved_public")
    private BigDecimal approvedPublic;
    @Column(name = "approved_professional")
    private BigDecimal approvedProfessional;

    @Column(name = "adjustment_reason")
    private String adjustmentReason;

    @Column(name = "decided_by")
    private String decidedBy;

    @Column(name = "decided_at")
    private Instant decidedAt;

    @Column(name = "submitted_at", nullable = false)
    private Instant submittedAt = BusinessClock.now();

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt = BusinessClock.now();

    @Column(name = "publicity_start")
    private Instant publicityStart;

    @Column(name = "publicity_end")
    private Instant publicityEnd;

    @Column(name = "registered_at")
    private Instant registeredAt;

    @Column(name = "filed_at")
    private Instant filedAt;

    @Column(name = "filing_id")
    private Long filingId;

    /** 补学: registered in the following year but counted for this year's shortfall. */
    @Column(name = "makeup_for_year")
    private Integer makeupForYear;

    /** HISTORY, PROVIDER_REPORT, ACTIVITY_ROSTER: made by an import, not typed into the form (null: the form). */
    private String origin;

    /** The record's source as the import named it (平台导出, 单位台账, the provider's name). */
    private String source;

    @Column(name = "import_id")
    private String importId;

    @Version
    private long version;

    @OneToMany(mappedBy = "claim", cascade = CascadeType.ALL, orphanRemoval = true, fetch = FetchType.EAGER)
    @OrderBy("position")
    private List<ClaimItem> items = new ArrayList<>();

    protected Claim() {
    }

    public Claim(String claimant, Long unitId, String ruleSet, int year, String description, String submissionKey) {
        this.claimant = claimant;
        this.unitId = unitId;
        this.ruleSet = ruleSet;
        this.year = year;
        this.description = description;
        this.submissionKey = submissionKey;
    }

    public void replaceItems(List<ClaimItem> newItems, String description) {
        items.clear();
        int position = 0;
        for (ClaimItem item : newItems) {
            item.attach(this, position++);
            items.add(item);
        }
        this.description = description;
        touch();
    }

    public void startedAs(String processInstanceId) {
        this.processInstanceId = processInstanceId;
    }

    public void proposed(BigDecimal total, BigDecimal pub, BigDecimal prof) {
        this.proposedHours = total;
        this.proposedPublic = pub;
        this.proposedProfessional = prof;
        touch();
    }

    public void inReview(String reviewerKind, Instant due) {
        inReview(reviewerKind, null, due);
    }

    public void inReview(String reviewerKind, String reviewerDepartment, Instant due) {
        this.reviewerKind = reviewerKind;
        this.reviewerDepartment = reviewerDepartment;
        this.reviewDue = due;
        this.status = ClaimStatus.IN_REVIEW;
        touch();
    }

    /** Freezes the approved hours: the proposal, or the reviewer's adjustment with its reason. */
    public void approve(String reviewer, BigDecimal pub, BigDecimal prof, String reason) {
        this.approvedPublic = pub;
        this.approvedProfessional = prof;
        this.approvedHours = pub.add(prof);
        this.adjustmentReason = reason;
        decided(reviewer, ClaimStatus.APPROVED);
    }

    public void reject(String reviewer) {
        decided(reviewer, ClaimStatus.REJECTED);
    }

    /** 撤回 by the claimant: the claim ends without hours (the reason is in the audit trail). */
    public void withdraw() {
        this.status = ClaimStatus.WITHDRAWN;
        touch();
    }

    public void returnForCorrection(String reviewer) {
        decided(reviewer, ClaimStatus.RETURNED);
    }

    public void resubmitted() {
        this.status = ClaimStatus.SUBMITTED;
        this.reviewDue = null;
        touch();
    }

    /** 公示: on the unit's board until {@code end}. */
    public void publicize(Instant start, Instant end) {
        this.publicityStart = start;
        this.publicityEnd = end;
        this.status = ClaimStatus.IN_PUBLICITY;
        touch();
    }

    /** 登记完成: publicity is over (or not required); the hours count toward the year. */
    public void register() {
        this.registeredAt = BusinessClock.now();
        this.status = ClaimStatus.REGISTERED;
        touch();
    }

    /** An upheld objection sends the claim back to review; the earlier approval no longer stands. */
    public void reopenForReview() {
        this.approvedHours = null;
        this.approvedPublic = null;
        this.approvedProfessional = null;
        this.adjustmentReason = null;
        this.publicityStart = null;
        this.publicityEnd = null;
        this.status = ClaimStatus.SUBMITTED;
        touch();
    }

    /** 已备案 by the unit's annual filing. */
    public void filed(long filingId) {
        this.filingId = filingId;
        this.filedAt = BusinessClock.now();
        this.status = ClaimStatus.FILED;
        touch();
    }

    private void decided(String reviewer, ClaimStatus newStatus) {
        this.decidedBy = reviewer;
        this.decidedAt = BusinessClock.now();
        this.status = newStatus;
        touch();
    }

    private void touch() {
        this.updatedAt = BusinessClock.now();
    }

    /** Made by an import ({@code origin}), naming where the record comes from. */
    public void importedFrom(String origin, String source, String importId) {
        this.origin = origin;
        this.source = source;
        this.importId = importId;
    }

    public String getOrigin() {
        return origin;
    }

    public String getSource() {
        return source;
    }

    public String getImportId() {
        return importId;
    }

    public boolean isAdjusted() {
        return adjustmentReason != null;
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

    public ClaimStatus getStatus() {
        return status;
    }

    public String getDescription() {
        return description;
    }

    public String getSubmissionKey() {
        return submissionKey;
    }

    public String getProcessInstanceId() {
        return processInstanceId;
    }

    public String getReviewerKind() {
        return reviewerKind;
    }

    public String getReviewerDepartment() {
        return reviewerDepartment;
    }

    public Instant getReviewDue() {
        return reviewDue;
    }

    public BigDecimal getProposedHours() {
        return proposedHours;
    }

    public BigDecimal getProposedPublic() {
        return proposedPublic;
    }

    public BigDecimal getProposedProfessional() {
        return proposedProfessional;
    }

    public BigDecimal getApprovedHours() {
        return approvedHours;
    }

    public BigDecimal getApprovedPublic() {
        return approvedPublic;
    }

    public BigDecimal getApprovedProfessional() {
        return approvedProfessional;
    }

    public String getAdjustmentReason() {
        return adjustmentReason;
    }

    public String getDecidedBy() {
        return decidedBy;
    }

    public Instant getDecidedAt() {
        return decidedAt;
    }

    public Instant getSubmittedAt() {
        return submittedAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public Instant getPublicityStart() {
        return publicityStart;
    }

    public Instant getPublicityEnd() {
        return publicityEnd;
    }

    public Instant getRegisteredAt() {
        return registeredAt;
    }

    public Instant getFiledAt() {
        return filedAt;
    }

    public Integer getMakeupForYear() {
        return makeupForYear;
    }

    public void countFor(Integer makeupYear) {
        this.makeupForYear = makeupYear;
    }

    public Long getFilingId() {
        return filingId;
    }

    public long getVersion() {
        return version;
    }

    /**
     * The date the claim is priced on: its earliest activity date (a claim's items all fall under one version of
     * its rule set, ClaimValidation), 31 December of its year when no item has a date.
     */
    public java.time.LocalDate pricingDate() {
        return items.stream().map(ClaimItem::getActivityDate).filter(java.util.Objects::nonNull)
                .min(java.time.LocalDate::compareTo).orElse(java.time.LocalDate.of(year, 12, 31));
    }

    public List<ClaimItem> getItems() {
        return items;
    }
}
