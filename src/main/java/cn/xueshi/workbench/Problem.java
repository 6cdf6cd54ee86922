package cn.xueshi.workbench;

/**
 * One thing wrong with a draft, pointed at its place: decision, row (1-based; 0 = the table or the
 * whole model) and column label. Errors block deployment; warnings are shown only.
 */
public record Problem(String decisionKey, int row, String ruleId, String column, boolean error, String message) {
}
