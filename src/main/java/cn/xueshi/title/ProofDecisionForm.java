package cn.xueshi.title;

/** The issuer's decision on a requested proof: ISSUE, or REFUSE with a reason. */
public class ProofDecisionForm {

    public enum Decision { ISSUE, REFUSE }

    private Decision decision;
    private String reason;

    public Decision getDecision() {
        return decision;
    }

    public void setDecision(Decision decision) {
        this.decision = decision;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }
}
