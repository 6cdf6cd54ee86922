package cn.xueshi.filing;

/** Where a unit's annual filing (年度备案) stands. */
public enum FilingStatus {
    COMPILING,  // 编制中
    SUBMITTED,  // 已提交，待人社局验证
    RETURNED,   // 退回修改
    FILED       // 已备案
}
