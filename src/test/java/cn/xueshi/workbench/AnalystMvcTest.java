package cn.xueshi.workbench;

import static cn.xueshi.workbench.WorkbenchFixtures.YUXI;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.xueshi.identity.Groups;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The workbench's MockMvc tests: a new analyst for each test (named by the subclass, as some pages read back
 * the name), requests signed in as them, and drafts opened through the page's own button.
 */
abstract class AnalystMvcTest extends WorkbenchTestBase {

    @Autowired
    MockMvc mvc;

    private final String prefix;
    private final String lastName;
    private final String firstName;
    String analyst;

    AnalystMvcTest(String prefix, String lastName, String firstName) {
        this.prefix = prefix;
        this.lastName = lastName;
        this.firstName = firstName;
    }

    @BeforeEach
    void newAnalyst() {
        analyst = users.user(prefix, lastName, firstName, Groups.ANALYST);
    }

    RequestPostProcessor asAnalyst() {
        return user(analyst).roles(Groups.ANALYST);
    }

    /** The rows of one decision table of a draft, as its DMN XML holds them. */
    java.util.List<cn.xueshi.ruleedit.TableView.Row> rows(long draft, String decision) {
        return cn.xueshi.ruleedit.DecisionTables.parse(workbench.draft(draft).getDmnXml()).views().stream()
                .filter(t -> t.key().equals(decision)).findFirst().orElseThrow().rows();
    }

    /** Opens a draft of 玉溪 as 新建草稿 does; the new draft's id, read from the redirect. */
    long openDraft() throws Exception {
        String url = mvc.perform(post("/workbench/rule-sets/" + YUXI + "/drafts").with(asAnalyst()).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        return Long.parseLong(url.substring(url.lastIndexOf('/') + 1));
    }
}
