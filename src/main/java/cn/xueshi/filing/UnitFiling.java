package cn.xueshi.filing;

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
import java.time.Instant;
import java.time.LocalDate;

/** 年度备案: one unit's filing of a year's registered hours with the HR bureau; one process instance each. */
@Entity
@Table(name = "xs_unit_filing")
public class UnitFiling {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "unit_id", nullable = false)
    private Long unitId;

    @Column(name = "filing_year", nullable = false)
    private int year;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private FilingStatus status = FilingStatus.COMPILING;

    @Column(name = "process_instance_id")
    private String processInstanceId;

    @Column(nullable = false)
    private LocalDate deadline;

    @Column(name = "started_by", nullable = false)
    private String startedBy;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt = BusinessClock.now();

    @Column(name = "submitted_by")
    private String submittedBy;

    @Column(name = "submitted_at")
    private Instant submittedAt;

    @Column(name = "verified_by")
    private String verifiedBy;

    @Column(name = "verified_at")
    private Instant verifiedAt;

    @Column(name = "bureau_comment")
    private String bureauComment;

    @Version
    private long version;

    protected UnitFiling() {
    }

    public UnitFiling(Long unitId, int year, LocalDate deadline, String startedBy) {
        this.unitId = unitId;
        this.year = year;
        this.deadline = deadline;
        this.startedBy = startedBy;
    }

    public void startedAs(String processInstanceId) {
        this.processInstanceId = processInstanceId;
    }

    public void submitted(String by) {
        this.submittedBy = by;
        this.submittedAt = BusinessClock.now();
        this.status = FilingStatus.SUBMITTED;
    }

    public void returned(String by, String comment) {
        this.verifiedBy = by;
        this.bureauComment = comment;
        this.status = FilingStatus.RETURNED;
    }

    public void filed(String by, String comment) {
        this.verifiedBy = by;
        this.verifiedAt = BusinessClock.now();
        this.bureauComment = comment;
        this.status = FilingStatus.FILED;
    }

    public Long getId() {
        return id;
    }

    public Long getUnitId() {
        return unitId;
    }

    public int getYear() {
        return year;
    }

    public FilingStatus getStatus() {
        return status;
    }

    public String getProcessInstanceId() {
        return processInstanceId;
    }

    public LocalDate getDeadline() {
        return deadline;
    }

    public String getStartedBy() {
        return startedBy;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public String getSubmittedBy() {
        return submittedBy;
    }

    public Instant getSubmittedAt() {
        return submittedAt;
    }

    public String getVerifiedBy() {
        return verifiedBy;
    }

    public Instant getVerifiedAt() {
        return verifiedAt;
    }

    public String getBureauComment() {
        return bureauComment;
    }
}
