package cn.xueshi.evidence;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Limits on evidence files (xueshi.evidence.*). */
@ConfigurationProperties("xueshi.evidence")
public record EvidenceProperties(long maxFileBytes, int maxFiles) {
}
