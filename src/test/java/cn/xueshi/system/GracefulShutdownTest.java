package cn.xueshi.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.XueshiApplication;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * Shutting a node down: a request in flight finishes (new connections are refused meanwhile), the job
 * executor stops acquiring, and a job this node had locked is unlocked for the other nodes instead of
 * waiting out its lock time. The slow request is a servlet of the test's own under /api (HTTP Basic as the
 * administrator), registered by hand so no other context picks it up.
 */
@Tag("isolated")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@org.junit.jupiter.api.Tag("h2-only") // its own H2 database whichever suite runs it: once, in the H2 suite
class GracefulShutdownTest {

    static final String DB = "jdbc:h2:mem:graceful-shutdown;DB_CLOSE_DELAY=-1";

    /** Holds its request until the test releases it. */
    static class SlowServlet extends HttpServlet {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            entered.countDown();
            try {
                release.await(2, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            resp.setContentType("text/plain");
            resp.getWriter().write("done");
        }
    }

    final SlowServlet slow = new SlowServlet();
    ConfigurableApplicationContext ctx;

    @AfterEach
    void stop() {
        slow.release.countDown();
        if (ctx != null) {
            ctx.close();
        }
    }

    @Test
    void inFlightRequestFinishesJobExecutorStopsAndThisNodesJobLocksAreReleased() throws Exception {
        ctx = new SpringApplicationBuilder(XueshiApplication.class).profiles("test")
                .initializers(c -> ((GenericApplicationContext) c).registerBean("slowServlet", ServletRegistrationBean.class,
                        () -> new ServletRegistrationBean<>(slow, "/api/test-shutdown/slow")))
                .run("--spring.datasource.url=" + DB, "--spring.datasource.username=sa", "--spring.datasource.password=",
                        "--server.port=0", "--camunda.bpm.job-execution.enabled=true",
                        "--spring.lifecycle.timeout-per-shutdown-phase=60s");
        int port = Integer.parseInt(ctx.getEnvironment().getProperty("local.server.port"));
        ProcessEngineConfigurationImpl engine = (ProcessEngineConfigurationImpl) ctx.getBean(ProcessEngine.class)
                .getProcessEngineConfiguration();
        JobExecutor jobExecutor = engine.getJobExecutor();
        assertThat(jobExecutor.isActive()).isTrue();

        // a job this node's job executor acquired (locked) but has not run: the state acquisition leaves a
        // job in while it waits in the executor's queue (a timer due in an hour, so no one runs it here)
        ctx.getBean(RepositoryService.class).createDeployment().addModelInstance("shutdown-timer.bpmn",
                Bpmn.createExecutableProcess("shutdownTimer").camundaHistoryTimeToLive(1)
                        .startEvent().intermediateCatchEvent().timerWithDuration("PT1H").endEvent().done()).deploy();
        String instance = ctx.getBean(RuntimeService.class).startProcessInstanceByKey("shutdownTimer").getId();
        Job job = ctx.getBean(ManagementService.class).createJobQuery().processInstanceId(instance).singleResult();
        String owner = jobExecutor.getLockOwner();
        engine.getCommandExecutorTxRequired().execute((Command<Void>) cc -> {
            JobEntity entity = cc.getJobManager().findJobById(job.getId());
            entity.setLockOwner(owner);
            entity.setLockExpirationTime(new Date(System.currentTimeMillis() + Duration.ofHours(1).toMillis()));
            return null;
        });
        assertThat(lockOf(job.getId())).isEqualTo(owner);

        // a request in flight when the shutdown begins
        String basic = "Basic " + Base64.getEncoder().encodeToString(
                ("admin:" + ctx.getEnvironment().getProperty("xueshi.admin.password")).getBytes(StandardCharsets.UTF_8));
        HttpClient http = HttpClient.newHttpClient();
        CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/test-shutdown/slow"))
                        .header("Authorization", basic).timeout(Duration.ofMinutes(2)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(slow.entered.await(1, TimeUnit.MINUTES)).isTrue();

        ConfigurableApplicationContext closing = ctx;
        ctx = null;
        CompletableFuture<Void> shutdown = CompletableFuture.runAsync(closing::close);

        // new connections are refused while the request is still being served
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (accepts(port)) {
            assertThat(Instant.now()).as("the connector stops accepting").isBefore(deadline);
            Thread.sleep(100);
        }
        Thread.sleep(500);
        assertThat(shutdown).as("the shutdown waits for the request in flight").isNotDone();

        slow.release.countDown();
        HttpResponse<String> finished = inFlight.get(1, TimeUnit.MINUTES);
        assertThat(finished.statusCode()).isEqualTo(200);
        assertThat(finished.body()).isEqualTo("done");
        shutdown.get(2, TimeUnit.MINUTES);

        assertThat(jobExecutor.isActive()).as("the job executor stopped acquiring").isFalse();
        assertThat(lockOf(job.getId())).as("this node's lock on the job is released").isNull();
        assertThat(lockExpiryOf(job.getId())).isNull();
    }

    /** Whether a fresh connection is accepted and answered ready (a refused connection or a 503: not). */
    static boolean accepts(int port) {
        try {
            HttpResponse<Void> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException refused) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static String lockOf(String jobId) throws Exception {
        return column(jobId, "LOCK_OWNER_");
    }

    static String lockExpiryOf(String jobId) throws Exception {
        return column(jobId, "LOCK_EXP_TIME_");
    }

    /** Straight from the table, also after the application is gone (the in-memory database stays). */
    static String column(String jobId, String column) throws Exception {
        try (Connection c = DriverManager.getConnection(DB, "sa", "");
                PreparedStatement s = c.prepareStatement("select " + column + " from ACT_RU_JOB where ID_ = ?")) {
            s.setString(1, jobId);
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).as("job " + jobId + " exists").isTrue();
                return r.getString(1);
            }
        }
    }
}
