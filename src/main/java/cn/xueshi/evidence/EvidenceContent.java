package cn.xueshi.evidence;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.springframework.stereotype.Component;

/**
 * Opens an evidence file as what its first bytes claim to be, and refuses it if that fails: the first
 * bytes alone let anything through that starts with {@code %PDF-} (an HTML page, a script). A PDF must
 * open with PDFBox without a password and have a page; an image must decode completely with ImageIO
 * (a truncated or damaged one does not), within a pixel count that keeps decompression bombs out.
 */
@Component
public class EvidenceContent {

    /** Decoding works on a subsampled copy of at most about this many pixels: every byte is still decoded. */
    private static final long DECODED_PIXELS = 1_000_000;

    private final EvidenceProperties limits;

    public EvidenceContent(EvidenceProperties limits) {
        this.limits = limits;
    }

    /** The kind of a file that opens as that kind; otherwise an {@link EvidenceRejected} naming the file. */
    public FileKind verify(String name, byte[] content) {
        if (content.length == 0) {
            throw new EvidenceRejected("evidence.error.empty", name);
        }
        FileKind kind = FileKind.detect(content).orElseThrow(() -> new EvidenceRejected("evidence.error.type", name));
        switch (kind) {
            case PDF -> verifyPdf(name, content);
            case PNG, JPEG -> verifyImage(name, kind, content);
        }
        return kind;
    }

    private static void verifyPdf(String name, byte[] content) {
        try (PDDocument pdf = Loader.loadPDF(content)) {
            if (pdf.getNumberOfPages() < 1 || pdf.getPages().get(0).getMediaBox() == null) {
                throw new EvidenceRejected("evidence.error.noPages", name);
            }
        } catch (InvalidPasswordException e) {
            throw new EvidenceRejected("evidence.error.encrypted", name);
        } catch (EvidenceRejected e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // PDFBox throws runtime exceptions too for some malformed page trees
            throw new EvidenceRejected("evidence.error.damaged", name, "PDF");
        }
    }

    private void verifyImage(String name, FileKind kind, byte[] content) {
        String format = kind == FileKind.PNG ? "PNG" : "JPG";
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(content))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(kind == FileKind.PNG ? "png" : "jpeg");
            if (in == null || !readers.hasNext()) {
                throw new EvidenceRejected("evidence.error.damaged", name, format);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                if (width <= 0 || height <= 0) {
                    throw new EvidenceRejected("evidence.error.damaged", name, format);
                }
                if (width * height > limits.maxImagePixels()) {
                    // as text: a message format would print 8000 as "8,000"
                    throw new EvidenceRejected("evidence.error.tooManyPixels", name, String.valueOf(width),
                            String.valueOf(height), String.valueOf(limits.maxImagePixels() / 10_000),
                            String.valueOf(limits.maxImagePixels() / 1_000_000));
                }
                // the JPEG decoder reports a truncated or corrupt stream as a warning and fills in grey
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                ImageReadParam param = reader.getDefaultReadParam();
                int step = (int) Math.max(1, Math.ceil(Math.sqrt((double) (width * height) / DECODED_PIXELS)));
                param.setSourceSubsampling(step, step, 0, 0);
                BufferedImage image = reader.read(0, param);
                if (image == null || !warnings.isEmpty()) {
                    throw new EvidenceRejected("evidence.error.damaged", name, format);
                }
            } finally {
                reader.dispose();
            }
        } catch (EvidenceRejected e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new EvidenceRejected("evidence.error.damaged", name, format);
        }
    }
}
