package cn.xueshi.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.support.IntegrationTest;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.util.ClassUtils;

/**
 * Scheduled work runs once per cluster: every {@code @Scheduled} method of the application holds a
 * ShedLock lock, two nodes firing at the same moment run the work once, and the session clean-up is
 * such a locked task.
 */
@IntegrationTest
class ClusterSchedulingTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ClusterScheduling.SessionCleanup sessionCleanup;

    @Test
    void everyScheduledMethodOfTheApplicationHoldsAClusterLock() {
        List<String> scheduled = new ArrayList<>();
        List<String> unlocked = new ArrayList<>();
        for (String name : context.getBeanDefinitionNames()) {
            Class<?> type = context.getType(name);
            if (type == null) {
                continue;
            }
            Class<?> target = ClassUtils.getUserClass(type);
            if (!target.getName().startsWith("cn.xueshi.")) {
                continue;
            }
            for (Method m : target.getDeclaredMethods()) {
                if (AnnotatedElementUtils.hasAnnotation(m, Scheduled.class)) {
                    scheduled.add(target.getSimpleName() + "." + m.getName());
                    if (!AnnotatedElementUtils.hasAnnotation(m, SchedulerLock.class)) {
                        unlocked.add(target.getSimpleName() + "." + m.getName());
                    }
                }
            }
        }
        assertThat(scheduled).contains("SessionCleanup.deleteExpired");
        assertThat(unlocked).as("@Scheduled without @SchedulerLock runs on every node").isEmpty();
    }

    @Test
    void twoNodesFiringAtOnceRunTheWorkOnce() throws Exception {
        // two nodes: each its own lock provider on the shared database, the database's clock
        LockingTaskExecutor nodeA = node();
        LockingTaskExecutor nodeB = node();
        LockConfiguration lock = new LockConfiguration(Instant.now(), "test-" + UUID.randomUUID(),
                Duration.ofMinutes(1), Duration.ofSeconds(5));
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> fired = new ArrayList<>();
            for (LockingTaskExecutor node : List.of(nodeA, nodeB)) {
                fired.add(pool.submit(() -> {
                    start.await();
                    node.executeWithLock((Runnable) () -> {
                        runs.incrementAndGet();
                        sleep(500);
                    }, lock);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : fired) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(runs).hasValue(1);
    }

    @Test
    void sessionCleanupDeletesExpiredSessionsOnceAcrossNodes() {
        jdbc.update("DELETE FROM shedlock WHERE name = 'session-cleanup'");
        String first = expiredSession();
        sessionCleanup.deleteExpired();
        assertThat(sessionExists(first)).isFalse();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM shedlock WHERE name = 'session-cleanup'", Integer.class))
                .isEqualTo(1);

        // another node whose scheduler fires in the same minute finds the lock taken and does nothing
        String second = expiredSession();
        sessionCleanup.deleteExpired();
        assertThat(sessionExists(second)).isTrue();
        jdbc.update("DELETE FROM SPRING_SESSION WHERE PRIMARY_ID = ?", second);
        jdbc.update("DELETE FROM shedlock WHERE name = 'session-cleanup'");
    }

    private LockingTaskExecutor node() {
        return new DefaultLockingTaskExecutor(new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration
                .builder().withJdbcTemplate(new JdbcTemplate(dataSource)).usingDbTime().build()));
    }

    private String expiredSession() {
        String id = UUID.randomUUID().toString();
        long past = System.currentTimeMillis() - Duration.ofHours(2).toMillis();
        jdbc.update("INSERT INTO SPRING_SESSION (PRIMARY_ID, SESSION_ID, CREATION_TIME, LAST_ACCESS_TIME, "
                + "MAX_INACTIVE_INTERVAL, EXPIRY_TIME, PRINCIPAL_NAME) VALUES (?, ?, ?, ?, ?, ?, ?)",
                id, UUID.randomUUID().toString(), past, past, 1800, past + 1800_000, "nobody");
        return id;
    }

    private boolean sessionExists(String id) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM SPRING_SESSION WHERE PRIMARY_ID = ?", Integer.class, id) > 0;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
