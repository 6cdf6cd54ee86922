package cn.xueshi.publicity;

/** 异议: the reason a unit member gives; and, for the reviewer, the decision on it. */
public class ObjectionForm {

    private String reason;
    private String decision;
    private String comment;

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public String getDecision() {
        return decision;
    }

    public void setDecision(String decision) {
        this.decision = decision;
    }

    public String getComment() {
        return comment;
    }

    public void setComment(String comment) {
        this.comment = comment;
    }
}
