package cn.xueshi.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.xueshi.XueshiApplication;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A database holding a decision that is not FEEL-only (deployed by a build that still evaluated JUEL;
 * simulated by rewriting a deployed resource): the application refuses to start and names the
 * deployment and the resource; once that deployment is gone it starts again.
 */
@Tag("isolated")
@org.junit.jupiter.api.Tag("h2-only") // its own H2 database whichever suite runs it: once, in the H2 suite
class UnsafeDeployedModelStartupTest {

    static final String URL = "jdbc:h2:mem:feel-startup;DB_CLOSE_DELAY=-1";
    static final String[] ARGS = {"--spring.datasource.url=" + URL, "--spring.datasource.username=sa",
            "--spring.datasource.password=", "--server.port=0", "--camunda.bpm.process-engine-name=feelstartup"};

    static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(XueshiApplication.class).profiles("test").run(ARGS);
    }

    @Test
    void theApplicationRefusesToStartOnAnUnsafeDeployedDecision() {
        String deploymentId;
        try (ConfigurableApplicationContext ctx = start()) {
            Deployment d = ctx.getBean(RepositoryService.class).createDeployment().name("older-build")
                    .addString("older.dmn", UnsafeModels.safeTable("older-build")).deploy();
            deploymentId = d.getId();
            String unsafe = UnsafeModels.table("older-build", "", null, null,
                    UnsafeModels.juelExec(Path.of("/tmp/xs-never")));
            assertThat(ctx.getBean(JdbcTemplate.class).update(
                    "UPDATE ACT_GE_BYTEARRAY SET BYTES_ = ? WHERE DEPLOYMENT_ID_ = ? AND NAME_ = ?",
                    unsafe.getBytes(StandardCharsets.UTF_8), deploymentId, "older.dmn")).isEqualTo(1);
        }
        assertThatThrownBy(UnsafeDeployedModelStartupTest::start)
                .hasStackTraceContaining("应用拒绝启动").hasStackTraceContaining(deploymentId)
                .hasStackTraceContaining("older.dmn");
        // the admin removes the deployment (here: straight in the database, as without a running application)
        JdbcTemplate jdbc = new JdbcTemplate(new org.springframework.jdbc.datasource.DriverManagerDataSource(URL, "sa", ""));
        jdbc.update("DELETE FROM ACT_RE_DECISION_DEF WHERE DEPLOYMENT_ID_ = ?", deploymentId);
        jdbc.update("DELETE FROM ACT_RE_DECISION_REQ_DEF WHERE DEPLOYMENT_ID_ = ?", deploymentId);
        jdbc.update("DELETE FROM ACT_GE_BYTEARRAY WHERE DEPLOYMENT_ID_ = ?", deploymentId);
        jdbc.update("DELETE FROM ACT_RE_DEPLOYMENT WHERE ID_ = ?", deploymentId);
        try (ConfigurableApplicationContext ctx = start()) {
            assertThat(DeployedModelCheck.unsafe(ctx.getBean(RepositoryService.class))).isEmpty();
        }
    }
}
