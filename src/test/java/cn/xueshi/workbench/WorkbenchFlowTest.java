package cn.xueshi.workbench;

import cn.xueshi.ruleedit.TableView;
import cn.xueshi.ruleedit.Impact;
import static cn.xueshi.workbench.WorkbenchFixtures.BODY;
import static cn.xueshi.workbench.WorkbenchFixtures.ITEMS;
import static cn.xueshi.workbench.WorkbenchFixtures.RATE_CELL;
import static cn.xueshi.workbench.WorkbenchFixtures.YUXI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.xueshi.identity.UnitType;
import cn.xueshi.support.IntegrationTest;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** An analyst changes a rate in a draft, meets the regression gate, deploys, and rolls back. */
@IntegrationTest
class WorkbenchFlowTest extends AnalystMvcTest {

    WorkbenchFlowTest() {
        super("wba", "分", "析");
    }

    void expectHours(double hours) throws Exception {
        mvc.perform(post("/api/v1/recognition/evaluate").with(asAnalyst()).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content(BODY))
                .andExpect(status().isOk()).andExpect(jsonPath("$.items[0].hours").value(hours));
    }

    @Test
    void raisedRateIsGatedByRegressionCasesThenDeployedAndRolledBack() throws Exception {
        WorkbenchFixtures.Saved saved = fixtures.save(YUXI);
        int before = versions.activeVersion(YUXI);
        fixtures.approvedItem(users.unit("影响预览测试单位", UnitType.STATE_OWNED, "YUXI", YUXI), YUXI,
                java.time.LocalDate.now().getYear(), "PUBLIC_COURSE", "{\"count\":2}", new BigDecimal("10"));
        try {
            expectHours(10.0);
            long draft = openDraft();
            mvc.perform(post("/workbench/drafts/{id}/edit", draft).with(asAnalyst()).with(csrf())
                            .param("decision", ITEMS).param(RATE_CELL, "7").param("op", "save"))
                    .andExpect(redirectedUrl("/workbench/drafts/" + draft + "?decision=" + ITEMS));
            expectHours(10.0);

            String check = mvc.perform(get("/workbench/drafts/{id}/check", draft).with(asAnalyst()))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            assertThat(check).contains("未发现问题").contains("个回归用例未通过").contains("玉溪：公需课程 2 项")
                    .contains("影响预览");
            Impact impact = workbench.impact(workbench.draft(draft));
            assertThat(impact.types()).anySatisfy(t -> {
                assertThat(t.activityType()).isEqualTo("PUBLIC_COURSE");
                assertThat(t.changed()).isPositive();
                assertThat(t.delta()).isGreaterThanOrEqualTo(new BigDecimal("4"));
            });

            mvc.perform(post("/workbench/drafts/{id}/deploy", draft).with(asAnalyst()).with(csrf())
                            .param("comment", "统一学习项目每项提高到7学时"))
                    .andExpect(redirectedUrl("/workbench/drafts/" + draft + "/check"))
                    .andExpect(flash().attribute("error", containsString("回归用例未通过，不能部署")));
            assertThat(versions.activeVersion(YUXI)).isEqualTo(before);

            List<CaseResult> failing = workbench.regression(workbench.draft(draft)).stream().filter(r -> !r.passed()).toList();
            assertThat(failing).isNotEmpty();
            for (CaseResult r : failing) {
                mvc.perform(post("/workbench/drafts/{id}/cases/{c}", draft, r.regressionCase().getId())
                                .with(asAnalyst()).with(csrf()).param("expectJson", r.suggestedExpect()).param("comment", ""))
                        .andExpect(flash().attribute("error", containsString("请填写变更理由")));
                mvc.perform(post("/workbench/drafts/{id}/cases/{c}", draft, r.regressionCase().getId())
                                .with(asAnalyst()).with(csrf()).param("expectJson", r.suggestedExpect())
                                .param("comment", "按新标准每项7学时"))
                        .andExpect(flash().attribute("message", containsString("部署时生效")));
            }
            mvc.perform(post("/workbench/drafts/{id}/deploy", draft).with(asAnalyst()).with(csrf()).param("comment", " "))
                    .andExpect(flash().attribute("error", containsString("请填写变更理由")));
            mvc.perform(post("/workbench/drafts/{id}/deploy", draft).with(asAnalyst()).with(csrf())
                            .param("comment", "统一学习项目每项提高到7学时"))
                    .andExpect(redirectedUrl("/workbench/rule-sets/" + YUXI))
                    .andExpect(flash().attribute("message", containsString("已部署")));
            assertThat(versions.activeVersion(YUXI)).isEqualTo(before + 1);
            expectHours(14.0);

            String page = mvc.perform(get("/workbench/rule-sets/" + YUXI).with(asAnalyst()))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            assertThat(page).contains("v" + (before + 1)).contains("规则维护人员").contains("<td>分析</td>")
                    .contains("统一学习项目每项提高到7学时").contains("首条命中").contains("玉溪市人社局〔2024〕146号");
            String csv = mvc.perform(get("/workbench/audit.csv").param("ruleSet", YUXI).with(asAnalyst()))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
            assertThat(csv).contains("DEPLOYED").contains("CASE_CHANGED").contains("CASE_UPDATED")
                    .contains("按新标准每项7学时").contains("yx-public-course-1 [每项/次学时]: 5 → 7");
            assertThat(mvc.perform(get("/workbench/audit").with(asAnalyst())).andReturn().getResponse().getContentAsString())
                    .contains("部署").contains("统一学习项目每项提高到7学时");

            // a roll-back runs the cases too: the case now expects 7 per programme, which the older version fails
            mvc.perform(post("/workbench/rule-sets/" + YUXI + "/rollback").with(asAnalyst()).with(csrf())
                            .param("version", String.valueOf(before)).param("comment", "政策暂缓执行"))
                    .andExpect(flash().attribute("error", containsString("不能回滚到 v" + before)))
                    .andExpect(flash().attribute("error", containsString("玉溪：公需课程 2 项")));
            assertThat(versions.activeVersion(YUXI)).isEqualTo(before + 1);
            expectHours(14.0);

            // the way back: a draft of the older version, its cases put back with a reason, deployed
            String url = mvc.perform(post("/workbench/rule-sets/{rs}/versions/{v}/draft", YUXI, before).with(asAnalyst()).with(csrf()))
                    .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
            long back = Long.parseLong(url.replaceAll("^/workbench/drafts/(\\d+)/check$", "$1"));
            for (CaseResult r : workbench.regression(workbench.draft(back)).stream().filter(r -> !r.passed()).toList()) {
                workbench.changeCase(back, r.regressionCase().getId(), r.suggestedExpect(), "政策暂缓执行", analyst);
            }
            mvc.perform(post("/workbench/drafts/{id}/deploy", back).with(asAnalyst()).with(csrf()).param("comment", "政策暂缓执行"))
                    .andExpect(flash().attribute("message", containsString("已部署")));
            assertThat(versions.activeVersion(YUXI)).isEqualTo(before + 2);
            expectHours(10.0);
        } finally {
            fixtures.restore(saved);
        }
        expectHours(10.0);
    }

    @Test
    void draftRowsCanBeAddedMovedAndRemovedAndTheDraftDiscarded() throws Exception {
        WorkbenchFixtures.Saved saved = fixtures.save(YUXI);
        try {
            long draft = openDraft();
            mvc.perform(post("/workbench/drafts/{id}/edit", draft).with(asAnalyst()).with(csrf())
                    .param("decision", ITEMS).param("op", "add:yx-public-course-1")
                    .param("desc:yx-public-course-1", "新的依据说明"));
            List<TableView.Row> rows = rows(draft);
            assertThat(rows.get(0).description()).isEqualTo("新的依据说明");
            String copy = rows.get(1).id();
            assertThat(copy).startsWith("rule-");
            assertThat(rows.get(1).outputs()).isEqualTo(rows.get(0).outputs());
            mvc.perform(post("/workbench/drafts/{id}/edit", draft).with(asAnalyst()).with(csrf())
                    .param("decision", ITEMS).param("op", "up:" + copy));
            assertThat(rows(draft).get(0).id()).isEqualTo(copy);
            mvc.perform(post("/workbench/drafts/{id}/edit", draft).with(asAnalyst()).with(csrf())
                    .param("decision", ITEMS).param("op", "down:" + copy));
            assertThat(rows(draft).get(1).id()).isEqualTo(copy);
            mvc.perform(post("/workbench/drafts/{id}/edit", draft).with(asAnalyst()).with(csrf())
                    .param("decision", ITEMS).param("op", "remove:" + copy));
            assertThat(rows(draft)).noneMatch(r -> r.id().equals(copy));

            assertThat(mvc.perform(get("/workbench/drafts/{id}", draft).param("view", "table").with(asAnalyst())).andExpect(status().isOk())
                    .andReturn().getResponse().getContentAsString()).contains("新的依据说明").contains("保存草稿");
            mvc.perform(post("/workbench/drafts/{id}/discard", draft).with(asAnalyst()).with(csrf()))
                    .andExpect(redirectedUrl("/workbench/rule-sets/" + YUXI));
            assertThat(workbench.currentDraft(YUXI)).isEmpty();
        } finally {
            fixtures.restore(saved);
        }
    }

    @Test
    void uploadedModelerFileBecomesADraftAndAnInvalidOneIsRefused() throws Exception {
        WorkbenchFixtures.Saved saved = fixtures.save(YUXI);
        try {
            org.springframework.mock.web.MockMultipartFile file = new org.springframework.mock.web.MockMultipartFile(
                    "file", "yuxi.dmn", "application/xml", saved.xml().replace("<text>5</text>", "<text>6</text>")
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            String url = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                            .multipart("/workbench/rule-sets/" + YUXI + "/upload").file(file).param("comment", "用 Modeler 修改")
                            .with(asAnalyst()).with(csrf()))
                    .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
            assertThat(url).endsWith("/check");
            assertThat(workbench.currentDraft(YUXI).orElseThrow().getOrigin()).isEqualTo("UPLOADED");

            org.springframework.mock.web.MockMultipartFile bad = new org.springframework.mock.web.MockMultipartFile(
                    "file", "bad.dmn", "application/xml", "not xml".getBytes());
            mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                            .multipart("/workbench/rule-sets/" + YUXI + "/upload").file(bad).param("comment", "坏文件")
                            .with(asAnalyst()).with(csrf()))
                    .andExpect(flash().attribute("error", containsString("不是有效的 DMN")));
        } finally {
            fixtures.restore(saved);
        }
    }

    List<TableView.Row> rows(long draft) {
        return rows(draft, ITEMS);
    }
}
