package cn.xueshi.title;

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

/**
 * 继续教育学习证明 for a title application (Jilin 2026 notice 五（三）: 由用人单位或主管部门出具的完成XX年度继续教育学习
 * 证明（加盖单位公章）): requested by the employee, issued or refused by the unit or the bureau. Once issued it keeps
 * what it stated, so the printed PDF and the public verification page always agree.
 */
@Entity
@Table(name = "xs_title_proof")
public class TitleProof {

    public enum Status { REQUESTED, ISSUED, REFUSED }

    /** Who issues: the unit's reviewers, or the local bureau (review-routing's reviewerKind). */
    public enum Issuer { UNIT, BUREAU }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String claimant;

    @Column(name = "unit_id", nullable = false)
    private Long unitId;

    @Column(name = "application_year", nullable = false)
    private int year;

    @Enumerated(EnumType.STRING)
    @Column(name = "issuer_kind", nullable = false)
    private Issuer issuer;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status = Status.REQUESTED;

    @Column(name = "submission_key", nullable = false)
    private String submissionKey;

    /** 职称申报日期 the person stated with the request (optional): reminders run before it while hours are short. */
    @Column(name = "application_date")
    private java.time.LocalDate applicationDate;

    @Column(name = "process_instance_id")
    private String processInstanceId;

    @Column(name = "requested_at", nullable = false)
    private Instant requestedAt;

    @Column(name = "decided_by")
    private String decidedBy;

    @Column(name = "decided_at")
    private Instant decidedAt;

    @Column(name = "refusal_reason")
    private String refusalReason;

    private String code;

    @Column(name = "holder_name")
    private String holderName;

    @Column(name = "family_name")
    private String familyName;

    @Column(name = "unit_name")
    private String unitName;

    @Column(name = "issuer_name")
    private String issuerName;

    private String verdict;

    @Column(name = "window_total")
    private BigDecimal windowTotal;

    @Column(name = "window_required")
    private BigDecimal windowRequired;

    /** The issued check, year by year, as JSON ({@link ProofSnapshot}). */
    private String snapshot;

    @Version
    private long version;

    protected TitleProof() {
    }

    TitleProof(String claimant, long unitId, int year, Issuer issuer, String submissionKey) {
        this.claimant = claimant;
        this.unitId = unitId;
        this.year = year;
        this.issuer = issuer;
        this.submissionKey = submissionKey;
        this.requestedAt = BusinessClock.now();
    }

    void filedOn(java.time.LocalDate date) {
        this.applicationDate = date;
    }

    void startedAs(String processInstanceId) {
        this.processInstanceId = processInstanceId;
    }

    void issue(String by, String code, String holderName, String familyName, String unitName, String issuerName,
            TitleApplication check, String snapshot) {
        this.status = Status.ISSUED;
        this.decidedBy = by;
        this.decidedAt = BusinessClock.now();
        this.code = code;
        this.holderName = holderName;
        this.familyName = familyName;
        this.unitName = unitName;
        this.issuerName = issuerName;
        this.verdict = check.verdict().name();
        this.windowTotal = check.windowTotal();
        this.windowRequired = check.windowRequired();
        this.snapshot = snapshot;
    }

    void refuse(String by, String reason) {
        this.status = Status.REFUSED;
        this.decidedBy = by;
        this.decidedAt = BusinessClock.now();
        this.refusalReason = reason;
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

    public int getYear() {
        return year;
    }

    public java.time.LocalDate getApplicationDate() {
        return applicationDate;
    }

    public Issuer getIssuer() {
        return issuer;
    }

    public Status getStatus() {
        return status;
    }

    public String getSubmissionKey() {
        return submissionKey;
    }

    public String getProcessInstanceId() {
        return processInstanceId;
    }

    public Instant getRequestedAt() {
        return requestedAt;
    }

    public String getDecidedBy() {
        return decidedBy;
    }

    public Instant getDecidedAt() {
        return decidedAt;
    }

    public String getRefusalReason() {
        return refusalReason;
    }

    public String getCode() {
        return code;
    }

    public String getHolderName() {
        return holderName;
    }

    public String getFamilyName() {
        return familyName;
    }

    public String getUnitName() {
        return unitName;
    }

    public String getIssuerName() {
        return issuerName;
    }

    public String getVerdict() {
        return verdict;
    }

    public BigDecimal getWindowTotal() {
        return windowTotal;
    }

    public BigDecimal getWindowRequired() {
        return windowRequired;
    }

    public String getSnapshot() {
        return snapshot;
    }
}
