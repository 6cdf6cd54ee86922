package cn.xueshi.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.xueshi.evidence.EvidenceStore;
import cn.xueshi.identity.Groups;
import cn.xueshi.identity.UnitType;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

@IntegrationTest
class ClaimWebTest {

    static final byte[] PDF = cn.xueshi.evidence.EvidenceSamples.pdf();
    static final byte[] PNG = cn.xueshi.evidence.EvidenceSamples.png();
    static final byte[] EXE = {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0, 4, 0};

    @Autowired
    MockMvc mvc;
    @Autowired
    ClaimFixtures fixtures;
    @Autowired
    ClaimRepository claims;
    @Autowired
    EvidenceStore evidence;

    static RequestPostProcessor as(String id) {
        return user(id).roles(Groups.EMPLOYEE);
    }

    static MockMultipartHttpServletRequestBuilder exchangeForm(String key, String days) {
        MockMultipartHttpServletRequestBuilder b = multipart("/claims");
        b.param("submissionKey", key).param("year", "2026")
                .param("items[0].activityType", "PROFESSIONAL_EXCHANGE")
                .param("items[0].activityDate", "2026-03-02")
                .param("items[0].title", "东北三省医学影像学术交流会")
                .param("items[0].params[days]", days);
        return b;
    }

    static MockMultipartHttpServletRequestBuilder exchangeForm(String key, String days, boolean pledged) {
        MockMultipartHttpServletRequestBuilder b = exchangeForm(key, days);
        if (pledged) {
            b.param("pledge", "true");
        }
        return b;
    }

    @Test
    void newClaimFormOffersTheRuleSetsActivityTypesInChinese() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        mvc.perform(get("/claims/new").with(as(s.employee())))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("学时登记")))
                .andExpect(content().string(containsString("专业学习与交流")))
                .andExpect(content().string(containsString("本人承诺")))
                .andExpect(content().string(containsString("data-rule-set=\"jilin-2026\"")));
    }

    @Test
    void validClaimIsStoredAndItsProcessStarted() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        String key = UUID.randomUUID().toString();
        MvcResult r = mvc.perform(exchangeForm(key, "3", true).file(new MockMultipartFile("files", "会议通知.pdf",
                        "application/pdf", PDF)).with(as(s.employee())).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn();
        Claim claim = claims.findBySubmissionKey(key).orElseThrow();
        assertThat(r.getResponse().getRedirectedUrl()).isEqualTo("/claims/" + claim.getId());
        assertThat(claim.getProcessInstanceId()).isNotNull();
        assertThat(claim.getItems()).hasSize(1);
        assertThat(claim.getItems().get(0).getTitle()).isEqualTo("东北三省医学影像学术交流会");
        assertThat(evidence.forClaim(claim.getId())).singleElement()
                .satisfies(f -> {
                    assertThat(f.fileName()).isEqualTo("会议通知.pdf");
                    assertThat(f.contentType()).isEqualTo("application/pdf");
                    assertThat(f.sha256()).hasSize(64);
                });
        fixtures.runJobs(claim);
        mvc.perform(get("/claims/{id}", claim.getId()).with(as(s.employee())))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("审核中")))
                .andExpect(content().string(containsString("24 学时（公需 0，专业 24）")))
                .andExpect(content().string(containsString("会议通知.pdf")));
    }

    @Test
    void doubleClickedSubmitCreatesOneClaim() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        String key = UUID.randomUUID().toString();
        mvc.perform(exchangeForm(key, "1", true).with(as(s.employee())).with(csrf())).andExpect(status().is3xxRedirection());
        mvc.perform(exchangeForm(key, "1", true).with(as(s.employee())).with(csrf())).andExpect(status().is3xxRedirection());
        assertThat(claims.findByClaimantOrderBySubmittedAtDesc(s.employee())).hasSize(1);
    }

    @Test
    void invalidFormShowsErrorsNextToTheFieldsAndKeepsWhatWasTyped() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        mvc.perform(multipart("/claims").param("submissionKey", UUID.randomUUID().toString()).param("year", "2026")
                        .param("items[0].activityType", "PROFESSIONAL_EXCHANGE")
                        .param("items[0].activityDate", "2025-12-31")
                        .param("items[0].title", "长白山论坛")
                        .param("items[0].params[days]", "3")
                        .param("description", "我写的说明")
                        .with(as(s.employee())).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors("claimForm", "pledge", "items[0].activityDate"))
                .andExpect(content().string(containsString("请阅读并勾选真实性承诺")))
                .andExpect(content().string(containsString("活动日期须在 2026 年度内")))
                .andExpect(content().string(containsString("value=\"长白山论坛\"")))
                .andExpect(content().string(containsString("我写的说明")));
        assertThat(claims.findByClaimantOrderBySubmittedAtDesc(s.employee())).isEmpty();
    }

    @Test
    void ruleViolationsShowAtTheParameterThatCausedThem() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        mvc.perform(multipart("/claims").param("submissionKey", UUID.randomUUID().toString()).param("year", "2026")
                        .param("pledge", "true")
                        .param("items[0].activityType", "PATENT")
                        .param("items[0].activityDate", "2026-02-02")
                        .param("items[0].params[patentType]", "INVENTION")
                        .param("items[0].params[rank]", "0")
                        .with(as(s.employee())).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors("claimForm", "items[0].params[rank]"))
                .andExpect(content().string(containsString("is-invalid")));
    }

    @Test
    void anExecutableRenamedToPdfIsRefusedAndTheFormKept() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        String key = UUID.randomUUID().toString();
        mvc.perform(exchangeForm(key, "2", true).file(new MockMultipartFile("files", "证书.pdf", "application/pdf", EXE))
                        .with(as(s.employee())).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors("claimForm", "evidence"))
                .andExpect(content().string(containsString("不是 PDF、JPG 或 PNG 文件")))
                .andExpect(content().string(containsString("东北三省医学影像学术交流会")));
        assertThat(claims.findBySubmissionKey(key)).isEmpty();
    }

    @Test
    void oversizeFilesAndTooManyFilesAreRefused() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        byte[] big = Arrays.copyOf(PDF, 10 * 1024 * 1024 + 1);
        mvc.perform(exchangeForm(UUID.randomUUID().toString(), "2")
                        .file(new MockMultipartFile("files", "扫描件.pdf", "application/pdf", big))
                        .with(as(s.employee())).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("超过 10 MB")));
        MockMultipartHttpServletRequestBuilder eleven = exchangeForm(UUID.randomUUID().toString(), "2");
        for (int i = 0; i < 11; i++) {
            eleven.file(new MockMultipartFile("files", "p" + i + ".png", "image/png", PNG));
        }
        mvc.perform(eleven.with(as(s.employee())).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("最多上传 10 个")));
    }

    @Test
    void filesOfAFormWithErrorsAreKeptUntilItIsSubmitted() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        String key = UUID.randomUUID().toString();
        MockMultipartHttpServletRequestBuilder unpledged = exchangeForm(key, "2", false);
        unpledged.file(new MockMultipartFile("files", "照片.png", "image/png", PNG));
        mvc.perform(unpledged.with(as(s.employee())).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("照片.png")));
        mvc.perform(exchangeForm(key, "2", true).with(as(s.employee())).with(csrf())).andExpect(status().is3xxRedirection());
        Claim claim = claims.findBySubmissionKey(key).orElseThrow();
        assertThat(evidence.forClaim(claim.getId())).extracting(f -> f.fileName()).containsExactly("照片.png");
    }

    @Test
    void employeeCannotOpenAnotherPersonsClaimOrEvidenceByChangingTheId() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        String key = UUID.randomUUID().toString();
        mvc.perform(exchangeForm(key, "1", true).file(new MockMultipartFile("files", "a.pdf", "application/pdf", PDF))
                .with(as(s.employee())).with(csrf()));
        Claim claim = claims.findBySubmissionKey(key).orElseThrow();
        long evidenceId = evidence.forClaim(claim.getId()).get(0).id();
        String colleague = fixtures.unit("另一家医院", UnitType.STATE_OWNED, "JILIN", "jilin-2026").employee();

        mvc.perform(get("/claims/{id}", claim.getId()).with(as(colleague))).andExpect(status().isNotFound());
        mvc.perform(get("/claims/{c}/evidence/{e}", claim.getId(), evidenceId).with(as(colleague)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/claims/{id}/correct", claim.getId()).with(as(colleague))).andExpect(status().isNotFound());

        mvc.perform(get("/claims/{c}/evidence/{e}", claim.getId(), evidenceId).with(as(s.employee())))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/pdf"))
                .andExpect(header().string("Content-Disposition", containsString("inline")))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(content().bytes(PDF));
        mvc.perform(get("/claims/{c}/evidence/{e}", claim.getId(), evidenceId)
                        .with(user(s.reviewer()).roles(Groups.REVIEWER)))
                .andExpect(status().isOk());
        // the evidence id must belong to the claim in the URL
        long otherClaim = fixtures.exchange(colleague, 1).getId();
        mvc.perform(get("/claims/{c}/evidence/{e}", otherClaim, evidenceId).with(as(colleague)))
                .andExpect(status().isNotFound());
    }

    @Test
    void secondAnhuiDeclarationIsRefusedWithAClearMessage() throws Exception {
        ClaimFixtures.Setup s = fixtures.unit("安徽建筑大学", UnitType.STATE_OWNED, "ANHUI", "anhui-2025");
        for (int round = 0; round < 2; round++) {
            var result = mvc.perform(multipart("/claims").param("submissionKey", UUID.randomUUID().toString())
                    .param("year", "2025").param("pledge", "true")
                    .param("items[0].activityType", "TEACHING").param("items[0].activityDate", "2025-04-01")
                    .param("items[0].params[count]", "2")
                    .with(as(s.employee())).with(csrf()));
            if (round == 0) {
                result.andExpect(status().is3xxRedirection());
            } else {
                result.andExpect(status().isOk())
                        .andExpect(content().string(containsString("2025 年度您已申报过学时")));
            }
        }
        assertThat(claims.findByClaimantOrderBySubmittedAtDesc(s.employee())).hasSize(1);
    }

    @Test
    void myClaimsShowsProgressAgainstTheRequirement() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        mvc.perform(get("/claims").param("year", "2026").with(as(s.employee())))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("0 / 90 学时")))
                .andExpect(content().string(containsString("0 / 30 学时")))
                .andExpect(content().string(containsString("0 / 60 学时")))
                .andExpect(content().string(not(containsString("已达到本年度学时要求"))));
    }

    @Test
    void aCraftedItemIndexBeyondTheLimitIsABadRequestNotAServerError() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        mvc.perform(multipart("/claims").param("year", "2026").param("items[999].activityType", "PATENT")
                        .with(as(s.employee())).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("请求有误")));
    }

    @Test
    void unreadableValuesGetChineseMessagesNextToTheirFields() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        mvc.perform(multipart("/claims").param("year", "2026").param("pledge", "true")
                        .param("items[0].activityType", "PROFESSIONAL_EXCHANGE")
                        .param("items[0].activityDate", "上周三").param("items[0].params[days]", "3")
                        .with(as(s.employee())).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors("claimForm", "items[0].activityDate"))
                .andExpect(content().string(containsString("请填写正确的日期（年-月-日）")));
    }

    @Test
    void personWithoutAUnitGetsAFriendlyRefusal() throws Exception {
        mvc.perform(get("/claims/new").with(user("nobody").roles(Groups.EMPLOYEE)))
                .andExpect(status().isForbidden());
    }
}
