package cn.xueshi.evidence;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Limits on evidence files (xueshi.evidence.*): bytes per file, files per claim, and pixels per image
 * (width × height, checked before decoding, so a small file that unpacks to a huge image is refused).
 */
@ConfigurationProperties("xueshi.evidence")
public record EvidenceProperties(long maxFileBytes, int maxFiles, long maxImagePixels) {
}
