package cn.xueshi.rules;

import java.util.List;

/**
 * What one level of a rule set's chain changed against its parent, in words, for the standards page. Implemented by
 * the rule-set hierarchy (which knows the deltas); a reference rule set has no changes.
 */
public interface RuleSetChanges {

    List<String> changesOf(String ruleSet);
}
