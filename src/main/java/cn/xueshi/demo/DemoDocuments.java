package cn.xueshi.demo;

import cn.xueshi.hierarchy.SupportingDocument;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Supporting documents (备案文件) for the demo filings: a one-page PDF naming the document, as a scan would be. The
 * text is Latin (a standard PDF font), the Chinese title is the file's name.
 */
final class DemoDocuments {

    private DemoDocuments() {
    }

    static SupportingDocument pdf(String documentRef, String latinLine) {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            try (PDPageContentStream text = new PDPageContentStream(doc, page)) {
                text.beginText();
                text.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 14);
                text.newLineAtOffset(72, 760);
                text.showText(latinLine);
                text.endText();
            }
            doc.save(out);
            return new SupportingDocument(documentRef + ".pdf", out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
