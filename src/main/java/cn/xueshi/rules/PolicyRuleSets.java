package cn.xueshi.rules;

import org.springframework.stereotype.Component;

/**
 * The rule set a policy table is asked with. The policy tables (review-routing, registration-, publicity-,
 * hardship-, transfer-year-, achievement-identity-, self-study-archive-policy, title-application-window) have rows
 * per reference rule set — the jurisdiction's rules: 青岛 五's department routing, 吉林 通知 三（二）'s make-up, 青岛
 * 四's five-year title window — and a default row. A claim priced by a derived set (a department's 行业办法, a unit's
 * 实施细则) carries that set's key, which no row names, so it used to fall to the default row: a Qingdao health
 * claim went to the unit instead of 市卫生健康委, a Jilin hospital's staff could not ask for make-up. A derived set
 * refines its jurisdiction's rates, not its procedures, so the tables are asked with the reference it derives from.
 * Also a bean for the lifecycle's decision tasks ({@code ${policyRuleSets.of(ruleSet)}}).
 */
@Component("policyRuleSets")
public class PolicyRuleSets {

    private final RecognitionService recognition;
    private final RuleSetHierarchy hierarchy;

    PolicyRuleSets(RecognitionService recognition, RuleSetHierarchy hierarchy) {
        this.recognition = recognition;
        this.hierarchy = hierarchy;
    }

    /** The reference rule set of {@code ruleSet}: itself for a reference set (or null), its root for a derived one. */
    public String of(String ruleSet) {
        if (ruleSet == null || recognition.ruleSets().contains(ruleSet)) {
            return ruleSet;
        }
        return hierarchy.root(ruleSet);
    }
}
