package cn.xueshi.collective;

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

/** One person on an activity's roster, with their own parameters (minutes, characters) and their claim. */
@Entity
@Table(name = "xs_activity_attendee")
public class Attendance {

    public enum Status { ON_ROSTER, REMOVED, DECLINED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "activity_id", nullable = false)
    private Long activityId;

    @Column(name = "user_id", nullable = false)
    private String userId;

    @Column(name = "claim_id")
    private Long claimId;

    @Column(name = "params_json", nullable = false)
    private String paramsJson;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status = Status.ON_ROSTER;

    @Column(name = "updated_by", nullable = false)
    private String updatedBy;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt = BusinessClock.now();

    @Version
    private long version;

    protected Attendance() {
    }

    public Attendance(Long activityId, String userId, String paramsJson, String by) {
        this.activityId = activityId;
        this.userId = userId;
        this.paramsJson = paramsJson;
        this.updatedBy = by;
    }

    void claimed(long claimId) {
        this.claimId = claimId;
    }

    void change(Status status, String by) {
        this.status = status;
        this.updatedBy = by;
        this.updatedAt = BusinessClock.now();
    }

    public Long getId() {
        return id;
    }

    public Long getActivityId() {
        return activityId;
    }

    public String getUserId() {
        return userId;
    }

    public Long getClaimId() {
        return claimId;
    }

    public String getParamsJson() {
        return paramsJson;
    }

    public Status getStatus() {
        return status;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
