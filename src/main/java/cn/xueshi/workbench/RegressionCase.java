package cn.xueshi.workbench;

import cn.xueshi.clock.BusinessClock;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** 回归用例: a recognition request of one rule set and the results it must give (keys as in the API answer). */
@Entity
@Table(name = "xs_wb_case")
public class RegressionCase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "rule_set", nullable = false)
    private String ruleSet;
    @Column(nullable = false)
    private String name;
    @Column(name = "request_json", nullable = false, length = 100000)
    private String requestJson;
    @Column(name = "expect_json", nullable = false, length = 100000)
    private String expectJson;
    /** SEED (shipped) or ANALYST */
    @Column(nullable = false)
    private String source;
    @Column(name = "updated_by", nullable = false)
    private String updatedBy;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected RegressionCase() {
    }

    RegressionCase(String ruleSet, String name, String requestJson, String expectJson, String source, String by) {
        this.ruleSet = ruleSet;
        this.name = name;
        this.requestJson = requestJson;
        this.expectJson = expectJson;
        this.source = source;
        this.updatedBy = by;
        this.updatedAt = BusinessClock.now();
    }

    void update(String name, String requestJson, String expectJson, String by) {
        this.name = name;
        this.requestJson = requestJson;
        this.expectJson = expectJson;
        this.updatedBy = by;
        this.updatedAt = BusinessClock.now();
    }

    /** A shipped case renamed by a newer release (RegressionSeeds); what it checks stays. */
    void rename(String name) {
        this.name = name;
    }

    public Long getId() {
        return id;
    }

    public String getRuleSet() {
        return ruleSet;
    }

    public String getName() {
        return name;
    }

    public String getRequestJson() {
        return requestJson;
    }

    public String getExpectJson() {
        return expectJson;
    }

    public String getSource() {
        return source;
    }

    public String getUpdatedBy() {
        return updatedBy;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
