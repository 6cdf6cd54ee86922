package cn.xueshi.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.junit.jupiter.api.Test;

/** Files are opened as what their first bytes claim; what does not open is refused with a reason. */
@org.junit.jupiter.api.Tag("no-database")
class EvidenceContentTest {

    final EvidenceContent content = new EvidenceContent(new EvidenceProperties(10 * 1024 * 1024, 10, 60_000_000));

    static String refusal(EvidenceContent check, byte[] file) {
        try {
            check.verify("x", file);
        } catch (EvidenceRejected e) {
            return e.messageKey();
        }
        return null;
    }

    @Test
    void realFilesAreAcceptedAsTheirKind() {
        assertThat(content.verify("a.pdf", EvidenceSamples.pdf())).isEqualTo(FileKind.PDF);
        assertThat(content.verify("通知.pdf", EvidenceSamples.pdfWithChineseText("继续教育学时证明 吉林省人民医院")))
                .isEqualTo(FileKind.PDF);
        assertThat(content.verify("a.png", EvidenceSamples.png())).isEqualTo(FileKind.PNG);
        assertThat(content.verify("a.jpg", EvidenceSamples.jpeg())).isEqualTo(FileKind.JPEG);
        // a large photo is decoded on a subsampled copy, yet whole
        assertThat(content.verify("big.jpg", EvidenceSamples.jpeg(4000, 3000))).isEqualTo(FileKind.JPEG);
    }

    @Test
    void htmlBehindAPdfHeaderIsRefused() {
        assertThat(refusal(content, EvidenceSamples.htmlBehindPdfHeader())).isEqualTo("evidence.error.damaged");
        // the old test files, header and trailer without any page, are no PDF either
        assertThat(refusal(content, "%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n".getBytes()))
                .startsWith("evidence.error.");
    }

    @Test
    void damagedImagesAreRefused() {
        assertThat(refusal(content, EvidenceSamples.pngHeaderAndJunk())).isEqualTo("evidence.error.damaged");
        assertThat(refusal(content, EvidenceSamples.truncated(EvidenceSamples.png(300, 200))))
                .isEqualTo("evidence.error.damaged");
        assertThat(refusal(content, EvidenceSamples.truncated(EvidenceSamples.jpeg(300, 200))))
                .isEqualTo("evidence.error.damaged");
        assertThat(refusal(content, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0, 1, 2}))
                .isEqualTo("evidence.error.damaged");
    }

    @Test
    void emptyAndUnknownFilesAreRefused() {
        assertThat(refusal(content, new byte[0])).isEqualTo("evidence.error.empty");
        assertThat(refusal(content, "<html></html>".getBytes())).isEqualTo("evidence.error.type");
    }

    @Test
    void aPdfThatNeedsAPasswordIsRefused() throws IOException {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.addPage(new PDPage());
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner", "user", new AccessPermission());
            doc.protect(policy);
            doc.save(out);
            assertThat(refusal(content, out.toByteArray())).isEqualTo("evidence.error.encrypted");
        }
    }

    @Test
    void aSmallFileThatUnpacksToAHugeImageIsRefusedBeforeDecoding() throws IOException {
        // 20000 × 20000 grey pixels of zeros: a few hundred KB compressed, 400 MB decoded
        byte[] bomb = greyPng(20_000, 20_000);
        assertThat(bomb.length).isLessThan(2 * 1024 * 1024);
        assertThatThrownBy(() -> content.verify("bomb.png", bomb))
                .isInstanceOfSatisfying(EvidenceRejected.class, e -> {
                    assertThat(e.messageKey()).isEqualTo("evidence.error.tooManyPixels");
                    assertThat(e.args()).containsExactly("bomb.png", "20000", "20000", "6000", "60");
                });
        // the limit is configuration
        EvidenceContent generous = new EvidenceContent(new EvidenceProperties(1, 1, 500_000_000));
        assertThat(refusal(generous, greyPng(100, 100))).isNull();
    }

    /** A valid 8-bit greyscale PNG of zeros, written by hand so it needs no image in memory. */
    static byte[] greyPng(int width, int height) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(raw, new Deflater(9))) {
            byte[] row = new byte[width + 1];
            for (int y = 0; y < height; y++) {
                z.write(row);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        chunk(png, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 0)
                .put((byte) 0).put((byte) 0).put((byte) 0).array());
        chunk(png, "IDAT", raw.toByteArray());
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        out.write(ByteBuffer.allocate(4).putInt(data.length).array());
        byte[] t = type.getBytes();
        out.write(t);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
