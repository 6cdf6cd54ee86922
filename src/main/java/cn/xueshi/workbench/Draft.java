package cn.xueshi.workbench;

import cn.xueshi.clock.BusinessClock;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** 规则草稿: a rule set's DRD being changed, saved without deploying. */
@Entity
@Table(name = "xs_wb_draft")
public class Draft {

    /** Where the draft's XML came from. */
    public enum Origin { EDITED, UPLOADED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "rule_set", nullable = false)
    private String ruleSet;
    @Column(name = "base_version", nullable = false)
    private int baseVersion;
    @Column(name = "dmn_xml", nullable = false, length = 1000000)
    private String dmnXml;
    @Column(nullable = false)
    private String origin;
    @Column(name = "created_by", nullable = false)
    private String createdBy;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Draft() {
    }

    Draft(String ruleSet, int baseVersion, String dmnXml, Origin origin, String createdBy) {
        this.ruleSet = ruleSet;
        this.baseVersion = baseVersion;
        this.dmnXml = dmnXml;
        this.origin = origin.name();
        this.createdBy = createdBy;
        this.createdAt = BusinessClock.now();
        this.updatedAt = createdAt;
    }

    void change(String xml, Origin origin) {
        this.dmnXml = xml;
        this.origin = origin.name();
        this.updatedAt = BusinessClock.now();
    }

    public Long getId() {
        return id;
    }

    public String getRuleSet() {
        return ruleSet;
    }

    public int getBaseVersion() {
        return baseVersion;
    }

    public String getDmnXml() {
        return dmnXml;
    }

    public String getOrigin() {
        return origin;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
