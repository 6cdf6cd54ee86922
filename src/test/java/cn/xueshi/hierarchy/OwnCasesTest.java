package cn.xueshi.hierarchy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.xueshi.hierarchy.DerivedRuleSet.OwnerKind;
import cn.xueshi.identity.Groups;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * 本级回归用例 of a derived set (/rule-sets/{key}/cases): added through the form with range-checked input, run against
 * the draft on the cases page and the draft page, taken as expected from the draft's result, deleted, audited; a failing
 * case refuses submission for filing, a passing one doesn't; anyone but the set's maintainers gets 404.
 */
@IntegrationTest
class OwnCasesTest {

    static final String PAPER_ITEM = "{\"role\": \"FIRST_AUTHOR\", \"journal\": \"PROVINCIAL\"}";

    @Autowired
    MockMvc mvc;
    @Autowired
    HierarchyFixtures fixtures;
    @Autowired
    Derivations derivations;
    @Autowired
    TestUsers users;
    @Autowired
    JdbcTemplate jdbc;

    /** A department's draft with the provincial-journal first-author paper at 30 (the reference says 26). */
    String[] paper30() {
        Department dept = fixtures.department("JILIN", Department.Level.PROVINCIAL);
        String key = fixtures.drafted(OwnerKind.DEPARTMENT, dept.getCode(), "jilin-2026",
                Delta.empty().withChange(new Delta.Change("items", "jl-paper-3", "base", "30")));
        return new String[] {key, fixtures.maintainerOf(OwnerKind.DEPARTMENT, dept.getCode())};
    }

    String page(String path, String me) throws Exception {
        return HierarchyFixtures.page(mvc, path, me, Groups.RULE_MAINTAINER);
    }

    MockHttpServletRequestBuilder addCase(String key, String me, String name, String year, String pub, String pro) {
        return addCase(key, me, name, year, pub, pro, "PAPER", PAPER_ITEM);
    }

    MockHttpServletRequestBuilder addCase(String key, String me, String name, String year, String pub, String pro,
            String type, String params) {
        return post("/rule-sets/" + key + "/cases").with(user(me).roles(Groups.RULE_MAINTAINER)).with(csrf())
                .param("name", name).param("year", year).param("activityType", type).param("params", params)
                .param("expectPublic", pub).param("expectProfessional", pro);
    }

    long caseId(String key, String name) {
        return jdbc.queryForObject("SELECT id FROM xs_rule_set_case WHERE rule_set_key = ? AND name = ?", Long.class,
                key, name);
    }

    int count(String key) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM xs_rule_set_case WHERE rule_set_key = ?", Integer.class, key);
    }

    void submit(String key) {
        derivations.submit(key, "结合本行业特点调整", "测试〔2026〕2号", LocalDate.of(2026, 7, 1), "tester");
    }

    @Test
    void addRunAdoptDeleteAndAudit() throws Exception {
        String[] s = paper30();
        String key = s[0];
        String me = s[1];
        mvc.perform(addCase(key, me, "省级论文第一作者", "2026", "0", "30")).andExpect(status().is3xxRedirection());
        mvc.perform(addCase(key, me, "旧预期26学时", "2026", "0", "26")).andExpect(status().is3xxRedirection());
        // several items as the recognition API takes them
        mvc.perform(post("/rule-sets/" + key + "/cases").with(user(me).roles(Groups.RULE_MAINTAINER)).with(csrf())
                .param("name", "两篇论文").param("year", "2026").param("items", "[{\"activityType\": \"PAPER\", "
                        + "\"role\": \"FIRST_AUTHOR\", \"journal\": \"PROVINCIAL\"}, {\"activityType\": \"PAPER\", "
                        + "\"role\": \"FIRST_AUTHOR\", \"journal\": \"PROVINCIAL\"}]")
                .param("expectPublic", "0").param("expectProfessional", "60")).andExpect(status().is3xxRedirection());
        assertThat(count(key)).isEqualTo(3);

        String html = page("/rule-sets/" + key + "/cases", me);
        assertThat(html).contains("省级论文第一作者").contains("旧预期26学时").contains("两篇论文")
                .contains("公需 0，专业 30").contains("公需 0，专业 26").contains("公需 0，专业 60");
        assertThat(html.split("case-pass", -1).length - 1).isEqualTo(2);
        assertThat(html.split("case-fail", -1).length - 1).isEqualTo(1);
        // the draft page shows the same results
        String draft = page("/rule-sets/" + key + "/draft", me);
        assertThat(draft).contains("id=\"own-cases\"").contains("旧预期26学时").contains("case-fail");

        // 以草稿当前结果为预期: the failing case now expects 30 and passes
        long old = caseId(key, "旧预期26学时");
        mvc.perform(post("/rule-sets/" + key + "/cases/" + old + "/adopt").with(user(me).roles(Groups.RULE_MAINTAINER))
                .with(csrf())).andExpect(status().is3xxRedirection());
        assertThat(jdbc.queryForObject("SELECT expect_professional FROM xs_rule_set_case WHERE id = ?",
                java.math.BigDecimal.class, old)).isEqualByComparingTo("30");
        assertThat(page("/rule-sets/" + key + "/cases", me)).doesNotContain("case-fail");

        mvc.perform(post("/rule-sets/" + key + "/cases/" + old + "/delete").with(user(me).roles(Groups.RULE_MAINTAINER))
                .with(csrf())).andExpect(status().is3xxRedirection());
        assertThat(count(key)).isEqualTo(2);
        assertThat(derivations.auditOf(key)).extracting(HierarchyAudit.Entry::action)
                .contains("CASE_ADDED", "CASE_EXPECTED", "CASE_DELETED");
    }

    @Test
    void aFailingCaseBlocksSubmissionAndAPassingOneDoesNot() throws Exception {
        String[] s = paper30();
        String key = s[0];
        String me = s[1];
        mvc.perform(addCase(key, me, "应为26", "2026", "0", "26")).andExpect(status().is3xxRedirection());
        assertThatThrownBy(() -> submit(key)).isInstanceOf(HierarchyRefusal.class)
                .hasMessageContaining("1 个本级回归用例未通过").hasMessageContaining("应为26");
        assertThat(derivations.latest(key).getStatus()).isEqualTo(RuleSetVersion.Status.DRAFT);

        mvc.perform(post("/rule-sets/" + key + "/cases/" + caseId(key, "应为26") + "/adopt")
                .with(user(me).roles(Groups.RULE_MAINTAINER)).with(csrf())).andExpect(status().is3xxRedirection());
        submit(key);
        assertThat(derivations.latest(key).getStatus()).isEqualTo(RuleSetVersion.Status.FILING);
    }

    @Test
    void badInputIsNamedBesideTheFieldKeptAndNothingIsSaved() throws Exception {
        String[] s = paper30();
        String key = s[0];
        String me = s[1];
        String html = mvc.perform(addCase(key, me, "", "1999", "-1", "abc")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(html).contains("请填写用例名称").contains("之间的年度").contains("value=\"1999\"")
                .contains("value=\"-1\"").contains("value=\"abc\"").contains("之间的学时");
        html = mvc.perform(addCase(key, me, "超大", "2026", "0", "100000")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(html).contains("之间的学时").contains("value=\"超大\"");
        html = mvc.perform(addCase(key, me, "坏参数", "2026", "0", "30", "PAPER", "{role:"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("JSON 格式不正确");
        html = mvc.perform(addCase(key, me, "未知类型", "2026", "0", "30", "NO_SUCH_TYPE", PAPER_ITEM))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("不在本草稿的活动类型中");
        // a parameter out of range: the draft refuses it, the message beside the items
        html = mvc.perform(addCase(key, me, "无期刊", "2026", "0", "30", "PAPER", "{\"role\": \"FIRST_AUTHOR\"}"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("草稿无法计算该用例").contains("value=\"无期刊\"");
        assertThat(count(key)).isZero();
    }

    @Test
    void anyoneButTheSetsMaintainersGets404() throws Exception {
        String[] s = paper30();
        String key = s[0];
        String me = s[1];
        mvc.perform(addCase(key, me, "本部门用例", "2026", "0", "30")).andExpect(status().is3xxRedirection());
        long id = caseId(key, "本部门用例");
        Department other = fixtures.department("JILIN", Department.Level.PROVINCIAL);
        String stranger = fixtures.maintainerOf(OwnerKind.DEPARTMENT, other.getCode());
        String otherKey = fixtures.drafted(OwnerKind.DEPARTMENT, other.getCode(), "jilin-2026", Delta.empty());
        mvc.perform(get("/rule-sets/" + key + "/cases").with(user(stranger).roles(Groups.RULE_MAINTAINER)))
                .andExpect(status().isNotFound());
        mvc.perform(addCase(key, stranger, "外人用例", "2026", "0", "30")).andExpect(status().isNotFound());
        mvc.perform(post("/rule-sets/" + key + "/cases/" + id + "/delete").with(user(stranger).roles(Groups.RULE_MAINTAINER))
                .with(csrf())).andExpect(status().isNotFound());
        // the case's id under the stranger's own key is not theirs either
        mvc.perform(post("/rule-sets/" + otherKey + "/cases/" + id + "/delete")
                .with(user(stranger).roles(Groups.RULE_MAINTAINER)).with(csrf())).andExpect(status().isNotFound());
        mvc.perform(post("/rule-sets/" + otherKey + "/cases/" + id + "/adopt")
                .with(user(stranger).roles(Groups.RULE_MAINTAINER)).with(csrf())).andExpect(status().isNotFound());
        // the reference key and an analyst
        mvc.perform(get("/rule-sets/jilin-2026/cases").with(user(me).roles(Groups.RULE_MAINTAINER)))
                .andExpect(status().isNotFound());
        String analyst = users.user("an", "王", "分析", Groups.ANALYST);
        mvc.perform(get("/rule-sets/" + key + "/cases").with(user(analyst).roles(Groups.ANALYST)))
                .andExpect(status().isNotFound());
        assertThat(count(key)).isEqualTo(1);
        assertThat(count(otherKey)).isZero();
    }
}
