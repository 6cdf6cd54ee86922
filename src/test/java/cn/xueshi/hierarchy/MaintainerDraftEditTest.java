package cn.xueshi.hierarchy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.xueshi.hierarchy.DerivedRuleSet.OwnerKind;
import cn.xueshi.identity.Groups;
import cn.xueshi.rules.RecognitionRequest;
import cn.xueshi.rules.RecognitionResult;
import cn.xueshi.support.IntegrationTest;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The maintainers' typed editor on their own derived set's draft (/rule-sets/{key}/draft): a parent row's cell changed
 * through the same typed form as the analysts', set back, removed and restored; an own activity type added; bad
 * input beside the field with what was typed and nothing saved; filing and filed versions refused (409); and every
 * key of someone else's (another department's set, a unit outside the department, the reference) a 404.
 */
@IntegrationTest
class MaintainerDraftEditTest {

    /** jl-paper-3: 论文 · 省级刊物 · 第一作者/通讯作者, base 26; out:0 is its 基础学时. */
    static final String PAPER = "jl-paper-3";

    @Autowired
    MockMvc mvc;
    @Autowired
    HierarchyFixtures fixtures;
    @Autowired
    Derivations derivations;

    String page(String path, String me) throws Exception {
        return HierarchyFixtures.page(mvc, path, me, Groups.RULE_MAINTAINER);
    }

    MockHttpServletRequestBuilder base(String key, String me, String typed) {
        return post("/rule-sets/" + key + "/draft/rules/" + PAPER).param("decision", key + "-items")
                .param("o:out:0", "26").param("f:out:0", "26").param("t:out:0", typed)
                .with(user(me).roles(Groups.RULE_MAINTAINER)).with(csrf());
    }

    Delta delta(String key) {
        return derivations.delta(derivations.latest(key));
    }

    @Test
    void aRateChangedThroughTheTypedEditorLandsInTheDeltaAndReadsAsWords() throws Exception {
        Department dept = fixtures.department("JILIN", Department.Level.PROVINCIAL);
        String me = fixtures.maintainerOf(OwnerKind.DEPARTMENT, dept.getCode());
        String key = fixtures.drafted(OwnerKind.DEPARTMENT, dept.getCode(), "jilin-2026", Delta.empty());

        String form = page("/rule-sets/" + key + "/draft/rules/" + PAPER + "?decision=" + key + "-items", me);
        assertThat(form).contains("发表论文").contains("name=\"t:out:0\"").contains("value=\"26\"").contains("sentence-before");
        // the live preview: before → after and the sample hours, nothing saved
        assertThat(mvc.perform(base(key, me, "31").param("version", "1").param("op", "preview")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString()).contains("31 学时").contains("value=\"31\"");
        mvc.perform(post("/rule-sets/" + key + "/draft/rules/" + PAPER + "/preview").param("decision", key + "-items")
                        .param("o:out:0", "26").param("f:out:0", "26").param("t:out:0", "31")
                        .with(user(me).roles(Groups.RULE_MAINTAINER)).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.after").value(org.hamcrest.Matchers.containsString("31 学时")))
                .andExpect(jsonPath("$.before").value(org.hamcrest.Matchers.containsString("26 学时")))
                .andExpect(jsonPath("$.samples[0].after").value(org.hamcrest.Matchers.containsString("31")));
        assertThat(delta(key).isEmpty()).isTrue();

        mvc.perform(base(key, me, "31").param("version", "1")).andExpect(status().is3xxRedirection());
        assertThat(delta(key).changes()).containsExactly(new Delta.Change("items", PAPER, "base", "31"));
        String draft = page("/rule-sets/" + key + "/draft", me);
        assertThat(draft).contains("省级刊物：26 学时（专业科目） → 31 学时（专业科目）").contains("本级修改");
        assertThat(derivations.auditOf(key)).anyMatch(a -> a.action().equals("EDITED") && a.detail().contains("31 学时"));
        // the draft prices by it (as a preview), the parent is untouched
        RecognitionResult priced = derivations.preview(derivations.latest(key)).evaluate(new RecognitionRequest(key, 2026,
                List.of(Map.of("activityType", "PAPER", "role", "FIRST_AUTHOR", "journal", "PROVINCIAL"))));
        assertThat(priced.totalHours()).isEqualByComparingTo("31");

        // set back to the parent's figure: the cell leaves the delta, the diff is empty again
        mvc.perform(post("/rule-sets/" + key + "/draft/rules/" + PAPER).param("decision", key + "-items").param("version", "1")
                .param("o:out:0", "31").param("f:out:0", "31").param("t:out:0", "26")
                .with(user(me).roles(Groups.RULE_MAINTAINER)).with(csrf())).andExpect(status().is3xxRedirection());
        assertThat(delta(key).isEmpty()).isTrue();
    }

    @Test
    void badInputIsShownBesideTheFieldKeepsWhatWasTypedAndSavesNothing() throws Exception {
        Department dept = fixtures.department("JILIN", Department.Level.PROVINCIAL);
        String me = fixtures.maintainerOf(OwnerKind.DEPARTMENT, dept.getCode());
        String key = fixtures.drafted(OwnerKind.DEPARTMENT, dept.getCode(), "jilin-2026", Delta.empty());

        String html = mvc.perform(base(key, me, "abc")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("请输入数字").contains("value=\"abc\"");
        html = mvc.perform(base(key, me, "5000")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("1000").contains("value=\"5000\"");
        // an expression in the expert field: a maintainer writes literals only
        html = mvc.perform(post("/rule-sets/" + key + "/draft/rules/" + PAPER).param("decision", key + "-items")
                        .param("o:out:0", "26").param("f:out:0", "26 + 4").param("t:out:0", "26")
                        .with(user(me).roles(Groups.RULE_MAINTAINER)).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("不能写表达式").contains("26 + 4");
        assertThat(delta(key).isEmpty()).isTrue();

        // a requirement below the parent's: the guardrail is shown beside the preview (submission refuses it)
        html = mvc.perform(post("/rule-sets/" + key + "/draft/rules/jl-facts").param("decision", key + "-facts")
                        .param("op", "preview").param("o:out:4", "90").param("f:out:4", "90").param("t:out:4", "80")
                        .with(user(me).roles(Groups.RULE_MAINTAINER)).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("edit-guardrails").contains("年度总学时要求不得低于上级规则集");
        assertThat(delta(key).isEmpty()).isTrue();

        // a form opened on an older version than the open draft: a clear 409, nothing saved
        mvc.perform(base(key, me, "30").param("version", "7")).andExpect(status().isConflict());
        assertThat(delta(key).isEmpty()).isTrue();
    }

    @Test
    void rowsAreRemovedAndRestoredAndOwnTypesAdded() throws Exception {
        Department dept = fixtures.department("JILIN", Department.Level.PROVINCIAL);
        String me = fixtures.maintainerOf(OwnerKind.DEPARTMENT, dept.getCode());
        String key = fixtures.drafted(OwnerKind.DEPARTMENT, dept.getCode(), "jilin-2026", Delta.empty());

        mvc.perform(post("/rule-sets/" + key + "/draft/rules/jl-paper-1/remove").param("decision", key + "-items")
                .with(user(me).roles(Groups.RULE_MAINTAINER)).with(csrf())).andExpect(status().is3xxRedirection());
        assertThat(delta(key).removals()).containsExactly(new Delta.Removal("items", "jl-paper-1"));
        String draft = page("/rule-sets/" + key + "/draft", me);
        assertThat(draft).contains("本级删除的上级规则").contains("restore-jl-paper-1").contains("删除");
        mvc.perform(post("/rule-sets/" + key + "/draft/removals/items/jl-paper-1/restore")
                .with(user(me).roles(Groups.RULE_MAINTAINER)).with(csrf())).andExpect(status().is3xxRedirection());
        assertThat(delta(key).isEmpty()).isTrue();
        // restoring what is not removed: the message beside the rows, not a 500
        assertThat(mvc.perform(post("/rule-sets/" + key + "/draft/removals/items/jl-paper-1/restore")
                        .with(user(me).roles(Groups.RULE_MAINTAINER)).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString()).contains("无需恢复");

        // the own-type form: every bad field answered beside it, what was typed kept, nothing saved
        String html = mvc.perform(post("/rule-sets/" + key + "/draft/types").param("code", "medical ce").param("nameZh", "")
                        .param("subject", "PROFESSIONAL").param("measure", "count").param("rate", "-2").param("cap", "abc")
                        .param("basis", "办法第六条").with(user(me).roles(Groups.RULE_MAINTAINER)).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("代码须以大写字母开头").contains("请填写中文名称").contains("请输入 0 到 1000 之间的数")
                .contains("value=\"medical ce\"").contains("value=\"abc\"").contains("value=\"办法第六条\"");
        html = mvc.perform(post("/rule-sets/" + key + "/draft/types").param("code", "PAPER").param("nameZh", "论文")
                        .param("subject", "PROFESSIONAL").param("measure", "count").param("rate", "5").param("basis", "办法")
                        .with(user(me).roles(Groups.RULE_MAINTAINER)).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("“PAPER”已存在");
        assertThat(delta(key).isEmpty()).isTrue();

        mvc.perform(post("/rule-sets/" + key + "/draft/types").param("code", "MEDICAL_CE").param("nameZh", "医学继续教育项目")
                .param("subject", "PROFESSIONAL").param("measure", "count").param("rate", "8").param("cap", "24")
                .param("basis", "办法第六条：每项8学时，每年最多24学时").with(user(me).roles(Groups.RULE_MAINTAINER)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(delta(key).additions()).extracting(Delta.Addition::table).containsExactly("activity-types", "items", "caps");
        RecognitionResult priced = derivations.preview(derivations.latest(key)).evaluate(new RecognitionRequest(key, 2026,
                List.of(Map.of("activityType", "MEDICAL_CE", "count", 2), Map.of("activityType", "MEDICAL_CE", "count", 2))));
        // 2 × 8 + 2 × 8 = 32, capped at 24 a year, professional
        assertThat(priced.professionalHours()).isEqualByComparingTo("24");
        draft = page("/rule-sets/" + key + "/draft", me);
        assertThat(draft).contains("新增：活动类型“医学继续教育项目”（MEDICAL_CE）").contains("本级新增");
        // an own row is dropped outright
        String ownItem = key + "-medical-ce-1";
        mvc.perform(post("/rule-sets/" + key + "/draft/rules/" + ownItem + "/remove").param("decision", key + "-items")
                .with(user(me).roles(Groups.RULE_MAINTAINER)).with(csrf())).andExpect(status().is3xxRedirection());
        assertThat(delta(key).additions()).extracting(Delta.Addition::table).containsExactly("activity-types", "caps");
        assertThat(derivations.auditOf(key)).anyMatch(a -> a.detail().contains("新增活动类型 医学继续教育项目"));
    }

    @Test
    void onlyADraftIsEditedFilingAndFiledVersionsAnswer409() throws Exception {
        Department dept = fixtures.department("JILIN", Department.Level.PROVINCIAL);
        String me = fixtures.maintainerOf(OwnerKind.DEPARTMENT, dept.getCode());
        String key = fixtures.drafted(OwnerKind.DEPARTMENT, dept.getCode(), "jilin-2026",
                Delta.empty().withChange(new Delta.Change("items", PAPER, "base", "30")));
        RuleSetVersion v = derivations.submit(key, "结合本行业特点调整", "测试〔2026〕2号", LocalDate.of(2026, 1, 1), "tester");
        String refused = mvc.perform(base(key, me, "33")).andExpect(status().isConflict()).andReturn().getResponse()
                .getContentAsString();
        assertThat(refused).contains("正在备案审核中");
        mvc.perform(get("/rule-sets/" + key + "/draft/rules/" + PAPER).param("decision", key + "-items")
                .with(user(me).roles(Groups.RULE_MAINTAINER))).andExpect(status().isConflict());
        assertThat(page("/rule-sets/" + key + "/draft", me)).contains("正在备案审核中").doesNotContain("id=\"add-type\"");

        derivations.file(v.getId(), LocalDate.of(2026, 1, 1), "同意", "tester");
        assertThat(mvc.perform(base(key, me, "33")).andExpect(status().isConflict()).andReturn().getResponse()
                .getContentAsString()).contains("已备案，不能修改");
        mvc.perform(post("/rule-sets/" + key + "/draft/types").param("code", "X_TYPE").with(user(me).roles(Groups.RULE_MAINTAINER))
                .with(csrf())).andExpect(status().isConflict());
        assertThat(derivations.latest(key).getVersion()).isEqualTo(1);
        // a new draft from the filed version, then the editor works again
        mvc.perform(post("/rule-sets/" + key + "/draft/new").with(user(me).roles(Groups.RULE_MAINTAINER)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/rule-sets/" + key + "/draft/new").with(user(me).roles(Groups.RULE_MAINTAINER)).with(csrf()))
                .andExpect(status().isConflict());
        mvc.perform(post("/rule-sets/" + key + "/draft/rules/" + PAPER).param("decision", key + "-items").param("version", "2")
                .param("o:out:0", "30").param("f:out:0", "30").param("t:out:0", "33")
                .with(user(me).roles(Groups.RULE_MAINTAINER)).with(csrf())).andExpect(status().is3xxRedirection());
        assertThat(derivations.latest(key).getVersion()).isEqualTo(2);
        assertThat(delta(key).changes()).containsExactly(new Delta.Change("items", PAPER, "base", "33"));
    }

    @Test
    void someoneElsesSetsAndTheReferenceAre404ByChangingTheKey() throws Exception {
        Department mine = fixtures.department("JILIN", Department.Level.PROVINCIAL);
        Department theirs = fixtures.department("JILIN", Department.Level.PROVINCIAL);
        String me = fixtures.maintainerOf(OwnerKind.DEPARTMENT, mine.getCode());
        String theirKey = fixtures.drafted(OwnerKind.DEPARTMENT, theirs.getCode(), "jilin-2026", Delta.empty());
        // a unit of my department has its own set: it is the unit's maintainer's, not mine
        var unitOfMine = fixtures.unit("JILIN", "jilin-2026", mine);
        String myDeptKey = fixtures.filed(OwnerKind.DEPARTMENT, mine.getCode(), "jilin-2026", Delta.empty(), LocalDate.of(2026, 1, 1));
        String unitKey = fixtures.drafted(OwnerKind.UNIT, String.valueOf(unitOfMine.getId()), myDeptKey, Delta.empty());
        var unitElsewhere = fixtures.unit("JILIN", "jilin-2026", theirs);
        String elsewhereKey = fixtures.drafted(OwnerKind.UNIT, String.valueOf(unitElsewhere.getId()), "jilin-2026", Delta.empty());
        String unitMaintainer = fixtures.maintainerOf(OwnerKind.UNIT, String.valueOf(unitOfMine.getId()));

        for (String key : List.of(theirKey, unitKey, elsewhereKey, "jilin-2026")) {
            mvc.perform(get("/rule-sets/" + key + "/draft").with(user(me).roles(Groups.RULE_MAINTAINER)))
                    .andExpect(status().isNotFound());
            mvc.perform(get("/rule-sets/" + key + "/draft/rules/" + PAPER).param("decision", key + "-items")
                    .with(user(me).roles(Groups.RULE_MAINTAINER))).andExpect(status().isNotFound());
            mvc.perform(base(key, me, "40")).andExpect(status().isNotFound());
            mvc.perform(post("/rule-sets/" + key + "/draft/rules/" + PAPER + "/remove").param("decision", key + "-items")
                    .with(user(me).roles(Groups.RULE_MAINTAINER)).with(csrf())).andExpect(status().isNotFound());
            mvc.perform(post("/rule-sets/" + key + "/draft/types").param("code", "X_TYPE").param("nameZh", "某")
                    .param("subject", "PUBLIC").param("measure", "count").param("rate", "1").param("basis", "某")
                    .with(user(me).roles(Groups.RULE_MAINTAINER)).with(csrf())).andExpect(status().isNotFound());
            mvc.perform(get("/rule-sets/" + key + "/impact").with(user(me).roles(Groups.RULE_MAINTAINER)))
                    .andExpect(status().isNotFound());
        }
        // the unit's own maintainer cannot reach its department's set either
        mvc.perform(get("/rule-sets/" + myDeptKey + "/draft").with(user(unitMaintainer).roles(Groups.RULE_MAINTAINER)))
                .andExpect(status().isNotFound());
        mvc.perform(base(myDeptKey, unitMaintainer, "40")).andExpect(status().isNotFound());
        // a decision of another set named in my own set's form: not found either, nothing changes
        mvc.perform(post("/rule-sets/" + unitKey + "/draft/rules/" + PAPER).param("decision", theirKey + "-items")
                .param("o:out:0", "26").param("t:out:0", "40").with(user(unitMaintainer).roles(Groups.RULE_MAINTAINER))
                .with(csrf())).andExpect(status().isNotFound());
        for (String key : List.of(theirKey, unitKey, elsewhereKey)) {
            assertThat(delta(key).isEmpty()).isTrue();
        }
    }
}
