package cn.xueshi.rules;

import java.util.List;
import java.util.Map;

/** One person's activities of one year, to be evaluated under a rule set (items: the parameters of CATALOG.md). */
public record RecognitionRequest(String ruleSet, Integer year, List<Map<String, Object>> items) {
}
