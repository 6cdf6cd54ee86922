package cn.xueshi.review;

import java.math.BigDecimal;

/** The reviewer's decision on one claim (审核意见). */
public class ReviewForm {

    public enum Decision { APPROVE, ADJUST, REJECT, RETURN }

    private Decision decision;
    private BigDecimal adjustedPublic;
    private BigDecimal adjustedProfessional;
    private String comment;

    public Decision getDecision() {
        return decision;
    }

    public void setDecision(Decision decision) {
        this.decision = decision;
    }

    public BigDecimal getAdjustedPublic() {
        return adjustedPublic;
    }

    public void setAdjustedPublic(BigDecimal adjustedPublic) {
        this.adjustedPublic = adjustedPublic;
    }

    public BigDecimal getAdjustedProfessional() {
        return adjustedProfessional;
    }

    public void setAdjustedProfessional(BigDecimal adjustedProfessional) {
        this.adjustedProfessional = adjustedProfessional;
    }

    public String getComment() {
        return comment;
    }

    public void setComment(String comment) {
        this.comment = comment;
    }
}
