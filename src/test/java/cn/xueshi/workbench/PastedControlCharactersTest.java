package cn.xueshi.workbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import static cn.xueshi.workbench.WorkbenchFixtures.ITEMS;
import static cn.xueshi.workbench.WorkbenchFixtures.RATE_CELL;
import static cn.xueshi.workbench.WorkbenchFixtures.YUXI;

import cn.xueshi.ruleedit.TableView;
import cn.xueshi.support.IntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * A rule cell pasted with an invisible control character (Excel's vertical tab, a NUL from another system) used to
 * be written into the draft's DMN XML, which could then not be read back: every later step of the draft answered
 * 500. The characters are dropped as the form comes in; the rest of the cell is kept.
 */
@IntegrationTest
class PastedControlCharactersTest extends AnalystMvcTest {

    PastedControlCharactersTest() {
        super("wbc", "控", "制");
    }

    @Test
    void aCellWithControlCharactersIsSavedWithoutThemAndTheDraftStillOpens() throws Exception {
        WorkbenchFixtures.Saved saved = fixtures.save(YUXI);
        try {
            long draft = openDraft();
            mvc.perform(post("/workbench/drafts/{id}/edit", draft).with(asAnalyst()).with(csrf())
                            .param("decision", ITEMS).param("op", "save").param(RATE_CELL, "7\u0000")
                            .param("desc:yx-public-course-1", "依据\u000B说明\u0000（玉人社〔2024〕146号）"))
                    .andExpect(redirectedUrl("/workbench/drafts/" + draft + "?decision=" + ITEMS));
            TableView.Row row = rows(draft, ITEMS).stream().filter(r -> r.id().equals("yx-public-course-1")).findFirst()
                    .orElseThrow();
            assertThat(row.description()).isEqualTo("依据说明（玉人社〔2024〕146号）");
            assertThat(row.outputs()).contains("7");
            mvc.perform(get("/workbench/drafts/{id}", draft).param("view", "table").with(asAnalyst()))
                    .andExpect(status().isOk());
            mvc.perform(get("/workbench/drafts/{id}/check", draft).with(asAnalyst())).andExpect(status().isOk());
        } finally {
            fixtures.restore(saved);
        }
    }
}
