package cn.xueshi.evidence;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/** Evidence files for tests: real PDFs and images made here, and crafted ones that only look like them. */
public final class EvidenceSamples {

    static final String FONT = "/fonts/ttf/NotoSansSC/NotoSansSC-Regular.ttf";

    private EvidenceSamples() {
    }

    /** A one-page PDF without text. */
    public static byte[] pdf() {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.addPage(new PDPage(PDRectangle.A4));
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A one-page PDF with Chinese text in an embedded subset of Noto Sans SC. */
    public static byte[] pdfWithChineseText(String text) {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream();
                InputStream font = EvidenceSamples.class.getResourceAsStream(FONT)) {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            PDType0Font chinese = PDType0Font.load(doc, font);
            try (PDPageContentStream s = new PDPageContentStream(doc, page)) {
                s.beginText();
                s.setFont(chinese, 14);
                s.newLineAtOffset(72, 700);
                s.showText(text);
                s.endText();
            }
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] png(int width, int height) {
        return image("png", width, height, BufferedImage.TYPE_INT_RGB);
    }

    public static byte[] png() {
        return png(40, 30);
    }

    public static byte[] jpeg(int width, int height) {
        return image("jpg", width, height, BufferedImage.TYPE_INT_RGB);
    }

    public static byte[] jpeg() {
        return jpeg(40, 30);
    }

    /** Starts like a PDF, is an HTML page with a script. */
    public static byte[] htmlBehindPdfHeader() {
        return "%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>\n%%EOF\n"
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** The PNG signature followed by junk. */
    public static byte[] pngHeaderAndJunk() {
        byte[] junk = "this is not an image at all, just text after the signature".getBytes(StandardCharsets.US_ASCII);
        byte[] header = Arrays.copyOf(png(), 8);
        byte[] file = Arrays.copyOf(header, header.length + junk.length);
        System.arraycopy(junk, 0, file, header.length, junk.length);
        return file;
    }

    /** A real PNG cut off in the middle of its image data. */
    public static byte[] truncated(byte[] file) {
        return Arrays.copyOf(file, file.length / 2);
    }

    private static byte[] image(String format, int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D g = image.createGraphics();
        // noise-like content, so the compressed data is not a handful of bytes
        for (int y = 0; y < height; y += 2) {
            for (int x = 0; x < width; x += 2) {
                g.setColor(new Color((x * 31 + y * 17) % 256, (x * 7) % 256, (y * 13) % 256));
                g.fillRect(x, y, 2, 2);
            }
        }
        g.dispose();
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, format, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
