package cn.xueshi.claim;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * xueshi.withdrawal.*: what a withdrawal (撤回) takes from the claimant.
 *
 * @param maxReasonLength the longest reason accepted (characters); a value below 1 stops the start naming the property
 */
@ConfigurationProperties("xueshi.withdrawal")
record WithdrawalProperties(int maxReasonLength) {

    WithdrawalProperties {
        if (maxReasonLength < 1) {
            throw new IllegalStateException("xueshi.withdrawal.max-reason-length must be at least 1, is " + maxReasonLength);
        }
    }
}
