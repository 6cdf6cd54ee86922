package cn.xueshi.workbench;

import java.util.List;

/**
 * A regression case run against a draft: pass or fail, each differing value with its path, the
 * expectation the draft would need ({@code suggestedExpect}), and whether the draft changes the case.
 */
public record CaseResult(RegressionCase regressionCase, String expectJson, boolean passed, String error,
        List<Difference> differences, String suggestedExpect, CaseChange change) {

    public record Difference(String path, String expected, String actual) {
    }

    public boolean changedInDraft() {
        return change != null;
    }
}
