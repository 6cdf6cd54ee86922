package cn.xueshi.document;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.ConsumptionProbe;

/**
 * Where /verify's token buckets live, one per client address: in this node's memory ({@link LocalVerifyBuckets},
 * H2, one node) or in PostgreSQL for the whole cluster ({@link SharedVerifyBuckets}).
 */
interface VerifyBuckets {

    /** Takes one page from the address's budget; the probe says whether it was granted and, if not, how long to wait. */
    ConsumptionProbe tryConsume(String address);

    /** {@code rateLimit} pages per {@code ratePeriod}, refilled greedily (a page's worth at a time, not all at once). */
    static Bandwidth limit(VerifyProperties properties) {
        return Bandwidth.builder().capacity(properties.rateLimit())
                .refillGreedy(properties.rateLimit(), properties.ratePeriod()).build();
    }
}
