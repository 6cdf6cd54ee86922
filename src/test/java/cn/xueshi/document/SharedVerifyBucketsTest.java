package cn.xueshi.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import cn.xueshi.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * /verify's buckets shared through PostgreSQL (SharedVerifyBuckets): proxy managers on the same database, as on two
 * nodes, draw on one budget per address; idle rows are cleaned up. The "other node" is a second instance built here on
 * the application's data source, with a small limit and a long period so no refill blurs the count.
 */
@IntegrationTest
@EnabledIfSystemProperty(named = "xueshi.test.database", matches = "postgres")
class SharedVerifyBucketsTest {

    static final int LIMIT = 3;
    static final int BATCH = 100;

    @Autowired
    MockMvc mvc;
    @Autowired
    DataSource dataSource;
    @Autowired
    VerifyBuckets applicationBuckets;

    static String address() {
        return "2001:db8::" + UUID.randomUUID().toString().substring(0, 4);
    }

    SharedVerifyBuckets node(Duration period, int maxClients) {
        return new SharedVerifyBuckets(dataSource, new VerifyProperties(LIMIT, period, maxClients), BATCH);
    }

    boolean hasRow(String address) {
        return new JdbcTemplate(dataSource).queryForObject(
                "SELECT count(*) FROM " + SharedVerifyBuckets.TABLE + " WHERE id = ?", Integer.class, address) == 1;
    }

    MockHttpServletResponse page(String address) throws Exception {
        return mvc.perform(get("/verify/NOSUCHCODE").with(r -> {
            r.setRemoteAddr(address);
            return r;
        })).andReturn().getResponse();
    }

    @Test
    void theApplicationKeepsItsBucketsInPostgreSql() {
        assertThat(applicationBuckets).isInstanceOf(SharedVerifyBuckets.class);
    }

    @Test
    void aNodeStartedWithAChangedLimitMovesExistingRowsToIt() {
        String address = address();
        SharedVerifyBuckets before = new SharedVerifyBuckets(dataSource,
                new VerifyProperties(5, Duration.ofHours(1), 10_000), BATCH, 1);
        assertThat(before.tryConsume(address).isConsumed()).isTrue();
        // the row now holds 4 of 5; a node started later with a limit of 2 scales it to 4/5 of 2 = 1 page left
        SharedVerifyBuckets after = new SharedVerifyBuckets(dataSource,
                new VerifyProperties(2, Duration.ofHours(1), 10_000), BATCH, 2);
        assertThat(after.tryConsume(address).isConsumed()).as("the one page left under the new limit").isTrue();
        assertThat(after.tryConsume(address).isConsumed()).as("beyond the new limit, not the old row's 4").isFalse();
        // the node still on the earlier configuration leaves the newer row as it is
        assertThat(before.tryConsume(address).isConsumed()).as("older node, newer row").isFalse();
    }

    @Test
    void twoNodesShareOneAddressesBudget() {
        SharedVerifyBuckets a = node(Duration.ofHours(1), 10_000);
        SharedVerifyBuckets b = node(Duration.ofHours(1), 10_000);
        String address = address();
        for (int i = 0; i < LIMIT; i++) {
            assertThat((i % 2 == 0 ? a : b).tryConsume(address).isConsumed()).as("page %d", i + 1).isTrue();
        }
        assertThat(a.tryConsume(address).isConsumed()).as("limit + 1 on node a").isFalse();
        assertThat(b.tryConsume(address).isConsumed()).as("limit + 1 on node b").isFalse();
        // another address has its own budget on both nodes
        String other = address();
        assertThat(b.tryConsume(other).isConsumed()).isTrue();
        assertThat(a.tryConsume(other).isConsumed()).isTrue();
    }

    @Test
    void theApplicationRefusesWithTheChinesePageWhatAnotherNodeUsedUp() throws Exception {
        // the other node made the address's bucket (LIMIT pages an hour, kept with the row) and took the first page
        SharedVerifyBuckets other = node(Duration.ofHours(1), 10_000);
        String address = address();
        assertThat(other.tryConsume(address).isConsumed()).isTrue();
        for (int i = 1; i < LIMIT; i++) {
            assertThat(page(address).getStatus()).as("page %d on this node", i + 1).isEqualTo(404);
        }
        MockHttpServletResponse limited = page(address);
        assertThat(limited.getStatus()).isEqualTo(429);
        assertThat(Long.parseLong(limited.getHeader("Retry-After"))).isPositive();
        assertThat(limited.getContentAsString(StandardCharsets.UTF_8)).contains("核验请求过于频繁", "秒后再试");
        assertThat(other.tryConsume(address).isConsumed()).as("and the other node refuses too").isFalse();
        assertThat(page(address()).getStatus()).as("another address").isEqualTo(404);
    }

    @Test
    void theCleanUpRemovesRowsIdleForThePeriod() throws Exception {
        SharedVerifyBuckets quick = node(Duration.ofMillis(300), 10_000);
        SharedVerifyBuckets slow = node(Duration.ofHours(1), 10_000);
        String idle = address();
        String recent = address();
        assertThat(quick.tryConsume(idle).isConsumed()).isTrue();
        assertThat(slow.tryConsume(recent).isConsumed()).isTrue();
        assertThat(hasRow(idle)).isTrue();
        Thread.sleep(1_000);
        quick.removeIdle();
        assertThat(hasRow(idle)).as("full again: removed").isFalse();
        assertThat(hasRow(recent)).as("still refilling: kept").isTrue();
        assertThat(slow.tryConsume(recent).isConsumed()).isTrue();
    }

    @Test
    void theCleanUpKeepsAtMostMaxClientsRowsForgettingTheFullestBuckets() {
        // a period far above the other tests' so their rows (full again within an hour) are the first forgotten;
        // rows of this test's earlier runs would outrank this run's, so they go first
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.update("DELETE FROM " + SharedVerifyBuckets.TABLE + " WHERE id LIKE '2001:db8:ffff::%'");
        SharedVerifyBuckets bounded = node(Duration.ofDays(10), 2);
        String onePage = "2001:db8:ffff::" + UUID.randomUUID().toString().substring(0, 4);
        String twoPages = "2001:db8:ffff::" + UUID.randomUUID().toString().substring(0, 4);
        String threePages = "2001:db8:ffff::" + UUID.randomUUID().toString().substring(0, 4);
        assertThat(bounded.tryConsume(threePages).isConsumed()).isTrue();
        assertThat(bounded.tryConsume(threePages).isConsumed()).isTrue();
        assertThat(bounded.tryConsume(threePages).isConsumed()).isTrue();
        assertThat(bounded.tryConsume(twoPages).isConsumed()).isTrue();
        assertThat(bounded.tryConsume(twoPages).isConsumed()).isTrue();
        assertThat(bounded.tryConsume(onePage).isConsumed()).isTrue();
        bounded.removeIdle();
        assertThat(hasRow(onePage)).as("closest to full: forgotten first").isFalse();
        assertThat(hasRow(twoPages)).isTrue();
        assertThat(hasRow(threePages)).isTrue();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM " + SharedVerifyBuckets.TABLE, Integer.class)).isEqualTo(2);
        assertThat(bounded.tryConsume(threePages).isConsumed()).as("kept, so still used up").isFalse();
    }
}
