package cn.xueshi.workbench;

import cn.xueshi.ruleedit.DecisionTables;
import static cn.xueshi.workbench.WorkbenchFixtures.ITEMS;
import static cn.xueshi.workbench.WorkbenchFixtures.RATE_CELL;
import static cn.xueshi.workbench.WorkbenchFixtures.YUXI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.xueshi.rules.UnsafeModels;
import cn.xueshi.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;

/**
 * The security report's reproductions: an analyst puts JUEL that runs {@code touch proof-file} into a
 * cell through the editor or a .dmn upload, then validates (校验). Refused, with the workbench's error
 * message naming the cell, and no command runs.
 */
@IntegrationTest
class FeelOnlyWorkbenchTest extends AnalystMvcTest {

    FeelOnlyWorkbenchTest() {
        super("wbf", "安", "全");
    }

    @Autowired
    DraftRepository drafts;

    @Test
    void juelThroughTheEditorIsRefusedAndCheckRunsNothing() throws Exception {
        WorkbenchFixtures.Saved saved = fixtures.save(YUXI);
        Path proof = UnsafeModels.proofFile();
        try {
            long draft = openDraft();
            for (String cell : List.of(UnsafeModels.juelExec(proof), "#{\"\".getClass()}")) {
                mvc.perform(post("/workbench/drafts/{id}/edit", draft).with(asAnalyst()).with(csrf())
                                .param("decision", ITEMS).param(RATE_CELL, cell).param("op", "save"))
                        .andExpect(redirectedUrl("/workbench/drafts/" + draft + "?decision=" + ITEMS))
                        .andExpect(flash().attribute("error", containsString("只允许使用 FEEL")))
                        .andExpect(flash().attribute("error", containsString("yx-public-course-1")));
            }
            assertThat(workbench.draft(draft).getDmnXml()).doesNotContain("${").doesNotContain("#{");
            mvc.perform(get("/workbench/drafts/{id}/check", draft).with(asAnalyst())).andExpect(status().isOk());
            assertThat(UnsafeModels.created(proof)).as("the command did not run").isFalse();
        } finally {
            fixtures.restore(saved);
        }
    }

    /** A draft stored before this fix (or written to the database otherwise): check and deploy refuse it, nothing runs. */
    @Test
    void aStoredUnsafeDraftIsReportedNotEvaluatedAndNotDeployed() throws Exception {
        WorkbenchFixtures.Saved saved = fixtures.save(YUXI);
        Path proof = UnsafeModels.proofFile();
        try {
            long id = openDraft();
            Draft draft = workbench.draft(id);
            DecisionTables tables = DecisionTables.parse(draft.getDmnXml());
            tables.applyCells(ITEMS, Map.of(RATE_CELL, UnsafeModels.juelExec(proof)));
            draft.change(tables.xml(), Draft.Origin.EDITED);
            drafts.save(draft);
            int before = versions.activeVersion(YUXI);

            String page = mvc.perform(get("/workbench/drafts/{id}/check", id).with(asAnalyst()))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            assertThat(page).contains("JUEL").contains("yx-public-course-1");
            assertThat(workbench.validate(workbench.draft(id))).anySatisfy(p -> {
                assertThat(p.error()).isTrue();
                assertThat(p.decisionKey()).isEqualTo(ITEMS);
                assertThat(p.row()).isEqualTo(1);
                assertThat(p.message()).contains("FEEL").contains("yx-public-course-1"); // outside a request: JVM locale
            });
            mvc.perform(post("/workbench/drafts/{id}/deploy", id).with(asAnalyst()).with(csrf()).param("comment", "攻击"))
                    .andExpect(flash().attribute("error", containsString("不能部署")));
            assertThat(versions.activeVersion(YUXI)).isEqualTo(before);
            assertThat(UnsafeModels.created(proof)).as("the command did not run").isFalse();
        } finally {
            fixtures.restore(saved);
        }
    }

    @Test
    void aDmnUploadWithJuelOrAScriptLanguageIsRefused() throws Exception {
        WorkbenchFixtures.Saved saved = fixtures.save(YUXI);
        Path proof = UnsafeModels.proofFile();
        try {
            DecisionTables el = DecisionTables.parse(saved.xml());
            el.applyCells(ITEMS, Map.of(RATE_CELL, UnsafeModels.juelExec(proof)));
            String script = saved.xml().replaceFirst("<outputEntry ", "<outputEntry expressionLanguage=\"javascript\" ");
            String juel = saved.xml().replaceFirst("<definitions ", "<definitions expressionLanguage=\"juel\" ");
            for (String xml : List.of(el.xml(), script, juel)) {
                mvc.perform(multipart("/workbench/rule-sets/" + YUXI + "/upload")
                                .file(new MockMultipartFile("file", "attack.dmn", "application/xml",
                                        xml.getBytes(StandardCharsets.UTF_8)))
                                .param("comment", "上传").with(asAnalyst()).with(csrf()))
                        .andExpect(redirectedUrl("/workbench/rule-sets/" + YUXI))
                        .andExpect(flash().attribute("error", containsString("只允许使用 FEEL")));
            }
            assertThat(workbench.currentDraft(YUXI)).isEmpty();
            assertThat(UnsafeModels.created(proof)).as("the command did not run").isFalse();
        } finally {
            fixtures.restore(saved);
        }
    }

    /** Rolling back to a version that is not FEEL-only (deployed by an older build) is refused as well. */
    @Test
    void theGuardStandsBeforeEveryDeployOfARuleSet() {
        String unsafe = UnsafeModels.table("yuxi-2024-items", "", null, "groovy", "\"x\"");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> versions.deploy(YUXI, unsafe))
                .hasMessageContaining("只允许使用 FEEL");
    }
}
