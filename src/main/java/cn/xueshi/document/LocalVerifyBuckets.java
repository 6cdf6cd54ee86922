package cn.xueshi.document;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * The buckets in this node's memory: a Caffeine cache bounded by {@code max-clients} (the least recently seen
 * addresses are forgotten first) and dropped one period after their last use, when they would be full again anyway.
 * Enough for one node (H2); behind a balancer each node would grant the whole rate, hence {@link SharedVerifyBuckets}.
 */
final class LocalVerifyBuckets implements VerifyBuckets {

    private final Bandwidth limit;
    private final Cache<String, Bucket> buckets;

    LocalVerifyBuckets(VerifyProperties properties) {
        this.limit = VerifyBuckets.limit(properties);
        this.buckets = Caffeine.newBuilder()
                .maximumSize(properties.maxClients())
                .expireAfterAccess(properties.ratePeriod())
                .build();
    }

    @Override
    public ConsumptionProbe tryConsume(String address) {
        return buckets.get(address, a -> Bucket.builder().addLimit(limit).build())
                .tryConsumeAndReturnRemaining(1);
    }
}
