package cn.xueshi.system;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.UnlockJobCmd;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.spring.components.jobexecutor.SpringJobExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * On shutdown, the job executor of this node stops acquiring and the jobs it holds are handed back.
 * <p>
 * Camunda's job executor locks the jobs it acquires (ACT_RU_JOB.LOCK_OWNER_ = this node's lock owner,
 * LOCK_EXP_TIME_ = now + lock time) and queues them for its threads. Closing the engine stops the
 * acquisition thread, but jobs acquired and not yet executed — queued, or refused by an already stopped
 * thread pool — keep their lock until it expires, so the other nodes of the cluster leave them alone for
 * the whole lock time. Here, after the web server has drained its in-flight requests (a lower phase
 * stops later), the job executor is shut down (no more acquisition; queued batches unlock their jobs
 * themselves, see ExecuteJobsRunnable), the running jobs are given up to one shutdown phase's time to
 * finish, and then every job still locked by this node's lock owner is unlocked with the engine's own
 * {@link UnlockJobCmd} (the command the job executor uses; it bumps the revision, so a late update of a
 * stale copy fails on optimistic locking). If jobs are still running when the time is up, nothing is
 * unlocked: one of those jobs would otherwise run twice; their locks expire as before.
 */
@Component
class JobLockRelease implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JobLockRelease.class);

    private final ProcessEngine engine;
    private final JdbcTemplate jdbc;
    private final Duration waitForRunningJobs;
    private volatile boolean running;

    JobLockRelease(ProcessEngine engine, JdbcTemplate jdbc,
            @Value("${spring.lifecycle.timeout-per-shutdown-phase:30s}") Duration waitForRunningJobs) {
        this.engine = engine;
        this.jdbc = jdbc;
        this.waitForRunningJobs = waitForRunningJobs;
    }

    /** Stops after the web server's graceful shutdown (phases stop from the highest down). */
    @Override
    public int getPhase() {
        return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 1;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public void stop() {
        running = false;
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        JobExecutor executor = configuration.getJobExecutor();
        if (executor == null) {
            return;
        }
        // stops the acquisition thread; the engine's close later finds it inactive and leaves it be
        executor.shutdown();
        if (!awaitIdle(executor)) {
            log.warn("jobs of lock owner {} still running after {}: their locks are left to expire",
                    executor.getLockOwner(), waitForRunningJobs);
            return;
        }
        int released = release(configuration, executor.getLockOwner());
        if (released > 0) {
            log.info("released {} job lock(s) of lock owner {} on shutdown", released, executor.getLockOwner());
        }
    }

    /** Whether the job threads finished what they had (queued batches unlock themselves once inactive). */
    private boolean awaitIdle(JobExecutor executor) {
        if (!(executor instanceof SpringJobExecutor spring)
                || !(spring.getTaskExecutor() instanceof ThreadPoolTaskExecutor pool)) {
            return true; // Camunda's DefaultJobExecutor waits for its own threads in shutdown()
        }
        Instant deadline = Instant.now().plus(waitForRunningJobs);
        while (busy(pool)) {
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private static boolean busy(ThreadPoolTaskExecutor pool) {
        try {
            return pool.getActiveCount() > 0 || pool.getQueueSize() > 0;
        } catch (IllegalStateException notInitialized) {
            return false;
        }
    }

    /** Unlocks every job this node's lock owner still holds; none of them runs any more. */
    int release(ProcessEngineConfigurationImpl configuration, String lockOwner) {
        // the job query has no lock-owner filter: the ids come from the table, the unlocking from the engine
        List<String> ids = jdbc.queryForList(
                "select ID_ from " + configuration.getDatabaseTablePrefix() + "ACT_RU_JOB where LOCK_OWNER_ = ?",
                String.class, lockOwner);
        int released = 0;
        for (String id : ids) {
            try {
                configuration.getCommandExecutorTxRequired().execute(new UnlockJobCmd(id));
                released++;
            } catch (ProcessEngineException goneOrChanged) {
                // deleted or changed meanwhile (e.g. finished by its own thread): nothing left to release
                log.debug("job {} not released: {}", id, goneOrChanged.getMessage());
            }
        }
        return released;
    }
}
