package cn.xueshi.makeup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.xueshi.evidence.EvidenceStore;
import cn.xueshi.identity.Groups;
import cn.xueshi.identity.UnitType;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;

/**
 * 证明材料: where the rule set's text asks for proof of the hardship (hardship-policy evidenceRequired: Jilin
 * 通知 三（二）“须提交书面申请及相关证明材料”, Qingdao 四（四）4 “并提交相关证明材料”), a request without a file is
 * refused beside the upload field with what was typed kept, and the form says so beforehand; where the row does
 * not ask for it, a request goes through without a file.
 */
@IntegrationTest
class MakeupEvidenceRequiredWebTest {

    static final byte[] PDF = cn.xueshi.evidence.EvidenceSamples.pdf();
    static final String DESCRIPTION = "产假自三月起六个月，附出生医学证明";

    @Autowired
    MockMvc mvc;
    @Autowired
    ClaimFixtures fixtures;
    @Autowired
    MakeupRequestRepository requests;
    @Autowired
    EvidenceStore evidence;
    @Autowired
    TaskService tasks;
    @Autowired
    RepositoryService repository;

    static MockMultipartHttpServletRequestBuilder jilinRequest(String key) {
        return jilinRequest(key, "家中突发变故，全年无法参加培训");
    }

    static MockMultipartHttpServletRequestBuilder jilinRequest(String key, String description) {
        MockMultipartHttpServletRequestBuilder b = multipart("/makeup");
        b.param("submissionKey", key).param("year", "2026").param("reason", "OTHER").param("remedy", "MAKEUP")
                .param("periodStart", "2026-04-01").param("periodEnd", "2026-09-30")
                .param("description", description);
        return b;
    }

    static MockMultipartHttpServletRequestBuilder qingdaoMaternity(String key) {
        MockMultipartHttpServletRequestBuilder b = multipart("/makeup");
        b.param("submissionKey", key).param("year", "2026").param("reason", "PREGNANCY").param("remedy", "REDUCTION")
                .param("periodStart", "2026-03-01").param("periodEnd", "2026-08-31").param("description", DESCRIPTION);
        return b;
    }

    @Test
    void jilinFormSaysProofIsNeededAndARequestWithoutAFileIsRefusedBesideTheField() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        mvc.perform(get("/makeup/new").with(user(s.employee()).roles(Groups.EMPLOYEE)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"evidence-required\"")))
                .andExpect(content().string(containsString("aria-describedby=\"evidence-required\"")))
                .andExpect(content().string(containsString("所在地规定申请补学、减免须上传证明材料")))
                .andExpect(content().string(containsString("须提交书面申请及相关证明材料")));

        String key = UUID.randomUUID().toString();
        // an empty file part is what a browser sends when no file was chosen
        MockMultipartHttpServletRequestBuilder none = jilinRequest(key);
        none.file(new MockMultipartFile("files", "", "application/octet-stream", new byte[0]));
        String page = mvc.perform(none.with(user(s.employee()).roles(Groups.EMPLOYEE)).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors("makeupForm", "evidence"))
                .andExpect(model().attributeErrorCount("makeupForm", 1))
                .andExpect(content().string(containsString("请上传证明材料（")))
                .andExpect(content().string(containsString("家中突发变故，全年无法参加培训")))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        // the message is the upload field's own feedback, not a page-level alert
        assertThat(page.substring(page.indexOf("id=\"files\""))).contains("请上传证明材料（");
        assertThat(requests.findBySubmissionKey(key)).isEmpty();

        MockMultipartHttpServletRequestBuilder with = jilinRequest(key);
        with.file(new MockMultipartFile("files", "情况证明.pdf", "application/pdf", PDF));
        mvc.perform(with.with(user(s.employee()).roles(Groups.EMPLOYEE)).with(csrf()))
                .andExpect(redirectedUrlPattern("/makeup/*"));
        MakeupRequest made = requests.findBySubmissionKey(key).orElseThrow();
        assertThat(made.getStatus()).isEqualTo(MakeupRequest.Status.IN_REVIEW);
        assertThat(evidence.forMakeup(made.getId())).hasSize(1);
    }

    @Test
    void theMissingFileIsReportedTogetherWithTheOtherErrors() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        String key = UUID.randomUUID().toString();
        mvc.perform(jilinRequest(key, " ").with(user(s.employee()).roles(Groups.EMPLOYEE))
                        .with(csrf()))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors("makeupForm", "description", "evidence"))
                .andExpect(content().string(containsString("请上传证明材料（")));
        assertThat(requests.findBySubmissionKey(key)).isEmpty();
    }

    @Test
    void qingdaoReductionWithoutProofIsRefused() throws Exception {
        ClaimFixtures.Setup s = fixtures.unit("青岛市妇女儿童医院", UnitType.STATE_OWNED, "QINGDAO", "qingdao-2023");
        String key = UUID.randomUUID().toString();
        mvc.perform(qingdaoMaternity(key).with(user(s.employee()).roles(Groups.EMPLOYEE)).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors("makeupForm", "evidence"))
                .andExpect(content().string(containsString("请上传证明材料（")))
                .andExpect(content().string(containsString("并提交相关证明材料")))
                .andExpect(content().string(containsString(DESCRIPTION)));
        assertThat(requests.findBySubmissionKey(key)).isEmpty();
    }

    @Test
    void whereTheRowDoesNotAskForProofARequestGoesThroughWithoutAFile() throws Exception {
        ClaimFixtures.Setup s = fixtures.unit("青岛市市立医院", UnitType.STATE_OWNED, "QINGDAO", "qingdao-2023");
        // every shipped row that allows a request asks for proof, so a version of the table whose Qingdao
        // maternity row does not (what an analyst may deploy) is put in force for the test, then removed
        String shipped = read("dmn/hardship-policy.dmn");
        String cell = "<outputEntry id=\"hardship-qingdao-maternity-o5\"><text>true</text></outputEntry>";
        assertThat(shipped).contains(cell);
        String deployment = repository.createDeployment().name("evidence not required")
                .addString("hardship-policy.dmn", shipped.replace(cell, cell.replace("true", "false")))
                .deploy().getId();
        try {
            mvc.perform(get("/makeup/new").with(user(s.employee()).roles(Groups.EMPLOYEE)))
                    .andExpect(status().isOk())
                    // the sick-leave row still asks for proof, so the form still says so
                    .andExpect(content().string(containsString("id=\"evidence-required\"")));
            String key = UUID.randomUUID().toString();
            mvc.perform(qingdaoMaternity(key).with(user(s.employee()).roles(Groups.EMPLOYEE)).with(csrf()))
                    .andExpect(redirectedUrlPattern("/makeup/*"));
            MakeupRequest made = requests.findBySubmissionKey(key).orElseThrow();
            assertThat(evidence.forMakeup(made.getId())).isEmpty();
        } finally {
            repository.deleteDeployment(deployment, true);
        }
    }

    @Test
    void aJurisdictionWithoutMakeUpRulesShowsNoProofNotice() throws Exception {
        ClaimFixtures.Setup s = fixtures.unit("玉溪市人民医院", UnitType.STATE_OWNED, "YUXI", "yuxi-2024");
        mvc.perform(get("/makeup/new").with(user(s.employee()).roles(Groups.EMPLOYEE)))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("evidence-required"))));
    }

    @Test
    void aSupplementNeedNotUploadTheProofAgain() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        String key = UUID.randomUUID().toString();
        MockMultipartHttpServletRequestBuilder with = jilinRequest(key);
        with.file(new MockMultipartFile("files", "情况证明.pdf", "application/pdf", PDF));
        mvc.perform(with.with(user(s.employee()).roles(Groups.EMPLOYEE)).with(csrf()))
                .andExpect(redirectedUrlPattern("/makeup/*"));
        MakeupRequest made = requests.findBySubmissionKey(key).orElseThrow();
        String review = tasks.createTaskQuery().processInstanceId(made.getProcessInstanceId()).singleResult().getId();
        mvc.perform(post("/makeup/review/{t}", review).param("decision", "RETURN").param("comment", "请补充说明变故情况")
                        .with(user(s.reviewer()).roles(Groups.REVIEWER)).with(csrf()))
                .andExpect(redirectedUrl("/makeup/unit"));

        mvc.perform(multipart("/makeup/{id}/supplement", made.getId()).param("submissionKey", UUID.randomUUID().toString())
                        .param("reason", "OTHER").param("remedy", "MAKEUP")
                        .param("periodStart", "2026-04-01").param("periodEnd", "2026-09-30")
                        .param("description", "家中突发变故（亲属重病需全程陪护），全年无法参加培训")
                        .with(user(s.employee()).roles(Groups.EMPLOYEE)).with(csrf()))
                .andExpect(redirectedUrl("/makeup/" + made.getId()));
        assertThat(requests.findById(made.getId()).orElseThrow().getStatus()).isEqualTo(MakeupRequest.Status.IN_REVIEW);
    }

    static String read(String path) throws IOException {
        try (InputStream in = new ClassPathResource(path).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
