package cn.xueshi.makeup;

import java.math.BigDecimal;

/** The employer's decision on a hardship request (单位审核意见). */
public class MakeupDecisionForm {

    public enum Decision { APPROVE, APPROVE_DIFFERENT, REJECT, RETURN }

    private Decision decision;
    private BigDecimal approvedPublic;
    private BigDecimal approvedProfessional;
    private String comment;

    public Decision getDecision() {
        return decision;
    }

    public void setDecision(Decision decision) {
        this.decision = decision;
    }

    public BigDecimal getApprovedPublic() {
        return approvedPublic;
    }

    public void setApprovedPublic(BigDecimal approvedPublic) {
        this.approvedPublic = approvedPublic;
    }

    public BigDecimal getApprovedProfessional() {
        return approvedProfessional;
    }

    public void setApprovedProfessional(BigDecimal approvedProfessional) {
        this.approvedProfessional = approvedProfessional;
    }

    public String getComment() {
        return comment;
    }

    public void setComment(String comment) {
        this.comment = comment;
    }
}
