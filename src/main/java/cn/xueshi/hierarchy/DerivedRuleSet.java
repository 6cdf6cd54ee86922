package cn.xueshi.hierarchy;

import cn.xueshi.clock.BusinessClock;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A derived rule set (行业办法 or 单位实施细则): its owner and the rule set it is based on. */
@Entity
@Table(name = "xs_rule_set")
public class DerivedRuleSet {

    public enum OwnerKind { DEPARTMENT, UNIT }

    @Id
    @Column(name = "rule_set_key")
    private String key;
    @Column(name = "name_zh", nullable = false)
    private String nameZh;
    @Column(name = "owner_kind", nullable = false)
    private String ownerKind;
    @Column(name = "owner_code", nullable = false)
    private String ownerCode;
    @Column(nullable = false)
    private String jurisdiction;
    @Column(name = "parent_key", nullable = false)
    private String parentKey;
    @Column(name = "created_by", nullable = false)
    private String createdBy;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected DerivedRuleSet() {
    }

    DerivedRuleSet(String key, String nameZh, OwnerKind ownerKind, String ownerCode, String jurisdiction,
            String parentKey, String createdBy) {
        this.key = key;
        this.nameZh = nameZh;
        this.ownerKind = ownerKind.name();
        this.ownerCode = ownerCode;
        this.jurisdiction = jurisdiction;
        this.parentKey = parentKey;
        this.createdBy = createdBy;
        this.createdAt = BusinessClock.now();
    }

    public String getKey() {
        return key;
    }

    public String getNameZh() {
        return nameZh;
    }

    public OwnerKind getOwnerKind() {
        return OwnerKind.valueOf(ownerKind);
    }

    public String getOwnerCode() {
        return ownerCode;
    }

    public String getJurisdiction() {
        return jurisdiction;
    }

    public String getParentKey() {
        return parentKey;
    }
}
