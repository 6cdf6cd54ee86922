package cn.xueshi.hierarchy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** 行业主管部门: writes its industry's rules on the provincial reference and files its units' 实施细则. */
@Entity
@Table(name = "xs_department")
public class Department {

    /** PROVINCIAL departments file with the provincial HR department, CITY/COUNTY with the local HR bureau. */
    public enum Level { PROVINCIAL, CITY, COUNTY }

    @Id
    private String code;
    @Column(name = "name_zh", nullable = false)
    private String nameZh;
    @Column(nullable = false)
    private String jurisdiction;
    @Column(nullable = false)
    private String industry;
    @Column(nullable = false)
    private String level;

    protected Department() {
    }

    public Department(String code, String nameZh, String jurisdiction, String industry, Level level) {
        this.code = code;
        this.nameZh = nameZh;
        this.jurisdiction = jurisdiction;
        this.industry = industry;
        this.level = level.name();
    }

    public String getCode() {
        return code;
    }

    public String getNameZh() {
        return nameZh;
    }

    public String getJurisdiction() {
        return jurisdiction;
    }

    public String getIndustry() {
        return industry;
    }

    public String getLevel() {
        return level;
    }
}
