package cn.xueshi.document;

import static cn.xueshi.document.Downloads.as;
import static cn.xueshi.document.Downloads.bytes;
import static cn.xueshi.document.Downloads.employee;
import static cn.xueshi.document.Downloads.fetch;
import static cn.xueshi.document.Downloads.sheet;
import static cn.xueshi.document.Downloads.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.xueshi.identity.Directory;
import cn.xueshi.identity.Groups;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** Every download checks who asks: ids in the URL never open someone else's documents. */
@IntegrationTest
class DocumentAccessTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    DocumentFixtures fixtures;
    @Autowired
    TestUsers users;
    @Autowired
    Directory directory;

    private String bureauOf(String jurisdiction) {
        String id = users.user("bur", "赵", "局", Groups.BUREAU);
        directory.assignOversight(id, jurisdiction);
        return id;
    }

    private static String summary(DocumentFixtures.Year y) {
        return "/documents/units/" + y.setup().unit().getId() + "/summary?year=2026";
    }

    private static String memberForm(DocumentFixtures.Year y, String userId) {
        return "/documents/units/" + y.setup().unit().getId() + "/people/" + userId + "/registration-form?year=2026";
    }

    @Test
    void reviewerAndBureauOfTheJurisdictionDownloadTheSummaryAndMembersForms() throws Exception {
        DocumentFixtures.Year y = fixtures.compliantYear();
        String bureau = bureauOf("JILIN");
        for (var who : new org.springframework.test.web.servlet.request.RequestPostProcessor[] {
                as(y.setup().reviewer(), Groups.REVIEWER), as(bureau, Groups.BUREAU)}) {
            fetch(mvc, summary(y), who).andExpect(status().isOk());
            assertThat(text(sheet(bytes(mvc, memberForm(y, y.secondMember()), who)), 2, 2)).isEqualTo("欧阳娜娜");
            assertThat(text(sheet(bytes(mvc, memberForm(y, y.setup().employee()), who)), 2, 2)).isEqualTo("王小明");
        }
    }

    @Test
    void employeeCannotFetchTheSummaryOrAnotherPersonsForm() throws Exception {
        DocumentFixtures.Year y = fixtures.compliantYear();
        var colleague = employee(y.secondMember());
        fetch(mvc, summary(y), colleague).andExpect(status().isNotFound());
        fetch(mvc, memberForm(y, y.setup().employee()), colleague).andExpect(status().isNotFound());
        fetch(mvc, memberForm(y, y.secondMember()), colleague).andExpect(status().isNotFound());
        // the own-document URLs take no person: a smuggled id is ignored, the colleague gets their own (no hours)
        fetch(mvc, "/documents/certificate?year=2026&userId=" + y.setup().employee(), colleague)
                .andExpect(status().isNotFound());
        assertThat(text(sheet(bytes(mvc, "/documents/registration-form?year=2026&userId=" + y.setup().employee(),
                colleague)), 2, 2)).isEqualTo("欧阳娜娜");
    }

    @Test
    void reviewerOrBureauOfAnotherUnitOrJurisdictionGetsNotFound() throws Exception {
        DocumentFixtures.Year y = fixtures.compliantYear();
        DocumentFixtures.Year other = fixtures.compliantYear();
        var otherReviewer = as(other.setup().reviewer(), Groups.REVIEWER);
        fetch(mvc, summary(y), otherReviewer).andExpect(status().isNotFound());
        fetch(mvc, memberForm(y, y.setup().employee()), otherReviewer).andExpect(status().isNotFound());
        // own unit's id with a person from another unit
        fetch(mvc, memberForm(other, y.setup().employee()), otherReviewer).andExpect(status().isNotFound());
        var anhuiBureau = as(bureauOf("ANHUI"), Groups.BUREAU);
        fetch(mvc, summary(y), anhuiBureau).andExpect(status().isNotFound());
        fetch(mvc, memberForm(y, y.setup().employee()), anhuiBureau).andExpect(status().isNotFound());
        fetch(mvc, "/documents/units/999999999/summary?year=2026", otherReviewer).andExpect(status().isNotFound());
    }

    @Test
    void documentsNeedASignedInUserAndAYearThatExists() throws Exception {
        DocumentFixtures.Year y = fixtures.compliantYear();
        mvc.perform(get("/documents/registration-form?year=2026")).andExpect(status().is3xxRedirection());
        mvc.perform(get("/documents/certificate?year=2026")).andExpect(status().is3xxRedirection());
        mvc.perform(get(summary(y))).andExpect(status().is3xxRedirection());
        fetch(mvc, "/documents/registration-form?year=" + (java.time.LocalDate.now().getYear() + 1), employee(y.setup().employee()))
                .andExpect(status().isNotFound());
        // beyond xueshi.limits (RequestLimits): refused before the controller
        fetch(mvc, "/documents/registration-form?year=3000", employee(y.setup().employee()))
                .andExpect(status().isBadRequest());
    }

    @Test
    void documentsPageOffersOwnLinksAndTheUnitsOfAReviewer() throws Exception {
        DocumentFixtures.Year y = fixtures.compliantYear();
        fetch(mvc, "/documents?year=2026", employee(y.setup().employee()))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("/documents/certificate?year=2026")))
                .andExpect(content().string(org.hamcrest.Matchers.not(
                        org.hamcrest.Matchers.containsString("/summary"))));
        fetch(mvc, "/documents?year=2026", as(y.setup().reviewer(), Groups.REVIEWER))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString(
                        "/documents/units/" + y.setup().unit().getId() + "/summary?year=2026")));
    }
}
