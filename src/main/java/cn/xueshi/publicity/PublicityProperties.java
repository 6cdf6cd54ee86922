package cn.xueshi.publicity;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * 异议 limits (xueshi.publicity.*): a person raises at most {@code objectionLimit} objections within
 * {@code objectionWindow}, whatever the claims; one open objection per claim is a database rule. An
 * objection that loses a race with another person's objection to the same claim (both change the
 * claim's publicity scope) is tried again, up to {@code raiseAttempts} times in all.
 */
@ConfigurationProperties("xueshi.publicity")
public record PublicityProperties(@DefaultValue("5") int objectionLimit, @DefaultValue("PT1H") Duration objectionWindow,
        @DefaultValue("3") int raiseAttempts) {
}
