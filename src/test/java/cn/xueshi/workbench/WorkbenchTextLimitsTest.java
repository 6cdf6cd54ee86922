package cn.xueshi.workbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.xueshi.identity.Groups;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issue 12, finding 3 (lengths): texts longer than the columns that keep them are refused with a Chinese
 * message before anything is written, instead of a failed insert and a 500; an audit detail is cut to fit.
 */
@IntegrationTest
class WorkbenchTextLimitsTest {

    static final String REQUEST = "{\"ruleSet\":\"yuxi-2024\",\"year\":2025,\"items\":[]}";
    static final String EXPECT = "{\"totalHours\":0}";

    @Autowired
    MockMvc mvc;
    @Autowired
    TestUsers users;
    @Autowired
    CaseRepository cases;
    @Autowired
    RuleAuditLog audit;
    @Autowired
    RuleAuditRepository audits;

    @Test
    void aTooLongCommentOrCaseNameIsRefusedWithAMessage() throws Exception {
        String analyst = users.user("wbl", "长", "文", Groups.ANALYST);
        long before = cases.count();
        mvc.perform(post("/workbench/rule-sets/yuxi-2024/cases").with(user(analyst).roles(Groups.ANALYST)).with(csrf())
                        .param("name", "名".repeat(Workbench.MAX_CASE_NAME + 1)).param("requestJson", REQUEST)
                        .param("expectJson", EXPECT).param("comment", "新用例"))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("error", Matchers.containsString("用例名称不能超过 300 个字")));
        mvc.perform(post("/workbench/rule-sets/yuxi-2024/cases").with(user(analyst).roles(Groups.ANALYST)).with(csrf())
                        .param("name", "长理由用例").param("requestJson", REQUEST).param("expectJson", EXPECT)
                        .param("comment", "理".repeat(Workbench.MAX_COMMENT + 1)))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("error", Matchers.containsString("变更理由不能超过 2000 个字")));
        mvc.perform(post("/workbench/rule-sets/yuxi-2024/rollback").with(user(analyst).roles(Groups.ANALYST)).with(csrf())
                        .param("version", "1").param("comment", "理".repeat(Workbench.MAX_COMMENT + 1)))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("error", Matchers.containsString("变更理由不能超过 2000 个字")));
        assertThat(cases.count()).isEqualTo(before);
    }

    @Test
    void aLongAuditDetailIsCutToTheColumn() {
        audit.record("yuxi-2024", "tester", "CASE_CHANGED", "x".repeat(RuleAuditLog.MAX_DETAIL * 2), "理由");
        assertThat(audits.findByRuleSetOrderByIdDesc("yuxi-2024").get(0).getDetail()).hasSize(RuleAuditLog.MAX_DETAIL);
    }
}
