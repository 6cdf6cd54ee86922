package cn.xueshi.identity;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in throttling (xueshi.login.*): so many failures for one account name, or from one client address,
 * within the lock duration lock it for that duration. Addresses in {@code trustedAddresses} (IPs or CIDR
 * ranges, e.g. the operators' network) are not refused by an account lock — the break-glass way in for an
 * administrator whose account someone keeps locking; their own address throttle still applies.
 */
@ConfigurationProperties("xueshi.login")
public record LoginProperties(
        @DefaultValue("5") int maxFailures,
        @DefaultValue("15m") Duration lockDuration,
        @DefaultValue("20") int addressMaxFailures,
        @DefaultValue("15m") Duration addressLockDuration,
        @DefaultValue("") List<String> trustedAddresses) {

    public LoginProperties {
        if (maxFailures < 1 || addressMaxFailures < 1) {
            throw new IllegalArgumentException("xueshi.login.max-failures and address-max-failures must be at least 1");
        }
        if (lockDuration.isNegative() || lockDuration.isZero() || addressLockDuration.isNegative()
                || addressLockDuration.isZero()) {
            throw new IllegalArgumentException("xueshi.login lock durations must be positive");
        }
        trustedAddresses = trustedAddresses == null ? List.of()
                : trustedAddresses.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
