package cn.xueshi.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.claim.RegistrationPolicy;
import cn.xueshi.support.IntegrationTest;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A release that ships a changed policy table does not silently replace the analyst's newer version either. */
@IntegrationTest
class PolicyShippedModelGuardTest {

    static final String KEY = "registration-policy";
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
    RegistrationPolicy registration;
    @Autowired
    RuleAuditRepository audits;

    @Test
    void analystsVersionOfAPolicyTableIsRedeployedOverAChangedShippedOne() throws Exception {
        WorkbenchFixtures.Saved saved = fixtures.save(KEY);
        try {
            assertThat(saved.xml()).contains(CORRECTABLE);
            String analysts = saved.xml().replace(CORRECTABLE, CORRECTABLE.replace("false", "true"));
            String id = versions.deploy(KEY, analysts);
            deployments.save(new AnalystDeployment(KEY, id, AnalystDeployment.Kind.DEPLOY, null, "wbGuard", "安徽允许退回修改"));
            Thread.sleep(50);
            // what the process application does on start when the release's dmn/registration-policy.dmn differs
            repository.createDeployment().name(RuleSetVersions.SHIPPED_NAME).source("process application")
                    .addString(RuleSetVersions.resource(KEY), saved.xml().replace("按学习活动逐项登记", "按学习活动逐项登记。")).deploy();
            assertThat(versions.versions(KEY).get(0).source()).isEqualTo("SHIPPED");
            assertThat(registration.of("anhui-2025").correctable()).isFalse();

            guard.keepAnalystVersions();

            assertThat(registration.of("anhui-2025").correctable()).isTrue();
            VersionRow active = versions.versions(KEY).get(0);
            assertThat(active.source()).isEqualTo("ANALYST");
            assertThat(active.kind()).isEqualTo("KEPT");
            assertThat(audits.findByRuleSetOrderByIdDesc(KEY).get(0).getAction()).isEqualTo("KEPT_OVER_RELEASE");
        } finally {
            fixtures.restore(saved);
        }
        assertThat(registration.of("anhui-2025").correctable()).isFalse();
    }
}
