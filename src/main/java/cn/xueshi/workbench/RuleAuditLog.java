package cn.xueshi.workbench;

import java.io.StringWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Writes and exports the workbench's audit trail (规则变更审计). */
@Component
class RuleAuditLog {

    private final RuleAuditRepository audits;
    private final DateTimeFormatter format;

    RuleAuditLog(RuleAuditRepository audits, @Value("${xueshi.time-zone:Asia/Shanghai}") String zone) {
        this.audits = audits;
        this.format = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.of(zone));
    }

    /** xs_wb_audit.detail is VARCHAR(4000): a longer detail (a big expectation, a long diff) is cut, never a failed write. */
    static final int MAX_DETAIL = 4000;

    void record(String ruleSet, String actor, String action, String detail, String comment) {
        String d = detail != null && detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL - 1) + "…" : detail;
        audits.save(new RuleAudit(ruleSet, actor, action, d, comment));
    }

    List<RuleAudit> entries(String ruleSet) {
        return ruleSet == null || ruleSet.isBlank() ? audits.findAllByOrderByIdDesc() : audits.findByRuleSetOrderByIdDesc(ruleSet);
    }

    /** CSV (UTF-8 with BOM, so Excel opens the Chinese text) of the entries, newest first. */
    String csv(String ruleSet, List<String> header) {
        StringWriter out = new StringWriter();
        out.write('\uFEFF');
        out.write(String.join(",", header.stream().map(RuleAuditLog::cell).toList()));
        out.write("\r\n");
        for (RuleAudit a : entries(ruleSet)) {
            out.write(String.join(",", cell(format.format(a.getCreatedAt())), cell(a.getRuleSet()), cell(a.getActor()),
                    cell(a.getAction()), cell(a.getDetail()), cell(a.getComment())));
            out.write("\r\n");
        }
        return out.toString();
    }

    /**
     * Quotes a CSV cell. A cell starting with = + - @, or with a TAB, CR or LF (spreadsheets skip those and
     * read the formula behind them), gets a leading apostrophe so a spreadsheet never runs it (OWASP CSV injection).
     */
    static String cell(String v) {
        String s = v == null ? "" : v;
        if (!s.isEmpty() && "=+-@\t\r\n".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
