package cn.xueshi.ruleedit;

import java.util.List;

/**
 * One rule as the analyst reads it: what it applies to ("论文 · 省级刊物 · 第一作者或通讯作者"), what it
 * gives ("26 学时（专业科目）"), its basis clause, and only the cells it fills.
 */
public record Sentence(String ruleId, int number, List<String> activityTypes, String condition, String result,
        String basis, List<Cell> cells) {

    /** A filled cell: column label and its FEEL text. */
    public record Cell(String label, String feel) {
    }

    /** The whole sentence: "condition → result" (only the result when the rule applies to everything). */
    public String text() {
        return condition.isEmpty() ? result : condition + " → " + result;
    }

    /** Whether the rule applies to the activity type (a rule without a type condition applies to all). */
    public boolean about(String activityType) {
        return activityTypes.isEmpty() || activityTypes.contains(activityType);
    }
}
