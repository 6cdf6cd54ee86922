package cn.xueshi.evidence;

import java.time.Instant;

/** An evidence file's description (证明材料), without its bytes. */
public record EvidenceFile(long id, Long claimId, String fileName, String contentType, long sizeBytes, String sha256,
        String uploadedBy, Instant uploadedAt) {

    public boolean isImage() {
        return contentType.startsWith("image/");
    }
}
