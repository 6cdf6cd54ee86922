package cn.xueshi.identity;

import cn.xueshi.clock.BusinessClock;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** 用人单位: the employer a professional belongs to; its jurisdiction's rule set applies to its people. */
@Entity
@Table(name = "xs_unit")
public class Unit {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true)
    private String code;

    @Column(nullable = false)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(name = "unit_type", nullable = false)
    private UnitType unitType;

    @Column(nullable = false)
    private String jurisdiction;

    @Column(name = "rule_set", nullable = false)
    private String ruleSet;

    /** 行业主管部门 */
    @Column(name = "competent_department")
    private String competentDepartment;

    /** 行业 (e.g. HEALTH): which industry rules its department writes */
    @Column(name = "industry")
    private String industry;

    /** the 行业主管部门 as data (xs_department): its filed rules apply unless the unit has its own */
    @Column(name = "department_code")
    private String departmentCode;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = BusinessClock.now();

    protected Unit() {
    }

    public Unit(String code, String name, UnitType unitType, String jurisdiction, String ruleSet,
            String competentDepartment) {
        this.code = code;
        update(name, unitType, jurisdiction, ruleSet, competentDepartment);
    }

    public final void update(String name, UnitType unitType, String jurisdiction, String ruleSet,
            String competentDepartment) {
        this.name = name;
        this.unitType = unitType;
        this.jurisdiction = jurisdiction;
        this.ruleSet = ruleSet;
        this.competentDepartment = competentDepartment;
    }

    public Long getId() {
        return id;
    }

    public String getCode() {
        return code;
    }

    public String getName() {
        return name;
    }

    public UnitType getUnitType() {
        return unitType;
    }

    public String getJurisdiction() {
        return jurisdiction;
    }

    public String getRuleSet() {
        return ruleSet;
    }

    public String getCompetentDepartment() {
        return competentDepartment;
    }

    public String getIndustry() {
        return industry;
    }

    public String getDepartmentCode() {
        return departmentCode;
    }

    /** Links the unit to its competent department (and that department's industry). */
    public void assignDepartment(String departmentCode, String industry) {
        this.departmentCode = departmentCode;
        this.industry = industry;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
