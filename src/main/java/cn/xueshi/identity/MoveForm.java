package cn.xueshi.identity;

/** An admin's move of a person to another unit from a date (人员流动), as typed. */
public class MoveForm {

    private String userId;
    private Long unitId;
    private String from;

    public String getUserId() {
        return userId;
    }

    public void setUserId(String userId) {
        this.userId = userId;
    }

    public Long getUnitId() {
        return unitId;
    }

    public void setUnitId(Long unitId) {
        this.unitId = unitId;
    }

    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from;
    }
}
