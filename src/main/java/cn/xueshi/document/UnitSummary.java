package cn.xueshi.document;

import java.math.BigDecimal;
import java.util.List;

/** 登记备案汇总表 (Yuxi attachment 2): one row per member of the unit for the year, and the unit's totals. */
record UnitSummary(long unitId, String unitName, int year, String ruleSetName, List<Row> rows) {

    record Row(String userId, String name, BigDecimal publicHours, BigDecimal professionalHours,
            BigDecimal totalHours, BigDecimal requiredTotal, BigDecimal requiredPublic,
            BigDecimal requiredProfessional, boolean compliant, int registeredClaims) {
    }

    BigDecimal publicTotal() {
        return rows.stream().map(Row::publicHours).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    BigDecimal professionalTotal() {
        return rows.stream().map(Row::professionalHours).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    BigDecimal total() {
        return rows.stream().map(Row::totalHours).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    long compliantCount() {
        return rows.stream().filter(Row::compliant).count();
    }

    int registeredClaims() {
        return rows.stream().mapToInt(Row::registeredClaims).sum();
    }
}
