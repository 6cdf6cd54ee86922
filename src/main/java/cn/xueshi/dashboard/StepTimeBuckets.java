package cn.xueshi.dashboard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The fixed duration buckets of the time-per-step rollup ({@code xueshi.dashboard.step-time-buckets}): bucket i
 * holds the durations below bound i and at or above bound i − 1; the last bucket (index = number of bounds) is
 * open. The 90th percentile is read from the buckets: the longest duration in the bucket that holds the
 * percentile's rank, which is at least the exact (discrete) p90 and below that bucket's upper bound.
 */
@Component
class StepTimeBuckets {

    private final long[] upperMillis;

    StepTimeBuckets(@Value("${xueshi.dashboard.step-time-buckets}") String bounds) {
        List<Long> millis = new ArrayList<>();
        for (String b : bounds.split(",")) {
            if (!b.isBlank()) {
                millis.add(Duration.parse(b.trim()).toMillis());
            }
        }
        this.upperMillis = millis.stream().mapToLong(Long::longValue).toArray();
        for (int i = 1; i < upperMillis.length; i++) {
            if (upperMillis[i] <= upperMillis[i - 1]) {
                throw new IllegalStateException("xueshi.dashboard.step-time-buckets must ascend: " + bounds);
            }
        }
    }

    /** The bucket of a duration column as a SQL expression (the bounds are numbers from the configuration). */
    String sql(String durationColumn) {
        if (upperMillis.length == 0) {
            return "0";
        }
        StringBuilder sql = new StringBuilder("CASE");
        for (int i = 0; i < upperMillis.length; i++) {
            sql.append(" WHEN ").append(durationColumn).append(" < ").append(upperMillis[i]).append(" THEN ").append(i);
        }
        return sql.append(" ELSE ").append(upperMillis.length).append(" END").toString();
    }

    /** The bucket of one duration (the same rule as {@link #sql}). */
    int of(long millis) {
        int i = 0;
        while (i < upperMillis.length && millis >= upperMillis[i]) {
            i++;
        }
        return i;
    }

    /** The upper bound of a bucket, in milliseconds; {@link Long#MAX_VALUE} for the open last one. */
    long upperBound(int bucket) {
        return bucket < upperMillis.length ? upperMillis[bucket] : Long.MAX_VALUE;
    }

    /** Identifies the bounds, so rows counted with other bounds are rebuilt. */
    String fingerprint() {
        return Integer.toHexString(Arrays.hashCode(upperMillis));
    }

    /**
     * The p90 of a step from its buckets, ascending: the longest duration of the bucket where the running
     * count reaches the rank ⌈0.9·n⌉ (the rank PERCENTILE_DISC(0.9) picks).
     */
    static long p90(List<long[]> countAndMaxByBucket) {
        long n = countAndMaxByBucket.stream().mapToLong(b -> b[0]).sum();
        long rank = (9 * n + 9) / 10; // ⌈9n/10⌉ in integers
        long running = 0;
        for (long[] b : countAndMaxByBucket) {
            running += b[0];
            if (running >= rank && b[0] > 0) {
                return b[1];
            }
        }
        return 0;
    }
}
