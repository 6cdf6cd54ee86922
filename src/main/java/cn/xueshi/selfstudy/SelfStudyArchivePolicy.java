package cn.xueshi.selfstudy;

import cn.xueshi.rules.RecognitionService;
import cn.xueshi.rules.PolicyRuleSets;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Which activity types count only where the claimant's unit keeps a self-study archive: dmn/self-study-archive-policy.dmn
 * (Jilin SELF_STUDY, 附件 二（九）), read from the in-memory decisions like the other per-claim policy tables. The table
 * is keyed by the reference rule set: a unit's or department's derived set (吉林省人民医院实施细则) inherits the
 * provincial text it is based on, and analysts need not add a row per derived set.
 */
@Component
class SelfStudyArchivePolicy {

    static final String DECISION = "self-study-archive-policy";

    /** What the table says for one rule set and type; {@code basis} the clause named in the refusal. */
    record Policy(boolean archiveRequired, String basis) {
        static final Policy NONE = new Policy(false, null);
    }

    private final RecognitionService decisions;
    private final PolicyRuleSets policyRuleSets;

    SelfStudyArchivePolicy(RecognitionService decisions, PolicyRuleSets policyRuleSets) {
        this.decisions = decisions;
        this.policyRuleSets = policyRuleSets;
    }

    Policy of(String ruleSet, String activityType) {
        if (ruleSet == null || activityType == null || activityType.isBlank()) {
            return Policy.NONE;
        }
        Map<String, Object> in = new HashMap<>();
        in.put("ruleSet", policyRuleSets.of(ruleSet));
        in.put("activityType", activityType);
        return decisions.firstRow(DECISION, in)
                .map(r -> new Policy(Boolean.TRUE.equals(r.get("archiveRequired")), (String) r.get("basis")))
                .orElse(Policy.NONE);
    }
}
