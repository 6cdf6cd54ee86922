package cn.xueshi.document;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The buckets of the whole cluster, in PostgreSQL ({@code xs_verify_bucket}, V136): every node behind the balancer
 * draws on one budget per address, so two nodes do not grant twice the rate. Bucket4j's own proxy manager reads and
 * writes an address's row under {@code SELECT … FOR UPDATE} in a transaction of its own (one round trip more than
 * the page itself; other addresses are not blocked).
 * <p>
 * Each row's {@code expires_at} is when its bucket would be full again (at most one period after the last page):
 * from then on the row says nothing a missing row does not. {@link #removeIdle} deletes such rows once per cluster
 * (ShedLock), and then keeps only the {@code max-clients} buckets farthest from full, so {@code max-clients} bounds
 * the table as it bounds the cache of one node.
 * <p>
 * A database error fails open to this node's own buckets ({@link LocalVerifyBuckets}) with a WARN: the limit is there
 * against guessing codes and loading the database, and during an outage of the table the per-node limit still does
 * that, whereas failing closed would turn every citizen checking a certificate away with a 429 they did not cause
 * (and an exception would be a 500 for everyone).
 */
@Component
@Conditional(SharedVerifyBuckets.OnPostgreSql.class)
class SharedVerifyBuckets implements VerifyBuckets {

    private static final Logger log = LoggerFactory.getLogger(SharedVerifyBuckets.class);
    static final String TABLE = "xs_verify_bucket";

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> proxies;
    private final BucketConfiguration configuration;
    private final LocalVerifyBuckets fallback;
    private final JdbcTemplate jdbc;
    private final int maxClients;
    private final int cleanupBatchSize;
    private final long configurationVersion;
    /** Set while the table is failing, so an outage logs one WARN, not one per page. */
    private final AtomicBoolean failing = new AtomicBoolean();

    /**
     * This node's configuration, with its start time as its version: a row written under an older version (an
     * earlier configuration of {@code rate-limit}/{@code rate-period}) is moved to this one the next time this node
     * touches it, its tokens kept in proportion; before, a changed limit reached an address only when its row expired.
     * A node started earlier (an older version) leaves a newer row as it is, so during a rolling restart the cluster
     * follows the configuration of the node started last.
     */
    @Autowired
    SharedVerifyBuckets(DataSource dataSource, VerifyProperties properties,
                        @Value("${xueshi.verify.cleanup-batch-size}") int cleanupBatchSize) {
        this(dataSource, properties, cleanupBatchSize, System.currentTimeMillis());
    }

    SharedVerifyBuckets(DataSource dataSource, VerifyProperties properties, int cleanupBatchSize,
                        long configurationVersion) {
        this.proxies = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table(TABLE)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ZERO))
                .build();
        this.configuration = BucketConfiguration.builder().addLimit(VerifyBuckets.limit(properties)).build();
        this.fallback = new LocalVerifyBuckets(properties);
        this.jdbc = new JdbcTemplate(dataSource);
        this.maxClients = properties.maxClients();
        this.cleanupBatchSize = cleanupBatchSize;
        this.configurationVersion = configurationVersion;
    }

    @Override
    public ConsumptionProbe tryConsume(String address) {
        try {
            ConsumptionProbe probe = proxies.builder()
                    .withImplicitConfigurationReplacement(configurationVersion, TokensInheritanceStrategy.PROPORTIONALLY)
                    .build(address, () -> configuration).tryConsumeAndReturnRemaining(1);
            if (failing.compareAndSet(true, false)) {
                log.warn("/verify rate limit: {} readable again, back to the cluster's buckets", TABLE);
            }
            return probe;
        } catch (RuntimeException e) {
            if (failing.compareAndSet(false, true)) {
                log.warn("/verify rate limit: {} failed, this node limits on its own until it is back", TABLE, e);
            }
            return fallback.tryConsume(address);
        }
    }

    /**
     * Deletes the rows whose bucket is full again (in batches, skipping rows a page holds locked), then those
     * closest to full beyond {@code max-clients}; returns how many rows were deleted.
     */
    int removeIdle() {
        int removed = 0;
        int batch;
        do {
            batch = proxies.removeExpired(cleanupBatchSize);
            removed += batch;
        } while (batch >= cleanupBatchSize);
        // beyond max-clients, forget the buckets that will be full soonest (smallest expires_at: used least, or
        // longest ago): forgetting a bucket hands its address a full one, and these give away the fewest pages
        removed += jdbc.update("DELETE FROM " + TABLE + " WHERE id IN (SELECT id FROM " + TABLE
                + " ORDER BY expires_at DESC NULLS LAST OFFSET ?)", maxClients);
        return removed;
    }

    /** {@link #removeIdle} on one node of the cluster per {@code xueshi.verify.cleanup-cron}. */
    @Component
    @Conditional(OnPostgreSql.class)
    static class Cleanup {

        private final SharedVerifyBuckets buckets;

        Cleanup(SharedVerifyBuckets buckets) {
            this.buckets = buckets;
        }

        @Scheduled(cron = "${xueshi.verify.cleanup-cron}", zone = "${xueshi.time-zone}")
        @SchedulerLock(name = "verify-bucket-cleanup", lockAtLeastFor = "PT30S")
        public void removeIdle() {
            buckets.removeIdle();
        }
    }

    /** PostgreSQL as the application's database (the postgres profile, or the tests' -Ppostgres). */
    static class OnPostgreSql implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String url = context.getEnvironment().getProperty("spring.datasource.url");
            return url != null && DatabaseDriver.fromJdbcUrl(url) == DatabaseDriver.POSTGRESQL;
        }
    }
}
