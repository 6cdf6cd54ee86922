package cn.xueshi.workbench;

import static cn.xueshi.workbench.WorkbenchFixtures.YUXI;
import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.rules.RecognitionRequest;
import cn.xueshi.rules.RecognitionService;
import cn.xueshi.support.IntegrationTest;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A release that ships a changed rule set does not silently replace the analyst's newer version. */
@IntegrationTest
class ShippedModelGuardTest {

    static final String RATE = "<outputEntry id=\"yx-public-course-1-o-perCount\"><text>5</text></outputEntry>";

    @Autowired
    WorkbenchFixtures fixtures;
    @Autowired
    RuleSetVersions versions;
    @Autowired
    AnalystDeploymentRepository deployments;
    @Autowired
    ShippedModelGuard guard;
    @Autowired
    RepositoryService repository;
    @Autowired
    RecognitionService recognition;
    @Autowired
    RuleAuditRepository audits;

    BigDecimal publicCourseHours() {
        return recognition.evaluate(new RecognitionRequest(YUXI, 2024, List.of(Map.of("activityType", "PUBLIC_COURSE",
                "count", 2)))).items().get(0).hours();
    }

    @Test
    void analystsVersionIsRedeployedOverAChangedShippedModel() throws Exception {
        WorkbenchFixtures.Saved saved = fixtures.save(YUXI);
        try {
            assertThat(saved.xml()).contains(RATE);
            String raised = saved.xml().replace(RATE, RATE.replace("<text>5</text>", "<text>7</text>"));
            String id = versions.deploy(YUXI, raised);
            deployments.save(new AnalystDeployment(YUXI, id, AnalystDeployment.Kind.DEPLOY, null, "wbGuard", "提高学时"));
            Thread.sleep(50);
            // what the process application does on start when the release's dmn/yuxi-2024.dmn differs
            repository.createDeployment().name(RuleSetVersions.SHIPPED_NAME).source("process application")
                    .addString(RuleSetVersions.resource(YUXI), saved.xml().replace("<text>5</text>", "<text>6</text>")).deploy();
            assertThat(versions.versions(YUXI).get(0).source()).isEqualTo("SHIPPED");
            assertThat(publicCourseHours()).isEqualByComparingTo("12");

            guard.keepAnalystVersions();

            assertThat(publicCourseHours()).isEqualByComparingTo("14");
            VersionRow active = versions.versions(YUXI).get(0);
            assertThat(active.source()).isEqualTo("ANALYST");
            assertThat(active.kind()).isEqualTo("KEPT");
            assertThat(active.deployedBy()).isEqualTo("wbGuard");
            assertThat(audits.findByRuleSetOrderByIdDesc(YUXI).get(0).getAction()).isEqualTo("KEPT_OVER_RELEASE");

            int version = versions.activeVersion(YUXI);
            guard.keepAnalystVersions();
            assertThat(versions.activeVersion(YUXI)).isEqualTo(version);
        } finally {
            fixtures.restore(saved);
        }
        assertThat(publicCourseHours()).isEqualByComparingTo("10");
    }
}
