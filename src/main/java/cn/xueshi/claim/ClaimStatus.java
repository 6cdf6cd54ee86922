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
    REJECTED;    // 不予认定

    /** Hours of claims in these states count toward the year: registered after publicity, then filed. */
    public boolean counts() {
        return this == REGISTERED || this == FILED;
    }
}
