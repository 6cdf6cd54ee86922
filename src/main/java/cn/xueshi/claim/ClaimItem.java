package cn.xueshi.claim;

import cn.xueshi.rules.ItemResult;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.LocalDate;

/** One activity of a claim: its type, the catalog parameters as typed, and the hours the rules gave it. */
@Entity
@Table(name = "xs_claim_item")
public class ClaimItem {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "claim_id")
    private Claim claim;

    @Column(nullable = false)
    private int position;

    @Column(name = "activity_type", nullable = false)
    private String activityType;

    /** The catalog parameters (days, rank, level, …) as a JSON object. */
    @Column(name = "params_json", nullable = false)
    private String paramsJson;

    /** Title of the paper, patent, project or course: what duplicates are found by. */
    private String title;

    /** 成果编号 as typed (DOI, ISBN, 专利号, 证书编号, 课题编号): the same achievement counts once (AchievementIdentity). */
    @Column(name = "achievement_id")
    private String identifier;

    @Column(name = "activity_date", nullable = false)
    private LocalDate activityDate;

    @Column(name = "activity_end")
    private LocalDate activityEnd;

    private BigDecimal hours;
    @Column(name = "public_hours")
    private BigDecimal publicHours;
    @Column(name = "professional_hours")
    private BigDecimal professionalHours;
    @Column(name = "full_year")
    private String fullYear;
    @Column(name = "rule_id")
    private String ruleId;
    private String basis;
    @Column(name = "decision_key")
    private String decisionKey;
    @Column(name = "decision_version")
    private Integer decisionVersion;

    protected ClaimItem() {
    }

    public ClaimItem(String activityType, String paramsJson, String title, LocalDate activityDate,
            LocalDate activityEnd) {
        this.activityType = activityType;
        this.paramsJson = paramsJson;
        this.title = title;
        this.activityDate = activityDate;
        this.activityEnd = activityEnd;
    }

    ClaimItem identifiedBy(String identifier) {
        this.identifier = identifier;
        return this;
    }

    public String getIdentifier() {
        return identifier;
    }

    void attach(Claim claim, int position) {
        this.claim = claim;
        this.position = position;
    }

    /** Records what the rules produced, with the decision version and rule, so a later table change never rewrites it. */
    public void recognized(ItemResult r) {
        this.hours = r.hours();
        this.publicHours = r.publicHours();
        this.professionalHours = r.professionalHours();
        this.fullYear = r.fullYear();
        this.ruleId = r.ruleId();
        this.basis = r.basis();
        this.decisionKey = r.decisionKey();
        this.decisionVersion = r.decisionVersion();
    }

    public Long getId() {
        return id;
    }

    public Claim getClaim() {
        return claim;
    }

    public int getPosition() {
        return position;
    }

    public String getActivityType() {
        return activityType;
    }

    public String getParamsJson() {
        return paramsJson;
    }

    public String getTitle() {
        return title;
    }

    public LocalDate getActivityDate() {
        return activityDate;
    }

    public LocalDate getActivityEnd() {
        return activityEnd;
    }

    public BigDecimal getHours() {
        return hours;
    }

    public BigDecimal getPublicHours() {
        return publicHours;
    }

    public BigDecimal getProfessionalHours() {
        return professionalHours;
    }

    public String getFullYear() {
        return fullYear;
    }

    public String getRuleId() {
        return ruleId;
    }

    public String getBasis() {
        return basis;
    }

    public String getDecisionKey() {
        return decisionKey;
    }

    public Integer getDecisionVersion() {
        return decisionVersion;
    }
}
