package cn.xueshi.workbench;

import cn.xueshi.clock.BusinessClock;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** 规则变更审计: who changed what in a rule set, when and why. */
@Entity
@Table(name = "xs_wb_audit")
public class RuleAudit {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "rule_set", nullable = false)
    private String ruleSet;
    @Column(nullable = false)
    private String actor;
    @Column(nullable = false)
    private String action;
    private String detail;
    private String comment;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected RuleAudit() {
    }

    RuleAudit(String ruleSet, String actor, String action, String detail, String comment) {
        this.ruleSet = ruleSet;
        this.actor = actor;
        this.action = action;
        this.detail = detail == null || detail.length() <= 4000 ? detail : detail.substring(0, 3990) + "…";
        this.comment = comment;
        this.createdAt = BusinessClock.now();
    }

    public Long getId() {
        return id;
    }

    public String getRuleSet() {
        return ruleSet;
    }

    public String getActor() {
        return actor;
    }

    public String getAction() {
        return action;
    }

    public String getDetail() {
        return detail;
    }

    public String getComment() {
        return comment;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
