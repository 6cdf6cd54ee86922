package cn.xueshi.document;

import static cn.xueshi.document.CertificatePdf.centered;
import static cn.xueshi.document.CertificatePdf.line;
import static cn.xueshi.document.CertificatePdf.paragraph;
import static cn.xueshi.document.CertificatePdf.signatureLine;

import cn.xueshi.title.ProofSnapshot;
import cn.xueshi.title.TitleProof;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * 继续教育学习证明 for a title application as a one-page A4 PDF, drawn with the certificate's machinery (font,
 * wrapping, signature lines, seal box, QR code): the person and unit, each year of the window with its hours by
 * subject against that year's requirement, the window's sums, the verdict and its basis, the issuing unit (or
 * bureau) with a signature line and the area for its seal (加盖单位公章), the issue date, the verification code and
 * a QR code to the public verification page.
 */
@Component
class TitleProofPdf {

    static final String TITLE = "继续教育学习证明";
    private static final float MARGIN = 72;
    private static final float ROW = 18;
    private static final float SECTION_TOP = 330;
    private static final float SEAL_WIDTH = 150;
    private static final float SEAL_HEIGHT = 110;
    /** Column widths of the year table: 年度, 公需, 专业, 合计, 当年要求, 达标 (sum: the text width). */
    private static final float[] COLUMNS = {62, 66, 66, 66, 131, 60};
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");

    private final ChineseFont fonts;
    private final PublicBaseUrl baseUrl;
    private final ZoneId zone;

    TitleProofPdf(ChineseFont fonts, PublicBaseUrl baseUrl, @Value("${xueshi.time-zone:Asia/Shanghai}") String zone) {
        this.fonts = fonts;
        this.baseUrl = baseUrl;
        this.zone = ZoneId.of(zone);
    }

    byte[] write(TitleProof p, ProofSnapshot s) {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.getDocumentInformation().setTitle(TITLE + " " + p.getYear());
            doc.getDocumentInformation().setCreator("学时通");
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            PDType0Font font = fonts.loadInto(doc);
            float width = page.getMediaBox().getWidth();
            float height = page.getMediaBox().getHeight();
            float text = width - 2 * MARGIN;
            try (PDPageContentStream c = new PDPageContentStream(doc, page)) {
                c.setLineWidth(1.5f);
                c.addRect(36, 36, width - 72, height - 72);
                c.stroke();
                centered(c, font, 24, TITLE, width, height - 110);
                centered(c, font, 13, "（" + p.getYear() + " 年申报职称用）", width, height - 136);
                float y = height - 175;
                String years = s.window().get(0) + "—" + s.window().get(s.window().size() - 1);
                String body = "兹证明 " + p.getHolderName() + "（工作单位：" + p.getUnitName() + "）" + years
                        + " 年度参加专业技术人员继续教育，经审核登记的学时如下（已计入批准的减免和补学）：";
                y = paragraph(c, font, 12, body, MARGIN, y, text, 20) - 4;
                y = table(c, font, s, MARGIN, y);
                y -= 8;
                y = paragraph(c, font, 12, "核验结论：" + verdictZh(s.verdict()) + "（" + aggregationZh(s.aggregation())
                        + "）", MARGIN, y, text, 18);
                y = paragraph(c, font, 10, "依据：" + s.clause(), MARGIN, y, text, 15);
                y = paragraph(c, font, 11, "出具日期：" + DATE.format(LocalDate.ofInstant(p.getDecidedAt(), zone))
                        + "　　验证码：" + p.getCode(), MARGIN, y - 2, text, 18);

                float sectionTop = Math.min(y - 4, SECTION_TOP);
                float sealX = width - MARGIN - SEAL_WIDTH;
                float leftWidth = sealX - MARGIN - 20;
                float ly = paragraph(c, font, 13, CertificatePdf.ISSUER + p.getIssuerName() + "（盖章）", MARGIN,
                        sectionTop - 16, leftWidth, 20) - 18;
                signatureLine(c, font, CertificatePdf.SIGNATURE, MARGIN, ly, leftWidth);
                signatureLine(c, font, CertificatePdf.SIGNATURE_DATE, MARGIN, ly - 36, leftWidth);
                c.setLineWidth(0.8f);
                c.addRect(sealX, sectionTop - SEAL_HEIGHT, SEAL_WIDTH, SEAL_HEIGHT);
                c.stroke();
                c.setNonStrokingColor(0.55f);
                float captionWidth = font.getStringWidth(CertificatePdf.SEAL) / 1000 * 11;
                line(c, font, 11, CertificatePdf.SEAL, sealX + (SEAL_WIDTH - captionWidth) / 2,
                        sectionTop - SEAL_HEIGHT / 2 - 4);
                c.setNonStrokingColor(0f);

                float qr = 100;
                float qrY = 56;
                String url = baseUrl.verifyUrl(p.getCode());
                QrCode.of(url).draw(c, MARGIN, qrY, qr);
                float tx = MARGIN + qr + 14;
                float tw = width - MARGIN - tx;
                float ty = paragraph(c, font, 9, "扫码或访问以下网址核验本证明：", tx, qrY + qr - 14, tw, 14);
                ty = paragraph(c, font, 9, url, tx, ty, tw, 14);
                paragraph(c, font, 9, "本证明依据登记完成（公示期满）或已备案的学时生成，经出具单位盖章、经办人签字后有效；"
                        + "核验页面显示的内容与本证明一致方为有效。", tx, ty - 6, tw, 14);
            }
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The year table with a ruled grid; returns the y below it. */
    private static float table(PDPageContentStream c, PDType0Font font, ProofSnapshot s, float x, float top)
            throws IOException {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"年度", "公需科目", "专业科目", "合计", "当年要求（合计/公需/专业）", "当年达标"});
        for (ProofSnapshot.Line l : s.years()) {
            rows.add(new String[] {String.valueOf(l.year()), Hours.text(l.publicHours()),
                    Hours.text(l.professionalHours()), Hours.text(l.totalHours()),
                    l.ruleSet() == null ? "无适用规则" : requirement(l.requiredTotal(), l.requiredPublic(),
                            l.requiredProfessional()) + (l.reduced() ? " 减免" : ""),
                    l.compliant() ? "是" : "否"});
        }
        rows.add(new String[] {"合计", Hours.text(s.windowPublic()), Hours.text(s.windowProfessional()),
                Hours.text(s.windowTotal()), requirement(s.requiredTotal(), s.requiredPublic(), s.requiredProfessional()),
                verdictZh(s.verdict())});
        float tableWidth = 0;
        for (float w : COLUMNS) {
            tableWidth += w;
        }
        float y = top;
        c.setLineWidth(0.6f);
        for (String[] row : rows) {
            float cx = x;
            for (int i = 0; i < row.length; i++) {
                float size = 10;
                while (size > 7 && font.getStringWidth(row[i]) / 1000 * size > COLUMNS[i] - 6) {
                    size -= 0.5f;
                }
                line(c, font, size, row[i], cx + 3, y - ROW + 5);
                cx += COLUMNS[i];
            }
            c.moveTo(x, y);
            c.lineTo(x + tableWidth, y);
            y -= ROW;
        }
        c.moveTo(x, y);
        c.lineTo(x + tableWidth, y);
        float cx = x;
        for (int i = 0; i <= COLUMNS.length; i++) {
            c.moveTo(cx, top);
            c.lineTo(cx, y);
            if (i < COLUMNS.length) {
                cx += COLUMNS[i];
            }
        }
        c.stroke();
        return y - 14;
    }

    private static String requirement(BigDecimal total, BigDecimal pub, BigDecimal prof) {
        return Hours.text(total) + " / " + Hours.text(pub) + " / " + Hours.text(prof);
    }

    static String verdictZh(String verdict) {
        return switch (verdict) {
            case "COMPLIANT" -> "达标";
            case "NOT_COMPLIANT" -> "未达标";
            default -> "无法核验";
        };
    }

    static String aggregationZh(String aggregation) {
        return "WINDOW_TOTAL".equals(aggregation) ? "核验年度学时合计达到各年度要求之和" : "每个年度分别达到当年要求";
    }
}
