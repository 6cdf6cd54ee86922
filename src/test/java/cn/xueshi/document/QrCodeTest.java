package cn.xueshi.document;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.Test;

/**
 * Every verification URL, drawn where the certificate draws it, scans back to itself.
 *
 * <p>Why this test once flaked (about 1 URL in 400, so every tenth run of 40): the drawing was never wrong. zxing's
 * general detector, searching the whole page, sometimes takes a finder-like 1:1:3:1:1 run in the data modules for
 * one of the three corner patterns and samples a 21-, 25- or 29-module grid from the 33-module (version 4) code —
 * at 150, 200, 300 and 600 dpi alike, so neither the module size nor the quiet zone is the cause. The same
 * renderings decode every time when the reader is given the code's own square (the test knows where it is drawn)
 * in pure-barcode mode, which reads the grid from the quiet zone's edges instead of guessing it.
 */
@org.junit.jupiter.api.Tag("no-database")
class QrCodeTest {

    /** Where CertificatePdf-like pages draw the code in this test: 96 pt wide, 56 pt from the right edge, 110 up. */
    static final float SIZE = 96;
    static final float RIGHT = 56;
    static final float BOTTOM = 110;
    static final int DPI = 200;

    /** Codes whose URLs the whole-page detector misread (found by decoding 4,000 random URLs the old way). */
    static final List<String> ONCE_MISREAD = List.of("8NGVNNVMW9563TD92E4X", "HV9FG8RXY5ZA7G85C5E6",
            "YPV55T4SSDSN7T82V4SD", "KUNSZLWKTCFZNTTQG9UX", "UA95JFKVC8WFC5XU7QKE", "ZF6SYFLUAF9TPJUTMVY4",
            "6Z3UK8DW8J8MJ9A7HZND", "DUUK5352P38KG99MQ6QG", "KQ6B69KR7RT59XUQPHS5");

    @Test
    void manyRandomVerificationUrlsDecodeFromTheRenderedPage() throws Exception {
        SecureRandom random = new SecureRandom();
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        List<String> codes = new ArrayList<>(ONCE_MISREAD);
        for (int i = 0; i < 40; i++) {
            StringBuilder code = new StringBuilder();
            for (int c = 0; c < 20; c++) {
                code.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            codes.add(code.toString());
        }
        List<String> wrong = new ArrayList<>();
        for (String code : codes) {
            String url = "https://xueshi.example.gov.cn/verify/" + code;
            String read;
            try {
                read = decode(render(url));
            } catch (Exception e) {
                read = e.toString();
            }
            if (!url.equals(read)) {
                wrong.add(url + " → " + read);
            }
        }
        // each URL that did not scan back is named, so a failure can be replayed
        assertThat(wrong).as(codes.size() + " verification URLs").isEmpty();
    }

    private static byte[] render(String url) throws Exception {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            try (PDPageContentStream s = new PDPageContentStream(doc, page)) {
                QrCode.of(url).draw(s, page.getMediaBox().getWidth() - RIGHT - SIZE, BOTTOM, SIZE);
            }
            doc.save(out);
            return out.toByteArray();
        }
    }

    /** Renders the page and reads the code from its square (with a few pixels of the page around it). */
    private static String decode(byte[] pdf) throws Exception {
        BufferedImage page;
        float width;
        float height;
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            width = doc.getPage(0).getMediaBox().getWidth();
            height = doc.getPage(0).getMediaBox().getHeight();
            page = new PDFRenderer(doc).renderImageWithDPI(0, DPI, ImageType.RGB);
        }
        float scale = DPI / 72f;
        int pad = 8;
        int left = Math.round((width - RIGHT - SIZE) * scale) - pad;
        int top = Math.round((height - BOTTOM - SIZE) * scale) - pad;
        int side = Math.round(SIZE * scale) + 2 * pad;
        BufferedImage square = page.getSubimage(left, top, side, side);
        int[] pixels = square.getRGB(0, 0, side, side, null, 0, side);
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                        new RGBLuminanceSource(side, side, pixels))),
                Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
    }
}
