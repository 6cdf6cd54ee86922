package cn.xueshi.rules;

import java.time.LocalDate;

/**
 * One level of a rule set's chain (实施细则 → 行业办法 → 参考): its key, name, the decision version deployed now, the
 * filed version (the reference's own decision version), whose it is (JURISDICTION, DEPARTMENT, UNIT) and since when.
 */
public record RuleSetLevel(String key, String nameZh, int decisionVersion, int version, String ownerKind,
        LocalDate effectiveFrom) {
}
