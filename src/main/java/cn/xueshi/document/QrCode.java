package cn.xueshi.document;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.io.IOException;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDPageContentStream;

/** A QR code drawn into a PDF page as vector squares (sharp at any zoom, no image needed). */
final class QrCode {

    private final BitMatrix matrix;

    private QrCode(BitMatrix matrix) {
        this.matrix = matrix;
    }

    static QrCode of(String text) {
        try {
            return new QrCode(new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
                            // the four-module quiet zone the QR standard asks for, so any scanner finds it
                            EncodeHintType.MARGIN, 4,
                            EncodeHintType.CHARACTER_SET, "UTF-8")));
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode " + text, e);
        }
    }

    /** Draws the code with its lower left corner at (x, y), {@code size} points wide and high. */
    void draw(PDPageContentStream page, float x, float y, float size) throws IOException {
        int n = matrix.getWidth();
        float module = size / n;
        page.setNonStrokingColor(0f, 0f, 0f);
        for (int row = 0; row < n; row++) {
            for (int col = 0; col < n; col++) {
                if (matrix.get(col, row)) {
                    page.addRect(x + col * module, y + size - (row + 1) * module, module, module);
                }
            }
        }
        page.fill();
    }
}
