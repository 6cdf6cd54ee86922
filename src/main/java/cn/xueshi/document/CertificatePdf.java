package cn.xueshi.document;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The annual certificate (继续教育学时证明) as a one-page A4 PDF: the holder's full name, unit, year,
 * hours by subject against the requirement, status, issue date, the verification code, the issuing unit
 * (the holder's unit) with a signature line and a boxed area for its seal, and a QR code to the public
 * verification page. The Chinese font is embedded (subset).
 */
@Component
class CertificatePdf {

    private static final float MARGIN = 72;
    /** The top of the issuer's block (unit, signature, seal box) unless the text above reaches lower. */
    private static final float SECTION_TOP = 330;
    private static final float SEAL_WIDTH = 150;
    private static final float SEAL_HEIGHT = 110;
    static final String ISSUER = "出具单位：";
    static final String SEAL = "加盖单位公章";
    static final String SIGNATURE = "经办人签字：";
    static final String SIGNATURE_DATE = "日　　期：";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");

    private final ChineseFont fonts;
    private final PublicBaseUrl baseUrl;
    private final ZoneId zone;
    private final CertificateTitles titles;

    CertificatePdf(ChineseFont fonts, PublicBaseUrl baseUrl, @Value("${xueshi.time-zone:Asia/Shanghai}") String zone,
            CertificateTitles titles) {
        this.titles = titles;
        this.fonts = fonts;
        this.baseUrl = baseUrl;
        this.zone = ZoneId.of(zone);
    }

    byte[] write(Certificate c, String ruleSetName) {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDDocumentInformation info = doc.getDocumentInformation();
            String title = titles.title(c.ruleSet());
            info.setTitle(title + " " + c.year());
            info.setCreator("学时通");
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            PDType0Font font = fonts.loadInto(doc);
            float width = page.getMediaBox().getWidth();
            float height = page.getMediaBox().getHeight();
            try (PDPageContentStream s = new PDPageContentStream(doc, page)) {
                s.setLineWidth(1.5f);
                s.addRect(36, 36, width - 72, height - 72);
                s.stroke();
                centered(s, font, title.length() > 10 ? 22 : 26, title, width, height - 120);
                centered(s, font, 14, "（" + c.year() + " 年度）", width, height - 150);
                String clause = titles.clause(c.ruleSet());
                if (clause != null) {
                    centered(s, font, 10, clause, width, height - 170);
                }

                float y = height - 200;
                String body = "兹证明 " + c.holderName() + "（工作单位：" + c.unitName() + "）参加 " + c.year()
                        + " 年度专业技术人员继续教育，经用人单位审核并登记，认定学时如下：";
                y = paragraph(s, font, 13, body, MARGIN, y, width - 2 * MARGIN, 22);
                y -= 10;
                List<String> facts = List.of(
                        "公需科目：" + Hours.text(c.publicHours()) + " 学时",
                        "专业科目：" + Hours.text(c.professionalHours()) + " 学时",
                        "合　　计：" + Hours.text(c.totalHours()) + " 学时",
                        "年度要求：合计不少于 " + Hours.text(c.requiredTotal()) + " 学时，其中公需科目不少于 "
                                + Hours.text(c.requiredPublic()) + " 学时、专业科目不少于 "
                                + Hours.text(c.requiredProfessional()) + " 学时",
                        "是否达标：" + (c.compliant() ? "达标" : "未达标"),
                        "登记状态：" + c.statusZh(),
                        "适用规则：" + ruleSetName);
                for (String fact : facts) {
                    y = paragraph(s, font, 13, fact, MARGIN + 24, y, width - 2 * MARGIN - 24, 22);
                }
                y -= 16;
                y = paragraph(s, font, 12, "出具日期：" + DATE.format(LocalDate.ofInstant(c.issuedAt(), zone)),
                        MARGIN, y, width - 2 * MARGIN, 20);
                y = paragraph(s, font, 12, "验证码：" + c.code(), MARGIN, y, width - 2 * MARGIN, 20);

                // the issuing unit signs and stamps: its name, a signature and date line on the left, the
                // boxed area for the unit's official seal (公章) on the right
                float sectionTop = Math.min(y - 6, SECTION_TOP);
                float sealX = width - MARGIN - SEAL_WIDTH;
                float leftWidth = sealX - MARGIN - 20;
                float ly = paragraph(s, font, 13, ISSUER + c.unitName() + "（盖章）", MARGIN, sectionTop - 16,
                        leftWidth, 20);
                ly -= 18;
                signatureLine(s, font, SIGNATURE, MARGIN, ly, leftWidth);
                signatureLine(s, font, SIGNATURE_DATE, MARGIN, ly - 36, leftWidth);
                s.setLineWidth(0.8f);
                s.addRect(sealX, sectionTop - SEAL_HEIGHT, SEAL_WIDTH, SEAL_HEIGHT);
                s.stroke();
                s.setNonStrokingColor(0.55f);
                float captionWidth = font.getStringWidth(SEAL) / 1000 * 11;
                line(s, font, 11, SEAL, sealX + (SEAL_WIDTH - captionWidth) / 2, sectionTop - SEAL_HEIGHT / 2 - 4);
                s.setNonStrokingColor(0f);

                float qr = 110;
                float qrY = 64;
                QrCode.of(baseUrl.verifyUrl(c.code())).draw(s, MARGIN, qrY, qr);
                float tx = MARGIN + qr + 14;
                float tw = width - MARGIN - tx;
                float ty = qrY + qr - 14;
                ty = paragraph(s, font, 9, "扫码或访问以下网址核验本证明：", tx, ty, tw, 14);
                ty = paragraph(s, font, 9, baseUrl.verifyUrl(c.code()), tx, ty, tw, 14);
                paragraph(s, font, 9, "本证明由学时通依据登记完成（公示期满）或已备案的学时生成，经出具单位盖章、"
                        + "经办人签字后有效；核验页面显示的内容与本证明一致方为有效。", tx, ty - 8, tw, 14);
            }
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A caption followed by a ruled line to write on, to the given width. */
    static void signatureLine(PDPageContentStream s, PDType0Font font, String caption, float x, float y,
            float width) throws IOException {
        line(s, font, 12, caption, x, y);
        float start = x + font.getStringWidth(caption) / 1000 * 12 + 4;
        s.setLineWidth(0.6f);
        s.moveTo(start, y - 3);
        s.lineTo(Math.max(start + 60, x + width), y - 3);
        s.stroke();
    }

    static void centered(PDPageContentStream s, PDType0Font font, float size, String text, float pageWidth,
            float y) throws IOException {
        float w = font.getStringWidth(text) / 1000 * size;
        line(s, font, size, text, (pageWidth - w) / 2, y);
    }

    /** Writes {@code text} wrapped to {@code maxWidth}; returns the baseline below the last line. */
    static float paragraph(PDPageContentStream s, PDType0Font font, float size, String text, float x, float y,
            float maxWidth, float leading) throws IOException {
        for (String l : wrap(font, size, text, maxWidth)) {
            line(s, font, size, l, x, y);
            y -= leading;
        }
        return y;
    }

    static void line(PDPageContentStream s, PDType0Font font, float size, String text, float x, float y)
            throws IOException {
        s.beginText();
        s.setFont(font, size);
        s.newLineAtOffset(x, y);
        s.showText(text);
        s.endText();
    }

    /** Breaks between any two characters (Chinese has no spaces), keeping each line within the width. */
    static List<String> wrap(PDType0Font font, float size, String text, float maxWidth) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            String next = current + new String(Character.toChars(cp));
            if (current.length() > 0 && font.getStringWidth(next) / 1000 * size > maxWidth) {
                lines.add(current.toString());
                current.setLength(0);
                current.appendCodePoint(cp);
            } else {
                current.setLength(0);
                current.append(next);
            }
            i += Character.charCount(cp);
        }
        if (current.length() > 0) {
            lines.add(current.toString());
        }
        return lines;
    }
}
