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
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.xueshi.evidence.EvidenceStore;
import cn.xueshi.identity.Groups;
import cn.xueshi.identity.UnitType;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import java.util.UUID;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;

@IntegrationTest
class MakeupWebTest {

    static final byte[] PDF = cn.xueshi.evidence.EvidenceSamples.pdf();

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

    static MockMultipartHttpServletRequestBuilder request(String key) {
        MockMultipartHttpServletRequestBuilder b = multipart("/makeup");
        b.param("submissionKey", key).param("year", "2026").param("reason", "INJURY").param("remedy", "REDUCTION")
                .param("periodStart", "2026-04-01").param("periodEnd", "2026-07-31")
                .param("description", "右腿骨折，住院及康复四个月").param("requestedPublic", "10")
                .param("requestedProfessional", "20");
        return b;
    }

    @Test
    void requestWithEvidenceIsStoredAndVisibleToTheUnitsReviewerOnly() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        ClaimFixtures.Setup other = fixtures.unit("梅河口市医院", UnitType.STATE_OWNED, "JILIN", "jilin-2026");
        String key = UUID.randomUUID().toString();
        MockMultipartHttpServletRequestBuilder b = request(key);
        b.file(new MockMultipartFile("files", "诊断证明.pdf", "application/pdf", PDF));
        mvc.perform(b.with(user(s.employee()).roles(Groups.EMPLOYEE)).with(csrf()))
                .andExpect(redirectedUrlPattern("/makeup/*"));
        MakeupRequest r = requests.findBySubmissionKey(key).orElseThrow();
        long file = evidence.forMakeup(r.getId()).get(0).id();

        mvc.perform(get("/makeup/{id}", r.getId()).with(user(s.employee()).roles(Groups.EMPLOYEE)))
                .andExpect(content().string(containsString("诊断证明.pdf")))
                .andExpect(content().string(containsString("审核中")));
        mvc.perform(get("/makeup/{id}", r.getId()).with(user(other.employee()).roles(Groups.EMPLOYEE)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/makeup/{r}/evidence/{e}", r.getId(), file).with(user(other.employee()).roles(Groups.EMPLOYEE)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/makeup/{r}/evidence/{e}", r.getId(), file).with(user(s.reviewer()).roles(Groups.REVIEWER)))
                .andExpect(status().isOk()).andExpect(content().bytes(PDF));

        String task = tasks.createTaskQuery().processInstanceId(r.getProcessInstanceId()).singleResult().getId();
        mvc.perform(get("/makeup/unit").with(user(s.reviewer()).roles(Groups.REVIEWER)))
                .andExpect(content().string(containsString("/makeup/review/" + task)));
        mvc.perform(get("/makeup/review/{t}", task).with(user(other.reviewer()).roles(Groups.REVIEWER)))
                .andExpect(status().isNotFound());
        // the reviewer's inbox lists the review beside the claims; another unit's reviewer does not see it
        mvc.perform(get("/review").with(user(s.reviewer()).roles(Groups.REVIEWER)))
                .andExpect(content().string(containsString("id=\"makeup-tasks\"")))
                .andExpect(content().string(containsString("待审核的补学/减免申请")))
                .andExpect(content().string(containsString("/makeup/review/" + task)))
                .andExpect(content().string(containsString("审核补学/减免申请 #" + r.getId())));
        mvc.perform(get("/review").with(user(other.reviewer()).roles(Groups.REVIEWER)))
                .andExpect(content().string(not(containsString("/makeup/review/" + task))));
        mvc.perform(get("/makeup/unit").with(user(s.employee()).roles(Groups.EMPLOYEE))).andExpect(status().isForbidden());
        mvc.perform(post("/makeup/review/{t}", task).param("decision", "REJECT")
                        .with(user(s.reviewer()).roles(Groups.REVIEWER)).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors("decisionForm", "comment"));
        mvc.perform(post("/makeup/review/{t}", task).param("decision", "APPROVE")
                        .with(user(s.reviewer()).roles(Groups.REVIEWER)).with(csrf()))
                .andExpect(redirectedUrl("/makeup/unit"));
        assertThat(requests.findById(r.getId()).orElseThrow().getStatus()).isEqualTo(MakeupRequest.Status.APPROVED);
        mvc.perform(get("/review").with(user(s.reviewer()).roles(Groups.REVIEWER)))
                .andExpect(content().string(not(containsString("/makeup/review/" + task))));
        mvc.perform(get("/claims").param("year", "2026").with(user(s.employee()).roles(Groups.EMPLOYEE)))
                .andExpect(content().string(containsString("0 / 60 学时")))
                .andExpect(content().string(containsString("经批准减免 30 学时")));
        // the recognition API judges that person against the lowered requirement
        String body = "{\"ruleSet\":\"jilin-2026\",\"year\":2026,\"items\":[{\"activityType\":\"FULL_TIME_STUDY\"}]}";
        mvc.perform(post("/api/v1/recognition/evaluate").param("person", s.employee())
                        .contentType("application/json").content(body)
                        .with(user(s.reviewer()).roles(Groups.REVIEWER)).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.requirement.total").value(60.0))
                .andExpect(jsonPath("$.requirement.public").value(20.0));
        mvc.perform(post("/api/v1/recognition/evaluate").param("person", s.employee())
                        .contentType("application/json").content(body)
                        .with(user(other.employee()).roles(Groups.EMPLOYEE)).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("无权查看")));
    }

    @Test
    void invalidRequestShowsErrorsNextToFieldsAndKeepsWhatWasTyped() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        mvc.perform(multipart("/makeup").param("submissionKey", UUID.randomUUID().toString()).param("year", "2026")
                        .param("periodStart", "2026-08-01").param("periodEnd", "2026-07-01")
                        .param("description", "我写的情况说明")
                        .with(user(s.employee()).roles(Groups.EMPLOYEE)).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors("makeupForm", "reason", "remedy", "periodEnd"))
                .andExpect(content().string(containsString("请选择原因")))
                .andExpect(content().string(containsString("结束日期不能早于活动日期")))
                .andExpect(content().string(containsString("我写的情况说明")));
        MockMultipartHttpServletRequestBuilder exe = request(UUID.randomUUID().toString());
        exe.file(new MockMultipartFile("files", "证明.pdf", "application/pdf", new byte[] {'M', 'Z', 0, 0}));
        mvc.perform(exe.with(user(s.employee()).roles(Groups.EMPLOYEE)).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("不是 PDF、JPG 或 PNG 文件")));
        ClaimFixtures.Setup yuxi = fixtures.unit("玉溪卫校", UnitType.STATE_OWNED, "YUXI", "yuxi-2024");
        mvc.perform(request(UUID.randomUUID().toString()).with(user(yuxi.employee()).roles(Groups.EMPLOYEE)).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("所在地规定不提供此项补学或减免")));
    }
}
