package cn.xueshi.workbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.xueshi.identity.Groups;
import cn.xueshi.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The policy table pages: only the workbench's roles reach them, a forged key or version is a 404, unsafe or
 * bad cells are refused with a Chinese message, a case with a wrong input keeps what was typed, and a diagram
 * (DMNDI) drawn in Camunda Modeler survives editing and deploying.
 */
@IntegrationTest
class PolicyTablePagesTest extends AnalystMvcTest {

    static final String KEY = "review-routing";

    PolicyTablePagesTest() {
        super("wbt", "规", "则");
    }

    @Autowired
    DraftRepository drafts;
    @Autowired
    CaseRepository cases;

    @Test
    void otherRolesAreRefusedEveryPageAndAction() throws Exception {
        Draft draft = drafts.save(new Draft(KEY, 1, versions.activeXml(KEY), Draft.Origin.EDITED, "someone"));
        try {
            for (RequestPostProcessor other : new RequestPostProcessor[] {
                    user(users.user("wbte", "员", "工", Groups.EMPLOYEE)).roles(Groups.EMPLOYEE),
                    user(users.user("wbtr", "审", "核", Groups.REVIEWER)).roles(Groups.REVIEWER),
                    user(users.user("wbts", "监", "督", Groups.SUPERVISOR)).roles(Groups.SUPERVISOR)}) {
                for (String url : new String[] {"/workbench/tables/" + KEY, "/workbench/drafts/" + draft.getId(),
                        "/workbench/drafts/" + draft.getId() + "/check"}) {
                    mvc.perform(get(url).with(other)).andExpect(status().isForbidden());
                }
                for (String url : new String[] {"/workbench/tables/" + KEY + "/drafts", "/workbench/tables/" + KEY + "/rollback",
                        "/workbench/tables/" + KEY + "/cases", "/workbench/tables/" + KEY + "/versions/1/draft",
                        "/workbench/rule-sets/yuxi-2024/versions/1/draft", "/workbench/drafts/" + draft.getId() + "/deploy"}) {
                    mvc.perform(post(url).with(other).with(csrf()).param("comment", "x").param("version", "1")
                            .param("name", "x").param("requestJson", "{}").param("expectJson", "{}"))
                            .andExpect(status().isForbidden());
                }
            }
            assertThat(workbench.currentDraft(KEY)).hasValueSatisfying(d -> assertThat(d.getId()).isEqualTo(draft.getId()));
        } finally {
            drafts.delete(draft);
        }
    }

    @Test
    void analystsAndAdminsOpenThePageAndForgedKeysOrVersionsAreNotFound() throws Exception {
        String page = mvc.perform(get("/workbench/tables/" + KEY).with(asAnalyst())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("政策表：审核分流").contains("route-anhui-non-state").contains("第十四条")
                .contains("安徽：非公企业由属地人社部门核验（办法第十四条）").contains("以此版本新建草稿").contains("ruleSet、unitType");
        mvc.perform(get("/workbench/tables/hardship-policy").with(user(users.user("wbta", "管", "理", Groups.ADMIN))
                .roles(Groups.ADMIN))).andExpect(status().isOk());
        for (String url : new String[] {"/workbench/tables/unknown", "/workbench/tables/jilin-2026", "/workbench/tables/..%2Fyuxi-2024"}) {
            mvc.perform(get(url).with(asAnalyst())).andExpect(status().is4xxClientError());
        }
        mvc.perform(get("/workbench/tables/jilin-2026").with(asAnalyst())).andExpect(status().isNotFound());
        for (String url : new String[] {"/workbench/tables/forged/drafts", "/workbench/tables/forged/rollback",
                "/workbench/tables/forged/cases", "/workbench/tables/forged/versions/1/draft",
                "/workbench/rule-sets/forged/versions/1/draft", "/workbench/tables/" + KEY + "/versions/9999/draft",
                "/workbench/tables/jilin-2026/rollback"}) {
            mvc.perform(post(url).with(asAnalyst()).with(csrf()).param("comment", "x").param("version", "1")
                    .param("name", "x").param("requestJson", "{}").param("expectJson", "{}"))
                    .andExpect(status().isNotFound());
        }
        mvc.perform(post("/workbench/tables/" + KEY + "/rollback").with(asAnalyst()).with(csrf())
                .param("comment", "x").param("version", "9999")).andExpect(status().isNotFound());
        assertThat(workbench.currentDraft(KEY)).isEmpty();
    }

    @Test
    void unsafeCellsAreRefusedAndAnInvalidDraftIsNotDeployed() throws Exception {
        WorkbenchFixtures.Saved saved = fixtures.save(KEY);
        int before = versions.activeVersion(KEY);
        try {
            long draft = workbench.openDraft(KEY, analyst).getId();
            mvc.perform(post("/workbench/drafts/{id}/edit", draft).with(asAnalyst()).with(csrf())
                            .param("decision", KEY).param("out:route-default-unit:0", "${execution.getVariable('x')}"))
                    .andExpect(flash().attribute("error", containsString("只允许使用 FEEL")));
            assertThat(workbench.draft(draft).getDmnXml()).doesNotContain("${");

            mvc.perform(post("/workbench/drafts/{id}/edit", draft).with(asAnalyst()).with(csrf())
                    .param("decision", KEY).param("out:route-default-unit:0", "\"SOMEONE\"").param("op", "save"));
            String check = mvc.perform(get("/workbench/drafts/{id}/check", draft).with(asAnalyst())).andExpect(status().isOk())
                    .andReturn().getResponse().getContentAsString();
            assertThat(check).contains("不是列“审核方”允许的取值");
            mvc.perform(post("/workbench/drafts/{id}/deploy", draft).with(asAnalyst()).with(csrf()).param("comment", "试试"))
                    .andExpect(flash().attribute("error", containsString("草稿校验有错误，不能部署")));
            assertThat(versions.activeVersion(KEY)).isEqualTo(before);

            mvc.perform(post("/workbench/drafts/{id}/discard", draft).with(asAnalyst()).with(csrf()))
                    .andExpect(redirectedUrl("/workbench/tables/" + KEY));
        } finally {
            fixtures.restore(saved);
        }
    }

    @Test
    void aCaseWithAnInputTheTableDoesNotHaveIsRefusedAndKeepsWhatWasTyped() throws Exception {
        long count = cases.countByRuleSet(KEY);
        mvc.perform(post("/workbench/tables/{k}/cases", KEY).with(asAnalyst()).with(csrf()).param("name", "安徽：机关单位")
                        .param("requestJson", "{\"ruleSet\": \"anhui-2025\", \"unitKind\": \"GOVERNMENT\"}")
                        .param("expectJson", "{\"reviewerKind\": \"UNIT\"}").param("comment", "补充用例"))
                .andExpect(redirectedUrl("/workbench/tables/" + KEY + "#cases"))
                .andExpect(flash().attribute("error", containsString("输入“unitKind”不是本表的输入变量")))
                .andExpect(flash().attribute("caseName", "安徽：机关单位"))
                .andExpect(flash().attribute("caseRequest", containsString("unitKind")));
        mvc.perform(post("/workbench/tables/{k}/cases", KEY).with(asAnalyst()).with(csrf()).param("name", "安徽：机关单位")
                        .param("requestJson", "not json").param("expectJson", "{}").param("comment", "补充用例"))
                .andExpect(flash().attribute("error", containsString("输入和预期结论都必须是 JSON 对象")));
        assertThat(cases.countByRuleSet(KEY)).isEqualTo(count);

        mvc.perform(post("/workbench/tables/{k}/cases", KEY).with(asAnalyst()).with(csrf()).param("name", "安徽：机关单位由所在单位核验")
                        .param("requestJson", "{\"ruleSet\": \"anhui-2025\", \"unitType\": \"GOVERNMENT\"}")
                        .param("expectJson", "{\"reviewerKind\": \"UNIT\"}").param("comment", "补充用例"))
                .andExpect(flash().attribute("message", containsString("安徽：机关单位由所在单位核验")));
        RegressionCase added = cases.findByRuleSetAndName(KEY, "安徽：机关单位由所在单位核验").orElseThrow();
        try {
            assertThat(workbench.regression(KEY)).filteredOn(r -> r.regressionCase().getId().equals(added.getId()))
                    .singleElement().satisfies(r -> assertThat(r.passed()).isTrue());
        } finally {
            mvc.perform(post("/workbench/cases/{id}/delete", added.getId()).with(asAnalyst()).with(csrf())
                            .param("ruleSet", KEY).param("comment", "测试结束"))
                    .andExpect(redirectedUrl("/workbench/tables/" + KEY + "#cases"));
        }
        assertThat(cases.countByRuleSet(KEY)).isEqualTo(count);
    }

    /** Camunda Modeler's diagram of the table (DMNDI), as another engineer adds them to dmn/. */
    static final String DMNDI = """
            <dmndi:DMNDI xmlns:dmndi="https://www.omg.org/spec/DMN/20191111/DMNDI/" xmlns:dc="http://www.omg.org/spec/DMN/20180521/DC/">
              <dmndi:DMNDiagram id="DMNDiagram_publicity">
                <dmndi:DMNShape id="DMNShape_publicity" dmnElementRef="publicity-policy">
                  <dc:Bounds height="80" width="180" x="160" y="100" />
                </dmndi:DMNShape>
              </dmndi:DMNDiagram>
            </dmndi:DMNDI>
            </definitions>""";

    @Test
    void aModelerDiagramSurvivesEditingAndDeploying() throws Exception {
        String key = "publicity-policy";
        WorkbenchFixtures.Saved saved = fixtures.save(key);
        try {
            // the shipped file has its own diagram: replace it by the Modeler's one
            String withDiagram = saved.xml().replaceAll("(?s)<dmndi:DMNDI.*</dmndi:DMNDI>\\s*", "")
                    .replace("</definitions>", DMNDI);
            mvc.perform(multipart("/workbench/tables/{k}/upload", key).file(new MockMultipartFile("file", "publicity.dmn",
                            "application/xml", withDiagram.getBytes(StandardCharsets.UTF_8)))
                            .param("comment", "用 Modeler 画了图").with(asAnalyst()).with(csrf()))
                    .andExpect(status().is3xxRedirection());
            Draft draft = workbench.currentDraft(key).orElseThrow();
            workbench.edit(draft.getId(), key, Map.of("desc:publicity-default", "本系统默认公示5个工作日"), "save", analyst);
            assertThat(workbench.draft(draft.getId()).getDmnXml()).contains("DMNShape_publicity").contains("dc:Bounds")
                    .contains("本系统默认公示5个工作日");
            assertThat(workbench.validate(workbench.draft(draft.getId())).stream().filter(Problem::error)).isEmpty();
            workbench.deploy(draft.getId(), "加图", analyst);
            assertThat(versions.activeXml(key)).contains("DMNShape_publicity").contains("本系统默认公示5个工作日");
        } finally {
            fixtures.restore(saved);
        }
    }
}
