package cn.xueshi.claim;

/** Where a claim stands in its lifecycle (学时登记 → 审核 → 公示 → 登记完成 → 备案). */
public enum ClaimStatus {
    SUBMITTED,   // 已提交，待计算
    IN_REVIEW,   // 审核中
    RETURNED,    // 退回修改
    APPROVED,    // 审核通过（待公示）
    IN_PUBLICITY, // 公示中
    REGISTERED,  // 登记完成
    FILED,       // 已备案
    REJECTED,    // 不予认定
    WITHDRAWN;   // 已撤回（申请人在审核或退回修改期间撤回）

    /** Hours of claims in these states count toward the year: registered after publicity, then filed. */
    public boolean counts() {
        return this == REGISTERED || this == FILED;
    }

    /**
     * Ended without hours: rejected by the reviewer or withdrawn by the claimant. Such a claim is no duplicate of a
     * later one, holds no 成果编号, is not pending and never counts.
     */
    public boolean dropped() {
        return this == REJECTED || this == WITHDRAWN;
    }

    /** The claimant may still withdraw it (撤回): while it is being reviewed or waits for their correction. */
    public boolean withdrawable() {
        return this == IN_REVIEW || this == RETURNED;
    }
}
