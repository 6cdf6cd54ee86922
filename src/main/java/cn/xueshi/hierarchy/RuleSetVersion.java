package cn.xueshi.hierarchy;

import cn.xueshi.clock.BusinessClock;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One version of a derived rule set: its delta over one parent version and where it stands in filing
 * (DRAFT → FILING → FILED, or RETURNED → FILING again). Only a FILED version is deployed and ever prices a claim.
 */
@Entity
@Table(name = "xs_rule_set_version")
public class RuleSetVersion {

    public enum Status { DRAFT, FILING, FILED, RETURNED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "rule_set_key", nullable = false)
    private String ruleSetKey;
    @Column(nullable = false)
    private int version;
    @Column(name = "parent_version", nullable = false)
    private int parentVersion;
    @Column(nullable = false)
    private String status;
    @Column(name = "delta_json", nullable = false, length = 1000000)
    private String deltaJson;
    @Column(length = 2000)
    private String reason;
    @Column(name = "document_ref", length = 300)
    private String documentRef;
    @Column(name = "effective_from")
    private LocalDate effectiveFrom;
    @Column(length = 2000)
    private String comments;
    @Column(name = "decision_version")
    private Integer decisionVersion;
    @Column(name = "process_instance_id")
    private String processInstanceId;
    @Column(name = "submitted_by")
    private String submittedBy;
    @Column(name = "decided_by")
    private String decidedBy;
    @Column(name = "created_by", nullable = false)
    private String createdBy;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Version
    @Column(name = "opt_lock", nullable = false)
    private long optLock;

    protected RuleSetVersion() {
    }

    RuleSetVersion(String ruleSetKey, int version, int parentVersion, String deltaJson, String createdBy) {
        this.ruleSetKey = ruleSetKey;
        this.version = version;
        this.parentVersion = parentVersion;
        this.deltaJson = deltaJson;
        this.status = Status.DRAFT.name();
        this.createdBy = createdBy;
        this.createdAt = BusinessClock.now();
        this.updatedAt = createdAt;
    }

    void edit(String deltaJson, int parentVersion) {
        this.deltaJson = deltaJson;
        this.parentVersion = parentVersion;
        touch();
    }

    void submit(String reason, String documentRef, LocalDate effectiveFrom, String by) {
        this.reason = reason;
        this.documentRef = documentRef;
        this.effectiveFrom = effectiveFrom;
        this.submittedBy = by;
        this.status = Status.FILING.name();
        touch();
    }

    void started(String processInstanceId) {
        this.processInstanceId = processInstanceId;
    }

    void file(LocalDate effectiveFrom, int decisionVersion, String by, String comments) {
        this.effectiveFrom = effectiveFrom;
        this.decisionVersion = decisionVersion;
        this.decidedBy = by;
        this.comments = comments;
        this.status = Status.FILED.name();
        touch();
    }

    void returnWith(String comments, String by) {
        this.comments = comments;
        this.decidedBy = by;
        this.status = Status.RETURNED.name();
        touch();
    }

    private void touch() {
        this.updatedAt = BusinessClock.now();
    }

    public Long getId() {
        return id;
    }

    public String getRuleSetKey() {
        return ruleSetKey;
    }

    public int getVersion() {
        return version;
    }

    public int getParentVersion() {
        return parentVersion;
    }

    public Status getStatus() {
        return Status.valueOf(status);
    }

    public String getDeltaJson() {
        return deltaJson;
    }

    public String getReason() {
        return reason;
    }

    public String getDocumentRef() {
        return documentRef;
    }

    public LocalDate getEffectiveFrom() {
        return effectiveFrom;
    }

    public String getComments() {
        return comments;
    }

    public Integer getDecisionVersion() {
        return decisionVersion;
    }

    public String getProcessInstanceId() {
        return processInstanceId;
    }

    public String getSubmittedBy() {
        return submittedBy;
    }
}
