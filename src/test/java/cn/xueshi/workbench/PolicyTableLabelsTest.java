package cn.xueshi.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Every policy table the workbench lists has its Chinese and English title and introduction: the title-application
 * window had none, and the workbench showed ??wb.policy.title-application-window_zh_CN?? to analysts.
 */
@org.junit.jupiter.api.Tag("no-database")
class PolicyTableLabelsTest {

    static Properties bundle(String lang) throws Exception {
        Properties p = new Properties();
        try (InputStream in = PolicyTableLabelsTest.class.getResourceAsStream("/i18n/workbench_" + lang + ".properties")) {
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void everyPolicyTableHasItsTitleAndIntroductionInBothLanguages() throws Exception {
        for (String lang : new String[] {"zh_CN", "en"}) {
            Properties p = bundle(lang);
            for (PolicyTable t : PolicyTable.values()) {
                assertThat(p.getProperty(t.getNameKey())).as(lang + " " + t.getNameKey()).isNotBlank();
                assertThat(p.getProperty(t.getNameKey() + ".intro")).as(lang + " " + t.getNameKey() + ".intro").isNotBlank();
            }
        }
    }
}
