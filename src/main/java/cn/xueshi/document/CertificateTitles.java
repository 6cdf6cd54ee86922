package cn.xueshi.document;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * xueshi.certificate.*: what the annual certificate is called under a rule set and the clause that names it. Anhui
 * art. 17: a person whose hours are verified prints the 专业技术人员继续教育学时登记证书 themself; other rule sets
 * keep the default 继续教育学时证明.
 *
 * @param titles  rule set → the certificate's title
 * @param clauses rule set → the clause printed under the title
 */
@ConfigurationProperties("xueshi.certificate")
record CertificateTitles(Map<String, String> titles, Map<String, String> clauses) {

    static final String DEFAULT = "继续教育学时证明";

    String title(String ruleSet) {
        return titles == null ? DEFAULT : titles.getOrDefault(ruleSet, DEFAULT);
    }

    String clause(String ruleSet) {
        return clauses == null ? null : clauses.get(ruleSet);
    }
}
