package cn.xueshi.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.xueshi.claim.Claim;
import cn.xueshi.claim.ClaimRepository;
import cn.xueshi.identity.Groups;
import cn.xueshi.makeup.MakeupRequestRepository;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Every upload path (a new claim, a hardship request) opens what it accepts: a file that only starts
 * like a PDF or PNG, a damaged one and an empty one are refused next to the field, and the form keeps
 * what the person typed.
 */
@IntegrationTest
class EvidenceUploadWebTest {

    static final String TITLE = "长白山影像论坛（证明材料测试）";
    static final String DESCRIPTION = "右腿骨折，住院及康复四个月（证明材料测试）";

    @Autowired
    MockMvc mvc;
    @Autowired
    ClaimFixtures fixtures;
    @Autowired
    ClaimRepository claims;
    @Autowired
    MakeupRequestRepository makeups;
    @Autowired
    EvidenceStore evidence;

    static RequestPostProcessor employee(ClaimFixtures.Setup s) {
        return user(s.employee()).roles(Groups.EMPLOYEE);
    }

    static MockMultipartHttpServletRequestBuilder claimForm(String key) {
        MockMultipartHttpServletRequestBuilder b = multipart("/claims");
        b.param("submissionKey", key).param("year", "2026").param("pledge", "true")
                .param("items[0].activityType", "PROFESSIONAL_EXCHANGE")
                .param("items[0].activityDate", "2026-03-02")
                .param("items[0].title", TITLE)
                .param("items[0].params[days]", "2");
        return b;
    }

    static MockMultipartHttpServletRequestBuilder makeupForm(String key) {
        MockMultipartHttpServletRequestBuilder b = multipart("/makeup");
        b.param("submissionKey", key).param("year", "2026").param("reason", "INJURY").param("remedy", "REDUCTION")
                .param("periodStart", "2026-04-01").param("periodEnd", "2026-07-31")
                .param("description", DESCRIPTION).param("requestedPublic", "10").param("requestedProfessional", "20");
        return b;
    }

    static MockMultipartFile file(String name, byte[] content) {
        return new MockMultipartFile("files", name, "application/octet-stream", content);
    }

    void claimRefused(ClaimFixtures.Setup s, MockMultipartFile upload, String message) throws Exception {
        String key = UUID.randomUUID().toString();
        mvc.perform(claimForm(key).file(upload).with(employee(s)).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors("claimForm", "evidence"))
                .andExpect(content().string(containsString(message)))
                .andExpect(content().string(containsString(TITLE)));
        assertThat(claims.findBySubmissionKey(key)).isEmpty();
        assertThat(evidence.pending(key)).isEmpty();
    }

    @Test
    void theFormsSayTheSizeLimitWithItsUnit() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        for (String page : new String[] {"/claims/new", "/makeup/new"}) {
            mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(page).with(employee(s)))
                    .andExpect(content().string(containsString("最多 10 个，每个不超过 10 MB")));
        }
    }

    @Test
    void claimFormRefusesFilesThatDoNotOpenAndKeepsWhatWasTyped() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        claimRefused(s, file("通知.pdf", EvidenceSamples.htmlBehindPdfHeader()),
                "文件“通知.pdf”无法作为 PDF 文件打开");
        claimRefused(s, file("照片.png", EvidenceSamples.truncated(EvidenceSamples.png(300, 200))),
                "文件“照片.png”无法作为 PNG 文件打开");
        claimRefused(s, file("照片.png", EvidenceSamples.pngHeaderAndJunk()), "无法作为 PNG 文件打开");
        claimRefused(s, file("照片.jpg", EvidenceSamples.truncated(EvidenceSamples.jpeg(300, 200))),
                "无法作为 JPG 文件打开");
        claimRefused(s, file("空白.pdf", new byte[0]), "文件“空白.pdf”是空文件（0 字节）");
    }

    @Test
    void realPdfAndImagesAreKeptAndAnUnusedFileFieldIsIgnored() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        String key = UUID.randomUUID().toString();
        mvc.perform(claimForm(key)
                        .file(file("会议通知.pdf", EvidenceSamples.pdfWithChineseText("关于召开东北三省医学影像学术交流会的通知")))
                        .file(file("签到表.png", EvidenceSamples.png()))
                        .file(file("合影.jpg", EvidenceSamples.jpeg()))
                        // what a browser sends for a file input left empty
                        .file(new MockMultipartFile("files", "", "application/octet-stream", new byte[0]))
                        .with(employee(s)).with(csrf()))
                .andExpect(redirectedUrlPattern("/claims/*"));
        Claim claim = claims.findBySubmissionKey(key).orElseThrow();
        List<String> types = evidence.forClaim(claim.getId()).stream().map(EvidenceFile::contentType).toList();
        assertThat(types).containsExactly("application/pdf", "image/png", "image/jpeg");
    }

    @Test
    void makeupRequestRefusesFilesThatDoNotOpenAndKeepsWhatWasTyped() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        for (MockMultipartFile bad : new MockMultipartFile[] {file("诊断证明.pdf", EvidenceSamples.htmlBehindPdfHeader()),
                file("诊断证明.png", EvidenceSamples.pngHeaderAndJunk()), file("诊断证明.pdf", new byte[0])}) {
            String key = UUID.randomUUID().toString();
            mvc.perform(makeupForm(key).file(bad).with(employee(s)).with(csrf()))
                    .andExpect(status().isOk())
                    .andExpect(model().attributeHasFieldErrors("makeupForm", "evidence"))
                    .andExpect(content().string(containsString("文件“诊断证明.")))
                    .andExpect(content().string(containsString(DESCRIPTION)));
            assertThat(makeups.findBySubmissionKey(key)).isEmpty();
        }
        String key = UUID.randomUUID().toString();
        mvc.perform(makeupForm(key).file(file("诊断证明.pdf", EvidenceSamples.pdfWithChineseText("诊断证明书 右腿骨折")))
                        .with(employee(s)).with(csrf()))
                .andExpect(redirectedUrlPattern("/makeup/*"));
        long id = makeups.findBySubmissionKey(key).orElseThrow().getId();
        assertThat(evidence.forMakeup(id)).extracting(EvidenceFile::contentType).containsExactly("application/pdf");
    }
}
