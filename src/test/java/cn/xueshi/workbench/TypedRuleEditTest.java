package cn.xueshi.workbench;

import cn.xueshi.ruleedit.TableView;
import cn.xueshi.ruleedit.DecisionTables;
import cn.xueshi.ruleedit.RowEdit;
import cn.xueshi.ruleedit.WordDiff;
import cn.xueshi.ruleedit.RowPreview;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.xueshi.identity.Groups;
import cn.xueshi.rules.DraftRecognition;
import cn.xueshi.rules.RecognitionRequest;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The typed row editor: the form shows pick lists with Chinese names and number fields, a save writes the cells
 * into the draft through the workbench's cell edit (audited) and the draft then gives the new hours; bad input
 * gets a Chinese message next to the field and is kept; expert FEEL is validated; only analysts get in.
 */
@IntegrationTest
class TypedRuleEditTest {

    static final String JILIN = "jilin-2026";
    static final String ITEMS = "jilin-2026-items";
    static final String PAPER = "jl-paper-3";
    /** outputs of the Jilin item table: base is the first, subject the 16th */
    static final String BASE = "out:0";
    static final String ROLE = "in:2";

    @Autowired
    MockMvc mvc;
    @Autowired
    TestUsers users;
    @Autowired
    Workbench workbench;
    @Autowired
    RowPreview preview;
    @Autowired
    DraftModels models;
    @Autowired
    DraftRecognition draftRecognition;
    @Autowired
    RuleSetVersions versions;
    @Autowired
    RuleAuditLog audit;
    @Autowired
    WordDiff diff;

    String analyst;
    Draft draft;

    @BeforeEach
    void openDraft() {
        analyst = users.user("wbtyped", "分", "析", Groups.ANALYST);
        draft = workbench.openDraft(JILIN, analyst);
    }

    @AfterEach
    void discard() {
        workbench.currentDraft(JILIN).ifPresent(d -> workbench.discard(d.getId(), analyst));
    }

    RequestPostProcessor asAnalyst() {
        return user(analyst).roles(Groups.ANALYST);
    }

    String url() {
        return "/workbench/drafts/" + draft.getId() + "/rules/" + PAPER;
    }

    /** The form as the page posts it unchanged: for every field its opened cell, its FEEL text and its typed value(s). */
    MockHttpServletRequestBuilder form(String path, Map<String, List<String>> typed) {
        return form(path, typed, Map.of());
    }

    /** As {@link #form(String, Map)}, with some opened ({@code o:KEY}) or expert ({@code f:KEY}) values replaced. */
    MockHttpServletRequestBuilder form(String path, Map<String, List<String>> typed, Map<String, String> replaced) {
        MockHttpServletRequestBuilder b = post(path).with(asAnalyst()).with(csrf()).param("decision", ITEMS);
        for (RowEdit.Field f : preview.editor(models.of(workbench.draft(draft.getId())), ITEMS, PAPER).fields()) {
            b.param("o:" + f.key(), replaced.getOrDefault("o:" + f.key(), f.original()))
                    .param("f:" + f.key(), replaced.getOrDefault("f:" + f.key(), f.feel()));
            List<String> values = typed.containsKey(f.key()) ? typed.get(f.key())
                    : f.kind() == RowEdit.Kind.NUMBER || f.kind() == RowEdit.Kind.TEXT ? List.of(f.value()) : f.selected();
            values.forEach(v -> b.param("t:" + f.key(), v));
        }
        return b;
    }

    BigDecimal hours(String xml, String journal, String role) {
        return draftRecognition.with(xml, versions.activeVersion(JILIN) + 1)
                .evaluate(new RecognitionRequest(JILIN, 2026, List.of(Map.of("activityType", "PAPER", "journal", journal, "role", role))))
                .items().get(0).hours();
    }

    /** A cell of the Jilin item table in a DRD: key in:i or out:i. */
    static String cell(String xml, String ruleId, String key) {
        TableView.Row r = DecisionTables.parse(xml).views().stream().filter(t -> t.key().equals(ITEMS)).findFirst().orElseThrow()
                .rows().stream().filter(x -> x.id().equals(ruleId)).findFirst().orElseThrow();
        int i = Integer.parseInt(key.substring(key.indexOf(':') + 1));
        return key.startsWith("in:") ? r.inputs().get(i) : r.outputs().get(i);
    }

    @Test
    void theFormHasPickListsWithChineseNamesAndNumberFields() throws Exception {
        String page = mvc.perform(get(url()).param("decision", ITEMS).with(asAnalyst())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("发表论文 · 独立作者或第一作者或通讯作者 · 省级刊物 → 26 学时（专业科目）")
                .contains("<option value=\"PROVINCIAL\" selected=\"selected\">省级刊物</option>")
                .contains("<option value=\"FIRST_AUTHOR\" selected=\"selected\">第一作者</option>")
                .contains("name=\"t:out:0\" value=\"26\"").contains("范围 0–1000")
                .contains("示例活动的学时").contains("26 学时");
    }

    @Test
    void raisingTheRateWritesTheCellAndTheDraftGivesTheNewHours() throws Exception {
        String before = workbench.draft(draft.getId()).getDmnXml();
        assertThat(hours(before, "PROVINCIAL", "FIRST_AUTHOR")).isEqualByComparingTo("26");

        // 预览 shows before → after and the sample items, and saves nothing
        mvc.perform(form(url(), Map.of(BASE, List.of("30"))).param("op", "preview")).andExpect(status().isOk())
                .andExpect(content().string(containsString("省级刊物 → 30 学时（专业科目）")))
                .andExpect(content().string(containsString("<td>30 学时</td>")));
        assertThat(workbench.draft(draft.getId()).getDmnXml()).isEqualTo(before);

        mvc.perform(form(url(), Map.of(BASE, List.of("30"))).param("op", "save"))
                .andExpect(redirectedUrl("/workbench/drafts/" + draft.getId() + "?decision=" + ITEMS + "#s-" + PAPER))
                .andExpect(flash().attribute("message", containsString("26 学时（专业科目）　→　发表论文 · 独立作者或第一作者或通讯作者 · 省级刊物 → 30 学时")));
        String after = workbench.draft(draft.getId()).getDmnXml();
        assertThat(hours(after, "PROVINCIAL", "FIRST_AUTHOR")).isEqualByComparingTo("30");
        assertThat(hours(after, "PROVINCIAL", "CO_AUTHOR")).isEqualByComparingTo("10");
        assertThat(cell(after, PAPER, BASE)).isEqualTo("30");
        assertThat(cell(after, "jl-paper-1", BASE)).isEqualTo("36");
        assertThat(DecisionTables.parse(after).views()).extracting(TableView::key)
                .isEqualTo(DecisionTables.parse(before).views().stream().map(TableView::key).toList());
        if (before.contains("dmndi:DMNDI")) {
            assertThat(after).contains("dmndi:DMNDI");
        }
        assertThat(audit.entries(JILIN).get(0).getAction()).isEqualTo("DRAFT_EDITED");
        assertThat(audit.entries(JILIN).get(0).getActor()).isEqualTo(analyst);

        // the diff in words against the version in force
        assertThat(diff.describe(JILIN, versions.activeXml(JILIN), after)).extracting(WordDiff.Line::text)
                .containsExactly("发表论文 · 独立作者或第一作者或通讯作者 · 省级刊物：26 学时（专业科目） → 30 学时（专业科目）");
        mvc.perform(get("/workbench/drafts/{id}/check", draft.getId()).with(asAnalyst())).andExpect(status().isOk())
                .andExpect(content().string(containsString("与生效版本相比的变化")))
                .andExpect(content().string(containsString("省级刊物：26 学时（专业科目） → 30 学时（专业科目）")));
    }

    @Test
    void aPickListChangeNarrowsTheCondition() throws Exception {
        mvc.perform(form(url(), Map.of(ROLE, List.of("FIRST_AUTHOR"))).param("op", "save")).andExpect(status().is3xxRedirection());
        String after = workbench.draft(draft.getId()).getDmnXml();
        assertThat(cell(after, PAPER, ROLE)).isEqualTo("\"FIRST_AUTHOR\"");
        assertThat(hours(after, "PROVINCIAL", "FIRST_AUTHOR")).isEqualByComparingTo("26");
        // a sole author of a provincial paper is now left to the next matching rule (none: 其他作者 only)
        assertThat(diff.describe(JILIN, versions.activeXml(JILIN), after)).extracting(WordDiff.Line::text)
                .containsExactly("发表论文 · 独立作者或第一作者或通讯作者 · 省级刊物 → 26 学时（专业科目）　改为　发表论文 · 第一作者 · 省级刊物 → 26 学时（专业科目）");
    }

    @Test
    void badNumbersGetAChineseMessageNextToTheFieldAndAreKept() throws Exception {
        String before = workbench.draft(draft.getId()).getDmnXml();
        for (String[] bad : new String[][] {{"abc", "请输入数字"}, {"5000", "不能大于 1000。"}, {"-1", "不能小于 0。"}}) {
            mvc.perform(form(url(), Map.of(BASE, List.of(bad[0]))).param("op", "save")).andExpect(status().isOk())
                    .andExpect(content().string(containsString("id=\"t-out-0-error\">" + bad[1])))
                    .andExpect(content().string(containsString("name=\"t:out:0\" value=\"" + bad[0] + "\"")))
                    .andExpect(content().string(containsString("请改正标出的字段")));
        }
        // a value outside the pick list
        mvc.perform(form(url(), Map.of(ROLE, List.of("NOBODY"))).param("op", "save")).andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"t-in-2-error\">请从列表中选择。")));
        assertThat(workbench.draft(draft.getId()).getDmnXml()).isEqualTo(before);
    }

    @Test
    void expertFeelIsValidatedAsBefore() throws Exception {
        String before = workbench.draft(draft.getId()).getDmnXml();
        mvc.perform(form(url(), Map.of(), Map.of("f:" + BASE, "26 +")).param("op", "save")).andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"t-out-0-error\">")))
                .andExpect(content().string(containsString("26 +")));
        mvc.perform(form(url(), Map.of(), Map.of("f:" + BASE, "${1+1}")).param("op", "save")).andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"row-error\"")));
        assertThat(workbench.draft(draft.getId()).getDmnXml()).isEqualTo(before);

        // a valid expression is written as typed and read as FEEL afterwards
        mvc.perform(form(url(), Map.of(), Map.of("f:" + BASE, "20 + 8")).param("op", "save")).andExpect(status().is3xxRedirection());
        String after = workbench.draft(draft.getId()).getDmnXml();
        assertThat(hours(after, "PROVINCIAL", "FIRST_AUTHOR")).isEqualByComparingTo("28");
        assertThat(preview.editor(models.of(workbench.draft(draft.getId())), ITEMS, PAPER).fields().get(7).kind()).isEqualTo(RowEdit.Kind.FEEL);
    }

    @Test
    void aRowChangedMeanwhileIsNotOverwritten() throws Exception {
        mvc.perform(form(url(), Map.of(BASE, List.of("30")), Map.of("o:" + BASE, "25")).param("op", "save")).andExpect(status().isOk())
                .andExpect(content().string(containsString("这条规则在您打开表单后已被修改")));
        workbench.edit(draft.getId(), ITEMS, Map.of("out:" + PAPER + ":0", "27"), "remove:" + PAPER, analyst);
        mvc.perform(post(url()).with(asAnalyst()).with(csrf()).param("decision", ITEMS).param("o:" + BASE, "26").param("t:" + BASE, "30"))
                .andExpect(redirectedUrl("/workbench/drafts/" + draft.getId()))
                .andExpect(flash().attribute("error", containsString("这条规则已不在草稿中")));
    }

    @Test
    void theLivePreviewAnswersJson() throws Exception {
        mvc.perform(form(url() + "/preview", Map.of(BASE, List.of("30")))).andExpect(status().isOk())
                .andExpect(jsonPath("$.before").value("发表论文 · 独立作者或第一作者或通讯作者 · 省级刊物 → 26 学时（专业科目）"))
                .andExpect(jsonPath("$.after").value("发表论文 · 独立作者或第一作者或通讯作者 · 省级刊物 → 30 学时（专业科目）"))
                .andExpect(jsonPath("$.samples[0].before").value("26 学时"))
                .andExpect(jsonPath("$.samples[0].after").value("30 学时"));
        mvc.perform(form(url() + "/preview", Map.of(BASE, List.of("x")))).andExpect(status().isOk())
                .andExpect(jsonPath("$.errors['out:0']").value("请输入数字，例如 26 或 0.5。"));
    }

    @Test
    void onlyAnalystsAndUnknownIdsAreNotFound() throws Exception {
        RequestPostProcessor employee = user(users.user("wbtypede", "员", "工", Groups.EMPLOYEE)).roles(Groups.EMPLOYEE);
        mvc.perform(get(url()).param("decision", ITEMS).with(employee)).andExpect(status().isForbidden());
        mvc.perform(post(url()).param("decision", ITEMS).param("t:" + BASE, "30").with(employee).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post(url() + "/preview").param("decision", ITEMS).with(employee).with(csrf())).andExpect(status().isForbidden());
        mvc.perform(get(url().replace(PAPER, "no-such-rule")).param("decision", ITEMS).with(asAnalyst())).andExpect(status().isNotFound());
        mvc.perform(get(url()).param("decision", "no-such-table").with(asAnalyst())).andExpect(status().isNotFound());
        mvc.perform(get("/workbench/drafts/999999999/rules/" + PAPER).param("decision", ITEMS).with(asAnalyst()))
                .andExpect(status().isNotFound());
    }
}
