package cn.xueshi.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The shared buckets fail open to the node's own when the database does not answer: still limited, never an error
 * (a 500 on /verify for everyone). No PostgreSQL needed: nothing listens on the port.
 */
class SharedVerifyBucketsFallbackTest {

    @Test
    void anUnreachableDatabaseLimitsPerNodeInstead() {
        var unreachable = new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/none", "nobody", "");
        var buckets = new SharedVerifyBuckets(unreachable, new VerifyProperties(2, Duration.ofHours(1), 100), 100);
        assertThat(buckets.tryConsume("192.0.2.1").isConsumed()).isTrue();
        assertThat(buckets.tryConsume("192.0.2.1").isConsumed()).isTrue();
        assertThat(buckets.tryConsume("192.0.2.1").isConsumed()).as("the node's own limit").isFalse();
        assertThat(buckets.tryConsume("192.0.2.2").isConsumed()).as("per address").isTrue();
    }
}
