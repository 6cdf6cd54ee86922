package cn.xueshi.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Issue 12 (Info): an audit CSV cell never starts with something a spreadsheet runs as a formula. */
@org.junit.jupiter.api.Tag("no-database")
class AuditCsvCellTest {

    @Test
    void formulaStartsAreDefusedIncludingTabCarriageReturnAndLineFeed() {
        for (String lead : new String[] {"=", "+", "-", "@", "\t", "\r", "\n"}) {
            String value = lead + "HYPERLINK(\"http://evil\",\"x\")";
            assertThat(RuleAuditLog.cell(value)).as("leading %s", lead.replace("\t", "TAB").replace("\r", "CR")
                    .replace("\n", "LF")).isEqualTo("\"'" + value.replace("\"", "\"\"") + "\"");
        }
    }

    @Test
    void ordinaryTextIsOnlyQuoted() {
        assertThat(RuleAuditLog.cell("部署 第 3 版")).isEqualTo("\"部署 第 3 版\"");
        assertThat(RuleAuditLog.cell("说 \"好\"\n第二行")).isEqualTo("\"说 \"\"好\"\"\n第二行\"");
        assertThat(RuleAuditLog.cell(null)).isEqualTo("\"\"");
    }
}
