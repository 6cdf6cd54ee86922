package cn.xueshi.document;

import static cn.xueshi.document.Downloads.bytes;
import static cn.xueshi.document.Downloads.employee;
import static cn.xueshi.document.Downloads.fetch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.xueshi.claim.Claim;
import cn.xueshi.claim.ClaimRepository;
import cn.xueshi.identity.CurrentUserService;
import cn.xueshi.identity.UnitType;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.title.TitleProof;
import cn.xueshi.title.TitleProofRepository;
import cn.xueshi.title.TitleProofs;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.test.web.servlet.MockMvc;

/** The issued 学习证明 read back: text (person, unit, each year by subject, verdict, issuer, seal, date), QR, verify page. */
@IntegrationTest
class TitleProofPdfTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ClaimFixtures fixtures;
    @Autowired
    ClaimRepository claims;
    @Autowired
    TitleProofs proofs;
    @Autowired
    TitleProofRepository repository;
    @Autowired
    CurrentUserService currentUsers;
    @Autowired
    TaskService tasks;
    @Autowired
    Environment env;

    private void registered(ClaimFixtures.Setup s, int year, String pub, String prof) {
        registered(s, "qingdao-2023", year, pub, prof);
    }

    private void registered(ClaimFixtures.Setup s, String ruleSet, int year, String pub, String prof) {
        Claim c = new Claim(s.employee(), s.unit().getId(), ruleSet, year, "学时", UUID.randomUUID().toString());
        c.replaceItems(java.util.List.of(new cn.xueshi.claim.ClaimItem("TRAINING", "{}", "年度培训",
                java.time.LocalDate.of(year, 5, 1), null)), "学时");
        c.approve(s.reviewer(), new BigDecimal(pub), new BigDecimal(prof), "按登记学时认定");
        c.register();
        claims.save(c);
    }

    /** A Qingdao doctor with 2022–2026 registered, 2025 short: the proof is issued and states "未达标". */
    private TitleProof issued() {
        ClaimFixtures.Setup s = fixtures.unit("青岛市市立医院东院", UnitType.STATE_OWNED, "QINGDAO", "qingdao-2023");
        for (int y = 2022; y <= 2026; y++) {
            registered(s, y, "30", y == 2025 ? "40.5" : "60");
        }
        TitleProof p = proofs.request(currentUsers.load(s.employee()), 2026, UUID.randomUUID().toString());
        String task = tasks.createTaskQuery().processInstanceId(p.getProcessInstanceId()).singleResult().getId();
        proofs.decide(task, currentUsers.load(s.reviewer()), "ISSUE", null);
        return repository.findById(p.getId()).orElseThrow();
    }

    @Test
    void theProofStatesEveryYearBySubjectTheVerdictAndTheIssuer() throws Exception {
        TitleProof p = issued();
        byte[] pdf = bytes(mvc, "/documents/title-proofs/" + p.getId() + ".pdf", employee(p.getClaimant()));
        String text;
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertThat(doc.getNumberOfPages()).isEqualTo(1);
            text = new PDFTextStripper().getText(doc);
        }
        assertThat(text).contains("继续教育学习证明").contains("2026 年申报职称用").contains(p.getHolderName())
                .contains("青岛市市立医院东院").contains("2022—2026")
                .contains("2025").contains("40.5").contains("70.5").contains("430.5")
                .contains("450 / 150 / 300").contains("核验结论：未达标")
                .contains("青人社字〔2023〕14号").contains("出具单位：青岛市市立医院东院")
                .contains("加盖单位公章").contains("经办人签字").contains("出具日期：").contains("验证码：" + p.getCode());
    }

    @Test
    void theQrCodeDecodesToTheVerificationPageOfThisProof() throws Exception {
        TitleProof p = issued();
        byte[] pdf = bytes(mvc, "/documents/title-proofs/" + p.getId() + ".pdf", employee(p.getClaimant()));
        BufferedImage image;
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            image = new PDFRenderer(doc).renderImageWithDPI(0, 200, ImageType.RGB);
        }
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)));
        String decoded = new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
        String configured = env.getProperty("xueshi.public-base-url", "");
        assertThat(decoded).isEqualTo((configured.isBlank() ? "http://localhost" : configured) + "/verify/" + p.getCode());

        fetch(mvc, "/verify/" + p.getCode(), employee(p.getClaimant()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("继续教育学习证明核验")))
                .andExpect(content().string(containsString("未达标")))
                .andExpect(content().string(containsString("70.5")))
                .andExpect(content().string(containsString(p.getHolderName().substring(0, 1) + "*")));
        fetch(mvc, "/verify/ZC" + "A".repeat(18), employee(p.getClaimant())).andExpect(status().isNotFound());
    }

    @Test
    void anhuisCertificateIsTheRegistrationCertificateOfArticle17() throws Exception {
        ClaimFixtures.Setup s = fixtures.unit("安徽省农业科学院作物所", UnitType.STATE_OWNED, "ANHUI", "anhui-2025");
        registered(s, "anhui-2025", 2025, "30", "60");
        String text;
        try (PDDocument doc = Loader.loadPDF(bytes(mvc, "/documents/certificate?year=2025", employee(s.employee())))) {
            text = new PDFTextStripper().getText(doc);
        }
        assertThat(text).contains("专业技术人员继续教育学时登记证书").contains("第十七条").contains("2025");
        ClaimFixtures.Setup j = fixtures.jilin();
        registered(j, "jilin-2026", 2026, "30", "60");
        try (PDDocument doc = Loader.loadPDF(bytes(mvc, "/documents/certificate?year=2026", employee(j.employee())))) {
            assertThat(new PDFTextStripper().getText(doc)).contains("继续教育学时证明").doesNotContain("登记证书");
        }
    }
}
