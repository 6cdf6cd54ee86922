package cn.xueshi.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.XueshiApplication;
import cn.xueshi.rules.RecognitionRequest;
import cn.xueshi.rules.RecognitionService;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Restarts the application on the same database: a release whose dmn/ model differs from the last
 * shipped one is deployed on start, yet the analyst's newer version stays active.
 */
@Tag("isolated")
@org.junit.jupiter.api.Tag("h2-only") // its own H2 database whichever suite runs it: once, in the H2 suite
class WorkbenchRestartTest {

    static final String YUXI = "yuxi-2024";
    static final String RATE = "<outputEntry id=\"yx-public-course-1-o-perCount\"><text>5</text></outputEntry>";
    static final String[] ARGS = {"--spring.datasource.url=jdbc:h2:mem:wb-restart;DB_CLOSE_DELAY=-1",
            "--spring.datasource.username=sa", "--spring.datasource.password=", "--server.port=0",
            "--camunda.bpm.process-engine-name=wbrestart"};

    static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(XueshiApplication.class).profiles("test").run(ARGS);
    }

    static BigDecimal hours(ConfigurableApplicationContext ctx) {
        return ctx.getBean(RecognitionService.class).evaluate(new RecognitionRequest(YUXI, 2024,
                List.of(Map.of("activityType", "PUBLIC_COURSE", "count", 2)))).items().get(0).hours();
    }

    @Test
    void restartKeepsTheAnalystsVersion() throws Exception {
        int analystsVersion;
        try (ConfigurableApplicationContext ctx = start()) {
            RuleSetVersions versions = ctx.getBean(RuleSetVersions.class);
            String shipped = versions.activeXml(YUXI);
            assertThat(shipped).contains(RATE);
            // the previous release shipped a rate of 6 ...
            ctx.getBean(RepositoryService.class).createDeployment().name(RuleSetVersions.SHIPPED_NAME)
                    .source("process application").addString(RuleSetVersions.resource(YUXI),
                            shipped.replace(RATE, RATE.replace(">5<", ">6<"))).deploy();
            Thread.sleep(50);
            // ... then an analyst raised it to 7
            String id = versions.deploy(YUXI, shipped.replace(RATE, RATE.replace(">5<", ">7<")));
            ctx.getBean(AnalystDeploymentRepository.class).save(new AnalystDeployment(YUXI, id,
                    AnalystDeployment.Kind.DEPLOY, null, "analyst", "提高到7学时"));
            analystsVersion = versions.activeVersion(YUXI);
            assertThat(hours(ctx)).isEqualByComparingTo("14");
        }
        Thread.sleep(50);
        // this release ships 5 again: it is deployed on start, and must not silently win
        try (ConfigurableApplicationContext ctx = start()) {
            assertThat(hours(ctx)).isEqualByComparingTo("14");
            List<VersionRow> rows = ctx.getBean(RuleSetVersions.class).versions(YUXI);
            assertThat(rows.get(0).version()).isEqualTo(analystsVersion + 2);
            assertThat(rows.get(0).kind()).isEqualTo("KEPT");
            assertThat(rows.get(1).source()).isEqualTo("SHIPPED");
        }
        // an unchanged restart deploys nothing new
        try (ConfigurableApplicationContext ctx = start()) {
            assertThat(hours(ctx)).isEqualByComparingTo("14");
            assertThat(ctx.getBean(RuleSetVersions.class).activeVersion(YUXI)).isEqualTo(analystsVersion + 2);
        }
    }
}
