package cn.xueshi.rules;

import java.math.BigDecimal;
import java.util.List;

/** What the standards page (学时认定标准) shows for one rule set, read from its deployed decisions. */
public record RuleSetStandards(String ruleSet, String nameZh, String nameEn, String jurisdiction, int firstYear,
        Requirement requirement, String aggregation, List<String> summedActivityTypes, String basis, List<Cap> caps,
        List<ActivityType> activityTypes, String itemDecisionKey, int itemDecisionVersion) {

    /** An annual cap group (年度累计限额). */
    public record Cap(String group, String nameZh, String nameEn, BigDecimal cap, String basis) {
    }
}
