package cn.xueshi.workbench;

import cn.xueshi.clock.BusinessClock;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A version an analyst made active: who, when, why; Camunda holds the model itself. */
@Entity
@Table(name = "xs_wb_deployment")
public class AnalystDeployment {

    /** DEPLOY a draft, ROLLBACK to an earlier version, KEPT over a changed model shipped with a release. */
    public enum Kind { DEPLOY, ROLLBACK, KEPT }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "rule_set", nullable = false)
    private String ruleSet;
    @Column(name = "deployment_id", nullable = false)
    private String deploymentId;
    @Column(nullable = false)
    private String kind;
    @Column(name = "from_version")
    private Integer fromVersion;
    @Column(name = "deployed_by", nullable = false)
    private String deployedBy;
    @Column(name = "deployed_at", nullable = false)
    private Instant deployedAt;
    @Column(nullable = false)
    private String comment;

    protected AnalystDeployment() {
    }

    AnalystDeployment(String ruleSet, String deploymentId, Kind kind, Integer fromVersion, String by, String comment) {
        this.ruleSet = ruleSet;
        this.deploymentId = deploymentId;
        this.kind = kind.name();
        this.fromVersion = fromVersion;
        this.deployedBy = by;
        this.deployedAt = BusinessClock.now();
        this.comment = comment;
    }

    public Long getId() {
        return id;
    }

    public String getRuleSet() {
        return ruleSet;
    }

    public String getDeploymentId() {
        return deploymentId;
    }

    public String getKind() {
        return kind;
    }

    public Integer getFromVersion() {
        return fromVersion;
    }

    public String getDeployedBy() {
        return deployedBy;
    }

    public Instant getDeployedAt() {
        return deployedAt;
    }

    public String getComment() {
        return comment;
    }
}
