package cn.xueshi.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.xueshi.identity.Groups;
import cn.xueshi.identity.UnitType;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The same achievement counts once per person across years (青岛 四（三）, 安徽 第十二条（四）;
 * dmn/achievement-identity-policy.dmn): refused beside the 成果编号 field naming the person's own earlier claim,
 * freed when that claim is rejected, other persons unaffected, Jilin and Yuxi unchecked.
 */
@IntegrationTest
class AchievementIdentityWebTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ClaimFixtures fixtures;
    @Autowired
    ClaimRepository claims;

    static RequestPostProcessor as(String id) {
        return user(id).roles(Groups.EMPLOYEE);
    }

    /** A Qingdao paper (四（三）, 10 学时) of the given year with the given identifier. */
    static MockMultipartHttpServletRequestBuilder paper(String key, int year, String identifier) {
        MockMultipartHttpServletRequestBuilder b = multipart("/claims");
        b.param("submissionKey", key).param("year", String.valueOf(year)).param("pledge", "true")
                .param("items[0].activityType", "PAPER")
                .param("items[0].activityDate", year + "-03-02")
                .param("items[0].title", "青岛港集装箱码头自动化改造研究")
                .param("items[0].identifier", identifier)
                .param("items[0].params[count]", "1");
        return b;
    }

    ClaimFixtures.Setup qingdao() {
        return fixtures.unit("青岛港湾职业技术学院", UnitType.STATE_OWNED, "QINGDAO", "qingdao-2023");
    }

    Claim submitted(String key) {
        return claims.findBySubmissionKey(key).orElseThrow();
    }

    @Test
    void theSamePaperNextYearIsRefusedBesideTheFieldNamingTheEarlierClaimAndKeepsTheInput() throws Exception {
        ClaimFixtures.Setup s = qingdao();
        String first = UUID.randomUUID().toString();
        mvc.perform(paper(first, 2025, "10.1000/qd.2025.001").with(as(s.employee())).with(csrf()))
                .andExpect(status().is3xxRedirection());
        long id = submitted(first).getId();
        // the same DOI typed differently (full-width, lower case, spaces): one paper
        mvc.perform(paper(UUID.randomUUID().toString(), 2026, " １０.１０００/QD.2025.001 ").with(as(s.employee())).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("claimForm", "items[0].identifier",
                        "claim.error.identifier.counted"))
                .andExpect(content().string(containsString("该成果已在您 2025 年度的学时登记 #" + id)))
                .andExpect(content().string(containsString("同一成果不重复计算")))
                .andExpect(content().string(containsString("value=\" １０.１０００/QD.2025.001 \"")))
                .andExpect(content().string(containsString("青岛港集装箱码头自动化改造研究")));
        assertThat(claims.findByClaimantOrderBySubmittedAtDesc(s.employee())).hasSize(1);
    }

    @Test
    void aRejectedClaimFreesTheIdentifier() throws Exception {
        ClaimFixtures.Setup s = qingdao();
        String first = UUID.randomUUID().toString();
        mvc.perform(paper(first, 2025, "ISSN 1000-0001 2025(3)").with(as(s.employee())).with(csrf()))
                .andExpect(status().is3xxRedirection());
        Claim claim = submitted(first);
        fixtures.runJobs(claim);
        assertThat(fixtures.reject(claim, s.reviewer()).getStatus()).isEqualTo(ClaimStatus.REJECTED);
        String again = UUID.randomUUID().toString();
        mvc.perform(paper(again, 2026, "ISSN 1000-0001 2025(3)").with(as(s.employee())).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(submitted(again).getItems().get(0).getIdentifier()).isEqualTo("ISSN 1000-0001 2025(3)");
    }

    @Test
    void anotherPersonMayClaimTheSameIdentifierAndIsToldNothingOfTheFirst() throws Exception {
        ClaimFixtures.Setup s = qingdao();
        ClaimFixtures.Setup other = qingdao();
        mvc.perform(paper(UUID.randomUUID().toString(), 2025, "CN37-1000/2025-04").with(as(s.employee())).with(csrf()))
                .andExpect(status().is3xxRedirection());
        String key = UUID.randomUUID().toString();
        mvc.perform(paper(key, 2025, "CN37-1000/2025-04").with(as(other.employee())).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(submitted(key).getClaimant()).isEqualTo(other.employee());
    }

    @Test
    void twoItemsOfOneFormWithTheSameIdentifierAreRefused() throws Exception {
        ClaimFixtures.Setup s = qingdao();
        mvc.perform(paper(UUID.randomUUID().toString(), 2025, "ISBN 978-7-111-12345-6")
                        .param("items[1].activityType", "PAPER").param("items[1].activityDate", "2025-04-02")
                        .param("items[1].identifier", "isbn9787111123456").param("items[1].params[count]", "1")
                        .with(as(s.employee())).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("claimForm", "items[1].identifier",
                        "claim.error.identifier.twice"));
    }

    @Test
    void qingdaoAchievementsNeedTheirNumber() throws Exception {
        ClaimFixtures.Setup s = qingdao();
        mvc.perform(paper(UUID.randomUUID().toString(), 2025, "").with(as(s.employee())).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("claimForm", "items[0].identifier",
                        "claim.error.identifier.missing"))
                .andExpect(content().string(containsString("请填写成果编号")));
    }

    @Test
    void anhuiCountsABookOnceAcrossYears() throws Exception {
        ClaimFixtures.Setup s = fixtures.unit("安徽理工大学", UnitType.STATE_OWNED, "ANHUI", "anhui-2025");
        String first = UUID.randomUUID().toString();
        mvc.perform(book(first, 2025, "ISBN 978-7-312-00001-1").with(as(s.employee())).with(csrf()))
                .andExpect(status().is3xxRedirection());
        mvc.perform(book(UUID.randomUUID().toString(), 2026, "9787312000011").with(as(s.employee())).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("claimForm", "items[0].identifier",
                        "claim.error.identifier.counted"));
        // a patent: the Anhui text says nothing of counting it once, the number is optional and not checked
        mvc.perform(multipart("/claims").param("submissionKey", UUID.randomUUID().toString()).param("year", "2026")
                        .param("pledge", "true").param("items[0].activityType", "PATENT")
                        .param("items[0].activityDate", "2026-03-02").param("items[0].params[patentType]", "INVENTION")
                        .param("items[0].params[rank]", "1")
                        .with(as(s.employee())).with(csrf()))
                .andExpect(status().is3xxRedirection());
    }

    static MockMultipartHttpServletRequestBuilder book(String key, int year, String identifier) {
        MockMultipartHttpServletRequestBuilder b = multipart("/claims");
        b.param("submissionKey", key).param("year", String.valueOf(year)).param("pledge", "true")
                .param("items[0].activityType", "BOOK")
                .param("items[0].activityDate", year + "-03-02")
                .param("items[0].title", "淮南煤田地质")
                .param("items[0].identifier", identifier)
                .param("items[0].params[role]", "SOLE_AUTHOR");
        return b;
    }

    @Test
    void jilinAndYuxiDoNotCheck() throws Exception {
        ClaimFixtures.Setup jl = fixtures.jilin();
        for (int year : new int[] {2026, 2026}) {
            mvc.perform(multipart("/claims").param("submissionKey", UUID.randomUUID().toString())
                            .param("year", String.valueOf(year)).param("pledge", "true")
                            .param("items[0].activityType", "BOOK").param("items[0].activityDate", year + "-03-02")
                            .param("items[0].identifier", "ISBN 978-7-5000-0000-1")
                            .param("items[0].params[role]", "AUTHOR")
                            .with(as(jl.employee())).with(csrf()))
                    .andExpect(status().is3xxRedirection());
        }
        ClaimFixtures.Setup yx = fixtures.unit("玉溪市人民医院", UnitType.STATE_OWNED, "YUXI", "yuxi-2024");
        for (int year : new int[] {2025, 2026}) {
            mvc.perform(multipart("/claims").param("submissionKey", UUID.randomUUID().toString())
                            .param("year", String.valueOf(year)).param("pledge", "true")
                            .param("items[0].activityType", "PATENT").param("items[0].activityDate", year + "-03-02")
                            .param("items[0].identifier", "ZL202510000001.0")
                            .param("items[0].params[patentType]", "DESIGN")
                            .with(as(yx.employee())).with(csrf()))
                    .andExpect(status().is3xxRedirection());
        }
    }

    @Test
    void theClaimPageShowsTheIdentifierToTheReviewer() throws Exception {
        ClaimFixtures.Setup s = qingdao();
        String key = UUID.randomUUID().toString();
        mvc.perform(paper(key, 2025, "10.1000/qd.review").with(as(s.employee())).with(csrf()))
                .andExpect(status().is3xxRedirection());
        Claim claim = submitted(key);
        fixtures.runJobs(claim);
        mvc.perform(get("/claims/{id}", claim.getId()).with(user(s.reviewer()).roles(Groups.REVIEWER)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("成果编号：10.1000/qd.review")));
        mvc.perform(get("/claims/new").with(as(s.employee())))
                .andExpect(content().string(not(containsString("qd.review"))));
    }

    @Test
    void aCorrectedClaimKeepsItsOwnIdentifierButMayNotTakeOneCountedElsewhere() throws Exception {
        ClaimFixtures.Setup s = qingdao();
        String earlier = UUID.randomUUID().toString();
        mvc.perform(paper(earlier, 2025, "10.1000/qd.other").with(as(s.employee())).with(csrf()))
                .andExpect(status().is3xxRedirection());
        String key = UUID.randomUUID().toString();
        mvc.perform(paper(key, 2026, "10.1000/qd.mine").with(as(s.employee())).with(csrf()))
                .andExpect(status().is3xxRedirection());
        Claim claim = submitted(key);
        fixtures.runJobs(claim);
        assertThat(fixtures.returnForCorrection(claim, s.reviewer()).getStatus()).isEqualTo(ClaimStatus.RETURNED);
        // the other claim's number: refused beside the field
        mvc.perform(correction(claim.getId(), "10.1000/qd.other").with(as(s.employee())).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("claimForm", "items[0].identifier",
                        "claim.error.identifier.counted"));
        // its own number again: not a duplicate of itself
        mvc.perform(correction(claim.getId(), "10.1000/QD.MINE").with(as(s.employee())).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(fixtures.reload(claim).getItems().get(0).getIdentifier()).isEqualTo("10.1000/QD.MINE");
        // and it still counts: a third claim with it is refused
        mvc.perform(paper(UUID.randomUUID().toString(), 2026, "10.1000/qd.mine").with(as(s.employee())).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("claimForm", "items[0].identifier",
                        "claim.error.identifier.counted"));
    }

    static MockMultipartHttpServletRequestBuilder correction(long id, String identifier) {
        MockMultipartHttpServletRequestBuilder b = multipart("/claims/{id}/correct", id);
        b.param("submissionKey", UUID.randomUUID().toString()).param("year", "2026").param("pledge", "true")
                .param("items[0].activityType", "PAPER")
                .param("items[0].activityDate", "2026-03-02")
                .param("items[0].identifier", identifier)
                .param("items[0].params[count]", "1");
        return b;
    }
}
