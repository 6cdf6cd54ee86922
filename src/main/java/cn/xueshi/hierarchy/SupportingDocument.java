package cn.xueshi.hierarchy;

import cn.xueshi.evidence.EvidenceStore;
import java.io.IOException;
import org.springframework.web.multipart.MultipartFile;

/** The file a submitter attaches to a filing (备案文件), as chosen: checked by {@link FilingDocuments} before use. */
public record SupportingDocument(String fileName, byte[] content) {

    /** The upload of a form; null when no file was chosen (a resubmission then keeps its document). */
    public static SupportingDocument of(MultipartFile file) {
        if (file == null || !EvidenceStore.chosen(file)) {
            return null;
        }
        try {
            return new SupportingDocument(EvidenceStore.fileName(file), file.getBytes());
        } catch (IOException e) {
            return new SupportingDocument(EvidenceStore.fileName(file), null);
        }
    }
}
