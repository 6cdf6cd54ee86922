package cn.xueshi.workbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;

import cn.xueshi.identity.Groups;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.web.servlet.MockMvc;

/** What analysts read in the workbench: Chinese case names, the real deployer, a reason in words. */
@IntegrationTest
class WorkbenchNamesTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    TestUsers users;
    @Autowired
    CaseRepository cases;
    @Autowired
    RegressionSeeds seeds;
    @Autowired
    ObjectMapper json;

    @Test
    void shippedCasesHaveChineseNamesThatCiteNoTestClass() throws Exception {
        try (InputStream in = new ClassPathResource(RegressionSeeds.SEED).getInputStream()) {
            for (JsonNode c : json.readTree(in).get("cases")) {
                String name = c.get("name").asText();
                assertThat(name).as(name).containsPattern("\\p{IsHan}").doesNotContain("Test").doesNotContainPattern("^[a-z]+: ");
            }
        }
    }

    @Test
    void aCaseSeededUnderItsFormerNameIsRenamedNotCopied() throws Exception {
        RegressionCase shipped = cases.findByRuleSetAndName("yuxi-2024", "玉溪：公需课程 2 项").orElseThrow();
        cases.delete(shipped);
        cases.save(new RegressionCase("yuxi-2024", "yuxi: public course, 2 programmes (RuleChangesTest)",
                shipped.getRequestJson(), shipped.getExpectJson(), "SEED", "system"));
        long before = cases.countByRuleSet("yuxi-2024");

        seeds.run(null);

        assertThat(cases.findByRuleSetAndName("yuxi-2024", "玉溪：公需课程 2 项")).isPresent();
        assertThat(cases.findByRuleSetAndName("yuxi-2024", "yuxi: public course, 2 programmes (RuleChangesTest)")).isEmpty();
        assertThat(cases.countByRuleSet("yuxi-2024")).isEqualTo(before);
    }

    @Test
    void versionHistoryNamesTheSystemForShippedVersionsAndSaysWhy() throws Exception {
        String analyst = users.user("wbn", "祖", "冲之", Groups.ANALYST);
        String page = mvc.perform(get("/workbench/rule-sets/yuxi-2024").with(user(analyst).roles(Groups.ANALYST)))
                .andExpect(content().string(allOf(containsString("玉溪：公需课程 2 项"), not(containsString("RuleChangesTest")))))
                .andReturn().getResponse().getContentAsString();
        String history = page.substring(page.indexOf("id=\"version-table\""));
        history = history.substring(0, history.indexOf("</table>"));
        assertThat(history).contains("系统（随版本发布）", "随系统版本发布的规则集").doesNotContain(">xueshitong<", "<td>-</td>");
    }
}
