package cn.xueshi.document;

import java.math.BigDecimal;
import java.time.Instant;

/** 继续教育学时证明: what one issued certificate states, kept under its verification code. */
record Certificate(String code, String claimant, int year, long unitId, String holderName, String familyName,
        String unitName, String ruleSet, BigDecimal publicHours, BigDecimal professionalHours, BigDecimal totalHours,
        BigDecimal requiredTotal, BigDecimal requiredPublic, BigDecimal requiredProfessional, boolean compliant,
        String status, Instant issuedAt, Instant supersededAt) {

    /** 登记完成 or 已备案. */
    String statusZh() {
        return "FILED".equals(status) ? "已备案" : "登记完成";
    }

    boolean superseded() {
        return supersededAt != null;
    }

    /** The name as the public verification page shows it: family name kept, the rest masked (张*, 欧阳**). */
    String maskedName() {
        return NameMask.mask(holderName, familyName);
    }
}
