package cn.xueshi.workbench;

import static cn.xueshi.workbench.WorkbenchFixtures.YUXI;
import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.claim.RegistrationPolicy;
import cn.xueshi.rules.RecognitionRequest;
import cn.xueshi.rules.RecognitionService;
import cn.xueshi.support.IntegrationTest;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A release that ships a changed rule set or policy table does not silently replace the analyst's newer version. */
@IntegrationTest
class ShippedModelGuardTest {

    static final String RATE = "<outputEntry id=\"yx-public-course-1-o-perCount\"><text>5</text></outputEntry>";
    static final String POLICY = "registration-policy";
    static final String CORRECTABLE = "<outputEntry id=\"policy-anhui-2025-o2\"><text>false</text></outputEntry>";

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
    RegistrationPolicy registration;
    @Autowired
    RuleAuditRepository audits;

    /** The analyst deploys {@code analysts}; then the process application starts with a changed shipped model. */
    void analystThenRelease(String key, String analysts, String release, String reason) throws InterruptedException {
        String id = versions.deploy(key, analysts);
        deployments.save(new AnalystDeployment(key, id, AnalystDeployment.Kind.DEPLOY, null, "wbGuard", reason));
        Thread.sleep(50);
        repository.createDeployment().name(RuleSetVersions.SHIPPED_NAME).source("process application")
                .addString(RuleSetVersions.resource(key), release).deploy();
        assertThat(versions.versions(key).get(0).source()).isEqualTo("SHIPPED");
    }

    void assertKept(String key) {
        VersionRow active = versions.versions(key).get(0);
        assertThat(active.source()).isEqualTo("ANALYST");
        assertThat(active.kind()).isEqualTo("KEPT");
        assertThat(active.deployedBy()).isEqualTo("wbGuard");
        assertThat(audits.findByRuleSetOrderByIdDesc(key).get(0).getAction()).isEqualTo("KEPT_OVER_RELEASE");
    }

    BigDecimal publicCourseHours() {
        return recognition.evaluate(new RecognitionRequest(YUXI, 2024, List.of(Map.of("activityType", "PUBLIC_COURSE",
                "count", 2)))).items().get(0).hours();
    }

    @Test
    void analystsVersionIsRedeployedOverAChangedShippedModel() throws Exception {
        WorkbenchFixtures.Saved saved = fixtures.save(YUXI);
        try {
            assertThat(saved.xml()).contains(RATE);
            analystThenRelease(YUXI, saved.xml().replace(RATE, RATE.replace("<text>5</text>", "<text>7</text>")),
                    saved.xml().replace("<text>5</text>", "<text>6</text>"), "提高学时");
            assertThat(publicCourseHours()).isEqualByComparingTo("12");

            guard.keepAnalystVersions();

            assertThat(publicCourseHours()).isEqualByComparingTo("14");
            assertKept(YUXI);

            int version = versions.activeVersion(YUXI);
            guard.keepAnalystVersions();
            assertThat(versions.activeVersion(YUXI)).isEqualTo(version);
        } finally {
            fixtures.restore(saved);
        }
        assertThat(publicCourseHours()).isEqualByComparingTo("10");
    }

    @Test
    void analystsVersionOfAPolicyTableIsRedeployedOverAChangedShippedOne() throws Exception {
        WorkbenchFixtures.Saved saved = fixtures.save(POLICY);
        try {
            assertThat(saved.xml()).contains(CORRECTABLE);
            analystThenRelease(POLICY, saved.xml().replace(CORRECTABLE, CORRECTABLE.replace("false", "true")),
                    saved.xml().replace("按学习活动逐项登记", "按学习活动逐项登记。"), "安徽允许退回修改");
            assertThat(registration.of("anhui-2025").correctable()).isFalse();

            guard.keepAnalystVersions();

            assertThat(registration.of("anhui-2025").correctable()).isTrue();
            assertKept(POLICY);
        } finally {
            fixtures.restore(saved);
        }
        assertThat(registration.of("anhui-2025").correctable()).isFalse();
    }
}
