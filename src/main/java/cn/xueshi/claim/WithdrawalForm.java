package cn.xueshi.claim;

/** The claimant's 撤回 form: why the claim is withdrawn. */
public class WithdrawalForm {

    private String reason;

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }
}
