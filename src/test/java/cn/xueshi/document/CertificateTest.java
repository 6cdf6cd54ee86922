package cn.xueshi.document;

import static cn.xueshi.document.Downloads.bytes;
import static cn.xueshi.document.Downloads.employee;
import static cn.xueshi.document.Downloads.fetch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** The certificate PDF: Chinese text extractable, font embedded, QR code decoding to the verification URL. */
@IntegrationTest
class CertificateTest {

    private static final Pattern CODE = Pattern.compile("验证码：([0-9A-Z]{" + CertificateStore.CODE_LENGTH + "})");

    @Autowired
    MockMvc mvc;
    @Autowired
    DocumentFixtures fixtures;
    @Autowired
    ClaimFixtures claims;
    @Autowired
    org.springframework.core.env.Environment env;

    static String code(String text) {
        Matcher m = CODE.matcher(text);
        assertThat(m.find()).as("verification code in " + text).isTrue();
        return m.group(1);
    }

    static String textOf(byte[] pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        }
    }

    @Test
    void certificateStatesNameUnitAndHoursInChineseWithTheFontEmbedded() throws Exception {
        DocumentFixtures.Year y = fixtures.compliantYear();
        fetch(mvc, "/documents/certificate?year=2026", employee(y.setup().employee()))
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.APPLICATION_PDF));
        byte[] pdf = bytes(mvc, "/documents/certificate?year=2026", employee(y.setup().employee()));

        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertThat(doc.getNumberOfPages()).isEqualTo(1);
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("继续教育学时证明", "王小明", "长春市第一医院", "2026 年度",
                    "公需科目：30 学时", "专业科目：64 学时", "94 学时", "是否达标：达标", "登记状态：登记完成");
            assertThat(code(text)).hasSize(CertificateStore.CODE_LENGTH);

            PDResources resources = doc.getPage(0).getResources();
            List<PDFont> fonts = new ArrayList<>();
            for (COSName name : resources.getFontNames()) {
                fonts.add(resources.getFont(name));
            }
            assertThat(fonts).isNotEmpty().allSatisfy(f -> {
                assertThat(f.isEmbedded()).as(f.getName() + " embedded").isTrue();
                assertThat(f.getName()).contains("NotoSansSC");
            });
        }
    }

    @Test
    void certificateNamesTheIssuingUnitWithASealBoxAndASignatureLine() throws Exception {
        DocumentFixtures.Year y = fixtures.compliantYear();
        byte[] pdf = bytes(mvc, "/documents/certificate?year=2026", employee(y.setup().employee()));
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains(CertificatePdf.ISSUER + "长春市第一医院（盖章）", CertificatePdf.SEAL,
                    CertificatePdf.SIGNATURE, CertificatePdf.SIGNATURE_DATE, "出具日期：");
            // rectangles drawn on the page: the frame around it, and the seal box (about 5 × 4 cm)
            List<float[]> rects = new ArrayList<>();
            List<Object> tokens = new org.apache.pdfbox.pdfparser.PDFStreamParser(doc.getPage(0)).parse();
            for (int i = 4; i < tokens.size(); i++) {
                if (tokens.get(i) instanceof org.apache.pdfbox.contentstream.operator.Operator op
                        && "re".equals(op.getName())) {
                    float[] r = new float[4];
                    for (int k = 0; k < 4; k++) {
                        r[k] = ((org.apache.pdfbox.cos.COSNumber) tokens.get(i - 4 + k)).floatValue();
                    }
                    rects.add(r);
                }
            }
            float pageWidth = doc.getPage(0).getMediaBox().getWidth();
            assertThat(rects).as("a seal box in the right half of the page")
                    .anySatisfy(r -> {
                        assertThat(r[2]).isBetween(110f, 200f);
                        assertThat(r[3]).isBetween(90f, 160f);
                        assertThat(r[0]).isGreaterThan(pageWidth / 2);
                    });
        }
    }

    @Test
    void qrCodeOnThePageDecodesToTheVerificationUrl() throws Exception {
        DocumentFixtures.Year y = fixtures.compliantYear();
        byte[] pdf = bytes(mvc, "/documents/certificate?year=2026", employee(y.setup().employee()));
        String code = code(textOf(pdf));

        BufferedImage image;
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            image = new PDFRenderer(doc).renderImageWithDPI(0, 200, ImageType.RGB);
        }
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)));
        String decoded = new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();

        // the configured public address (-Ppostgres sets one), else the address the request came to (MockMvc's)
        String configured = env.getProperty("xueshi.public-base-url", "");
        assertThat(decoded).isEqualTo((configured.isBlank() ? "http://localhost" : configured) + "/verify/" + code);
    }

    @Test
    void downloadingAgainKeepsTheCodeUntilTheHoursChange() throws Exception {
        DocumentFixtures.Year y = fixtures.compliantYear();
        String url = "/documents/certificate?year=2026";
        String first = code(textOf(bytes(mvc, url, employee(y.setup().employee()))));
        String again = code(textOf(bytes(mvc, url, employee(y.setup().employee()))));
        assertThat(again).isEqualTo(first);

        fixtures.registered(y.setup(), claims.reload(y.pending()), "同意");
        String changed = code(textOf(bytes(mvc, url, employee(y.setup().employee()))));
        assertThat(changed).isNotEqualTo(first);
        assertThat(textOf(bytes(mvc, url, employee(y.setup().employee())))).contains("专业科目：72 学时");

        fetch(mvc, "/verify/" + first, Downloads.employee(y.setup().employee()))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("已被同一人同一年度更新后的证明取代")));
    }

    @Test
    void noCertificateForAYearWithoutRegisteredHours() throws Exception {
        DocumentFixtures.Year y = fixtures.compliantYear();
        fetch(mvc, "/documents/certificate?year=2026", employee(y.secondMember())).andExpect(status().isNotFound());
        fetch(mvc, "/documents/certificate?year=2025", employee(y.setup().employee())).andExpect(status().isNotFound());
    }

    @Test
    void aCertificateNotYetIssuableIsExplainedOnTheDocumentsPageNotABare404() throws Exception {
        DocumentFixtures.Year y = fixtures.compliantYear();
        fetch(mvc, "/documents/certificate?year=2026", employee(y.secondMember()))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
                .andExpect(content().string(org.hamcrest.Matchers.containsString(
                        "2026 年度尚无登记完成（公示期满）或已备案的学时，暂不能出具学时证明")))
                // the documents page itself, to choose another year or download the registration form
                .andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"download-registration-form\"")));
        // a reviewer who is no member of a unit has no documents of their own: the page says so
        fetch(mvc, "/documents/certificate?year=2026", Downloads.as(y.setup().reviewer(), "reviewer"))
                .andExpect(status().isNotFound())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("您的账号未登记工作单位")));
    }
}
