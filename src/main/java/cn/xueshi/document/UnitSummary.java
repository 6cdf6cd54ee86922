package cn.xueshi.document;

import java.math.BigDecimal;
import java.util.List;

/** 登记备案汇总表 (Yuxi attachment 2): one row per member of the unit for the year, and the unit's totals. */
record UnitSummary(long unitId, String unitName, int year, String ruleSetName, List<Row> rows) {

    /** @param note 人员流动 on the row (调入/调出 with the date, hours carried over), or null */
    record Row(String userId, String name, BigDecimal publicHours, BigDecimal professionalHours,
            BigDecimal totalHours, BigDecimal requiredTotal, BigDecimal requiredPublic,
            BigDecimal requiredProfessional, boolean compliant, int registeredClaims, String note, boolean movedOut) {

        Row(String userId, String name, BigDecimal publicHours, BigDecimal professionalHours, BigDecimal totalHours,
                BigDecimal requiredTotal, BigDecimal requiredPublic, BigDecimal requiredProfessional, boolean compliant,
                int registeredClaims) {
            this(userId, name, publicHours, professionalHours, totalHours, requiredTotal, requiredPublic,
                    requiredProfessional, compliant, registeredClaims, null, false);
        }
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
        return rows.stream().filter(r -> r.compliant() && !r.movedOut()).count();
    }

    int registeredClaims() {
        return rows.stream().mapToInt(Row::registeredClaims).sum();
    }
}
