package cn.xueshi.document;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.springframework.stereotype.Component;

/**
 * Noto Sans SC (SIL Open Font License), shipped as a TTF inside the com.helger.font:ph-fonts-noto-sans-sc
 * jar. Each PDF embeds the subset of glyphs it uses, so the certificate reads the same on every reader
 * without any font installed. The file's bytes are read once and kept (about 10 MB).
 */
@Component
class ChineseFont {

    static final String RESOURCE = "/fonts/ttf/NotoSansSC/NotoSansSC-Regular.ttf";

    private volatile byte[] bytes;

    PDType0Font loadInto(PDDocument doc) throws IOException {
        // embed a subset, horizontal writing
        return PDType0Font.load(doc, new RandomAccessReadBuffer(bytes()), true, false);
    }

    private byte[] bytes() {
        byte[] b = bytes;
        if (b == null) {
            try (InputStream in = ChineseFont.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("font " + RESOURCE + " missing from the classpath");
                }
                b = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            bytes = b;
        }
        return b;
    }
}
