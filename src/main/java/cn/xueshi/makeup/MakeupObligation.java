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
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** 补学义务: year Y's shortfall, to be made up with claims registered in Y+1 and marked for Y, by the due date. */
@Entity
@Table(name = "xs_makeup_obligation")
public class MakeupObligation {

    public enum Status { OPEN, FULFILLED, MISSED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "request_id", nullable = false)
    private Long requestId;

    @Column(nullable = false)
    private String claimant;

    @Column(name = "unit_id", nullable = false)
    private Long unitId;

    @Column(name = "obligation_year", nullable = false)
    private int year;

    @Column(name = "due_date", nullable = false)
    private LocalDate dueDate;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status = Status.OPEN;

    @Column(name = "shortfall_public")
    private BigDecimal shortfallPublic;

    @Column(name = "shortfall_professional")
    private BigDecimal shortfallProfessional;

    @Column(name = "checked_at")
    private Instant checkedAt;

    protected MakeupObligation() {
    }

    public MakeupObligation(Long requestId, String claimant, Long unitId, int year, LocalDate dueDate) {
        this.requestId = requestId;
        this.claimant = claimant;
        this.unitId = unitId;
        this.year = year;
        this.dueDate = dueDate;
    }

    public void checked(boolean covered, BigDecimal shortPublic, BigDecimal shortProfessional) {
        this.status = covered ? Status.FULFILLED : Status.MISSED;
        this.shortfallPublic = shortPublic;
        this.shortfallProfessional = shortProfessional;
        this.checkedAt = BusinessClock.now();
    }

    public Long getId() {
        return id;
    }

    public Long getRequestId() {
        return requestId;
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

    public LocalDate getDueDate() {
        return dueDate;
    }

    public Status getStatus() {
        return status;
    }

    public BigDecimal getShortfallPublic() {
        return shortfallPublic;
    }

    public BigDecimal getShortfallProfessional() {
        return shortfallProfessional;
    }

    public Instant getCheckedAt() {
        return checkedAt;
    }
}
