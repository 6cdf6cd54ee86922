package cn.xueshi.collective;

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

/** 单位组织的学习活动: created once by the unit's reviewer; the roster's attendees each get a claim. */
@Entity
@Table(name = "xs_unit_activity")
public class UnitActivity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "unit_id", nullable = false)
    private Long unitId;

    @Column(nullable = false)
    private String title;

    @Column(name = "activity_type", nullable = false)
    private String activityType;

    /** The activity's parameters (minutes, characters…) as typed, JSON; an attendee's own values override them. */
    @Column(name = "params_json", nullable = false)
    private String paramsJson;

    @Column(name = "activity_date", nullable = false)
    private LocalDate activityDate;

    @Column(nullable = false)
    private String organiser;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = BusinessClock.now();

    @Version
    private long version;

    protected UnitActivity() {
    }

    public UnitActivity(Long unitId, String title, String activityType, String paramsJson, LocalDate activityDate,
            String organiser, String createdBy) {
        this.unitId = unitId;
        this.title = title;
        this.activityType = activityType;
        this.paramsJson = paramsJson;
        this.activityDate = activityDate;
        this.organiser = organiser;
        this.createdBy = createdBy;
    }

    public Long getId() {
        return id;
    }

    public Long getUnitId() {
        return unitId;
    }

    public String getTitle() {
        return title;
    }

    public String getActivityType() {
        return activityType;
    }

    public String getParamsJson() {
        return paramsJson;
    }

    public LocalDate getActivityDate() {
        return activityDate;
    }

    public String getOrganiser() {
        return organiser;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
