package cn.xueshi.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.support.IntegrationTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The nationwide overview is built once per cluster: the copy lives in the database (another node, here a second
 * {@link NationwideCopies} on the same database, reads the very figures), and a node that finds the year's lock
 * taken by another node builds nothing — it waits for that node's copy.
 */
@IntegrationTest
class NationwideOverviewTest {

    @Autowired DashboardService dashboards;
    @Autowired NationwideCopies copies;
    @Autowired JdbcTemplate jdbc;
    @Autowired LockProvider locks;
    @Autowired ObjectMapper mapper;

    @Test
    void theWholeCountryIsServedFromTheSharedCopyWhileNarrowerViewsAreAlwaysComputed() {
        DashboardScope all = new DashboardScope(2031, null, null);
        Overview first = dashboards.overview(all);
        Instant built = jdbc.queryForObject("SELECT built_at FROM xs_dashboard_copy WHERE yr = 2031", java.sql.Timestamp.class)
                .toInstant();
        // served again from the copy: not rebuilt, the same figures
        Overview again = dashboards.overview(all);
        assertThat(jdbc.queryForObject("SELECT built_at FROM xs_dashboard_copy WHERE yr = 2031", java.sql.Timestamp.class)
                .toInstant()).isEqualTo(built);
        assertThat(again).usingRecursiveComparison().withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                .isEqualTo(first);
        // another node (its own NationwideCopies, the same database) reads the same copy without computing it
        NationwideCopies otherNode = new NationwideCopies(jdbc, locks, mapper, Duration.ofMinutes(5));
        AtomicInteger computed = new AtomicInteger();
        Optional<NationwideCopies.Copy> theirs = otherNode.build(2031, Duration.ofMinutes(1), () -> {
            computed.incrementAndGet();
            return first;
        });
        assertThat(computed).hasValue(0);
        assertThat(theirs.orElseThrow().overview()).usingRecursiveComparison()
                .withComparatorForType(BigDecimal::compareTo, BigDecimal.class).isEqualTo(first);

        DashboardScope jilin = new DashboardScope(2031, Set.of("JILIN"), null);
        assertThat(dashboards.overview(jilin)).isNotSameAs(dashboards.overview(jilin));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM xs_dashboard_copy WHERE yr = 2031", Long.class)).isOne();
    }

    @Test
    void whileAnotherNodeBuildsTheYearsCopyThisNodeBuildsNothingAndServesTheirs() throws Exception {
        int year = 2033;
        DashboardScope all = new DashboardScope(year, null, null);
        Overview figures = dashboards.compute(all);
        // the other node holds the year's lock: this node's build gives way
        SimpleLock theirLock = locks.lock(new LockConfiguration(Instant.now(), NationwideCopies.LOCK + year,
                Duration.ofMinutes(1), Duration.ZERO)).orElseThrow();
        AtomicInteger computed = new AtomicInteger();
        assertThat(copies.build(year, Duration.ofMinutes(1), () -> {
            computed.incrementAndGet();
            return figures;
        })).isEmpty();
        assertThat(computed).hasValue(0);
        // the page waits for their copy and serves it
        java.util.concurrent.CompletableFuture<Overview> page = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> dashboards.overview(all));
        Thread.sleep(500);
        assertThat(page).isNotDone();
        copies.store(year, new NationwideCopies.Copy(figures, Instant.now()));
        theirLock.unlock();
        assertThat(page.get(10, java.util.concurrent.TimeUnit.SECONDS)).usingRecursiveComparison()
                .withComparatorForType(BigDecimal::compareTo, BigDecimal.class).isEqualTo(figures);
    }
}
