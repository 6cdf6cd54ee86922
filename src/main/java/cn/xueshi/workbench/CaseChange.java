package cn.xueshi.workbench;

import cn.xueshi.clock.BusinessClock;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A regression case's new expectation, made in a draft and applied when that draft is deployed. */
@Entity
@Table(name = "xs_wb_case_change")
public class CaseChange {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "draft_id", nullable = false)
    private Long draftId;
    @Column(name = "case_id", nullable = false)
    private Long caseId;
    @Column(name = "expect_json", nullable = false, length = 100000)
    private String expectJson;
    @Column(nullable = false)
    private String comment;
    @Column(name = "changed_by", nullable = false)
    private String changedBy;
    @Column(name = "changed_at", nullable = false)
    private Instant changedAt;

    protected CaseChange() {
    }

    CaseChange(Long draftId, Long caseId) {
        this.draftId = draftId;
        this.caseId = caseId;
    }

    void set(String expectJson, String comment, String by) {
        this.expectJson = expectJson;
        this.comment = comment;
        this.changedBy = by;
        this.changedAt = BusinessClock.now();
    }

    public Long getId() {
        return id;
    }

    public Long getDraftId() {
        return draftId;
    }

    public Long getCaseId() {
        return caseId;
    }

    public String getExpectJson() {
        return expectJson;
    }

    public String getComment() {
        return comment;
    }

    public String getChangedBy() {
        return changedBy;
    }

    public Instant getChangedAt() {
        return changedAt;
    }
}
