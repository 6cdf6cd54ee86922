package cn.xueshi.system;

import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.stereotype.Component;

/**
 * Scheduled work of the application, done once per cluster: every {@code @Scheduled} method also carries
 * {@code @SchedulerLock}, so of the nodes whose schedulers fire at the same time only the one that takes
 * the row in {@code shedlock} (V81) runs it. The lock times come from the database's clock
 * ({@code usingDbTime}), so nodes whose clocks differ still agree. The process timers (reminders,
 * escalations, deadlines) are Camunda jobs: the job executor already runs each job on one node.
 */
@Configuration
@EnableScheduling
@EnableSchedulerLock(defaultLockAtMostFor = "${xueshi.cluster.lock-at-most-for:PT10M}")
class ClusterScheduling {

    @Bean
    LockProvider lockProvider(DataSource dataSource) {
        return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .usingDbTime()
                .build());
    }

    /**
     * Deletes expired HTTP sessions. Spring Session's own clean-up (a DELETE on every node each minute:
     * harmless, but N times the work) is off ({@code spring.session.jdbc.cleanup-cron: "-"}); this one runs
     * on one node per {@code xueshi.cluster.session-cleanup-cron}.
     */
    @Component
    static class SessionCleanup {

        private final JdbcIndexedSessionRepository sessions;

        SessionCleanup(JdbcIndexedSessionRepository sessions) {
            this.sessions = sessions;
        }

        @Scheduled(cron = "${xueshi.cluster.session-cleanup-cron}", zone = "${xueshi.time-zone}")
        @SchedulerLock(name = "session-cleanup", lockAtLeastFor = "PT30S")
        public void deleteExpired() {
            sessions.cleanUpExpiredSessions();
        }
    }
}
