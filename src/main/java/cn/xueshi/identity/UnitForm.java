package cn.xueshi.identity;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What the admin types into the unit form; kept as typed when validation fails. */
public class UnitForm {

    @NotBlank(message = "{validation.unit.code}")
    @Pattern(regexp = "[A-Z0-9-]{2,32}", message = "{validation.unit.code}")
    private String code;

    @NotBlank(message = "{validation.unit.name}")
    @Size(max = 200, message = "{validation.unit.name}")
    private String name;

    @NotNull(message = "{validation.unit.type}")
    private UnitType unitType;

    @NotBlank(message = "{validation.unit.jurisdiction}")
    private String jurisdiction;

    @NotBlank(message = "{validation.unit.ruleSet}")
    private String ruleSet;

    @Size(max = 200, message = "{validation.unit.department}")
    private String competentDepartment;

    public static UnitForm of(Unit u) {
        UnitForm f = new UnitForm();
        f.code = u.getCode();
        f.name = u.getName();
        f.unitType = u.getUnitType();
        f.jurisdiction = u.getJurisdiction();
        f.ruleSet = u.getRuleSet();
        f.competentDepartment = u.getCompetentDepartment();
        return f;
    }

    public String getCode() {
        return code;
    }

    public void setCode(String code) {
        this.code = code == null ? null : code.trim();
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name == null ? null : name.trim();
    }

    public UnitType getUnitType() {
        return unitType;
    }

    public void setUnitType(UnitType unitType) {
        this.unitType = unitType;
    }

    public String getJurisdiction() {
        return jurisdiction;
    }

    public void setJurisdiction(String jurisdiction) {
        this.jurisdiction = jurisdiction;
    }

    public String getRuleSet() {
        return ruleSet;
    }

    public void setRuleSet(String ruleSet) {
        this.ruleSet = ruleSet;
    }

    public String getCompetentDepartment() {
        return competentDepartment;
    }

    public void setCompetentDepartment(String competentDepartment) {
        this.competentDepartment = competentDepartment == null || competentDepartment.isBlank()
                ? null : competentDepartment.trim();
    }
}
