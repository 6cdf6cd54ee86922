package cn.xueshi.document;

import static cn.xueshi.document.Downloads.bytes;
import static cn.xueshi.document.Downloads.employee;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.xueshi.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** The public verification page: no login, masked name, the certificate's hours; unknown codes a friendly 404. */
@IntegrationTest
class VerifyPageTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    DocumentFixtures fixtures;
    @Autowired
    cn.xueshi.evidence.EvidenceStore evidence;

    @Test
    void anyoneCanVerifyACertificateAndSeesTheMaskedNameAndHours() throws Exception {
        DocumentFixtures.Year y = fixtures.compliantYear();
        evidence.insert(y.approved().getId(), null, "会议通知.pdf", RegistrationFormTest.PDF, y.setup().employee());
        String code = CertificateTest.code(CertificateTest.textOf(
                bytes(mvc, "/documents/certificate?year=2026", employee(y.setup().employee()))));

        String page = mvc.perform(get("/verify/" + code))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("该学时证明真实有效")))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("王**", "长春市第一医院", "2026", "30 学时", "64 学时", "94 学时", "达标", "登记完成", code)
                .doesNotContain("王小明", "会议通知.pdf", y.setup().employee());
        // lower-case input (typed by hand) finds the same certificate
        mvc.perform(get("/verify/" + code.toLowerCase())).andExpect(status().isOk());
    }

    @Test
    void unknownCodeShowsAFriendlyNotFoundPage() throws Exception {
        for (String code : new String[] {"0123456789ABCDEFGHJK", "nope", "中文验证码", "x".repeat(300)}) {
            mvc.perform(get("/verify/" + code))
                    .andExpect(status().isNotFound())
                    .andExpect(content().string(containsString("未找到该学时证明")))
                    .andExpect(content().string(not(containsString("Exception"))));
        }
    }

    @Test
    void maskKeepsTheFamilyNameOnly() {
        assertThat(NameMask.mask("张伟", "张")).isEqualTo("张*");
        assertThat(NameMask.mask("欧阳娜娜", "欧阳")).isEqualTo("欧阳**");
        assertThat(NameMask.mask("司马光", "司马")).isEqualTo("司马*");
        assertThat(NameMask.mask("李", "李")).isEqualTo("李*");
        assertThat(NameMask.mask("王小明", null)).isEqualTo("王**");
    }
}
