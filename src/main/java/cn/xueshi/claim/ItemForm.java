package cn.xueshi.claim;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;

/** One activity as typed into the claim form; parameters stay strings until the rules check them. */
public class ItemForm {

    private String activityType;
    private String title;
    /** 成果编号 of an achievement (DOI, ISBN, 专利号, 证书编号, 课题编号), see {@link AchievementIdentity}. */
    private String identifier;
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate activityDate;
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate activityEnd;
    private Map<String, String> params = new LinkedHashMap<>();

    public String getActivityType() {
        return activityType;
    }

    public void setActivityType(String activityType) {
        this.activityType = activityType;
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public String getIdentifier() {
        return identifier;
    }

    public void setIdentifier(String identifier) {
        this.identifier = identifier;
    }

    public LocalDate getActivityDate() {
        return activityDate;
    }

    public void setActivityDate(LocalDate activityDate) {
        this.activityDate = activityDate;
    }

    public LocalDate getActivityEnd() {
        return activityEnd;
    }

    public void setActivityEnd(LocalDate activityEnd) {
        this.activityEnd = activityEnd;
    }

    public Map<String, String> getParams() {
        return params;
    }

    public void setParams(Map<String, String> params) {
        this.params = params;
    }
}
