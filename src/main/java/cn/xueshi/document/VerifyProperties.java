package cn.xueshi.document;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The public verification page's rate limit (xueshi.verify.*): each client address may open
 * {@code rateLimit} pages per {@code ratePeriod}; at most {@code maxClients} addresses are remembered
 * at once (the least recently seen are forgotten first), so memory stays bounded whatever the traffic.
 */
@ConfigurationProperties("xueshi.verify")
public record VerifyProperties(int rateLimit, Duration ratePeriod, int maxClients) {
}
