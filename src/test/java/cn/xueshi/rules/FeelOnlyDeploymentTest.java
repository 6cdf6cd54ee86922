package cn.xueshi.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.xueshi.identity.Groups;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.repository.Deployment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every way a decision reaches the process engine is FEEL-only: the repository service, engine-rest
 * {@code deployment/create}, and what is already in the database (the start-up check); and the
 * engine's own DMN engine cannot evaluate JUEL or a script.
 */
@IntegrationTest
class FeelOnlyDeploymentTest {

    @Autowired
    RepositoryService repositoryService;
    @Autowired
    DecisionService decisionService;
    @Autowired
    ProcessEngine processEngine;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestUsers users;
    @LocalServerPort
    int port;

    static List<String> unsafe(String key, Path proof) {
        return List.of(
                UnsafeModels.table(key + "-el", "", null, null, UnsafeModels.juelExec(proof)),
                UnsafeModels.table(key + "-juel", "", null, "juel", "\"ok\""),
                UnsafeModels.table(key + "-js", "", null, "javascript", UnsafeModels.scriptExec(proof)),
                UnsafeModels.table(key + "-groovy", "", null, "groovy", UnsafeModels.scriptExec(proof)),
                UnsafeModels.table(key + "-defs", "expressionLanguage=\"juel\"", null, null, "\"ok\""));
    }

    @Test
    void theRepositoryServiceRefusesADecisionThatIsNotFeelOnly() throws Exception {
        Path proof = UnsafeModels.proofFile();
        String key = "rs" + UUID.randomUUID().toString().substring(0, 8);
        for (String xml : unsafe(key, proof)) {
            long before = repositoryService.createDeploymentQuery().count();
            assertThatThrownBy(() -> repositoryService.createDeployment().name("attack")
                    .addString("attack.dmn", xml).deploy()).as(xml).hasStackTraceContaining("FEEL");
            assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(before);
        }
        assertThat(repositoryService.createDecisionDefinitionQuery().decisionDefinitionKeyLike(key + "%").count()).isZero();
        assertThat(UnsafeModels.created(proof)).isFalse();
    }

    @Test
    void engineRestRefusesADecisionThatIsNotFeelOnly() throws Exception {
        Path proof = UnsafeModels.proofFile();
        String admin = users.user("adm", "管", "理", Groups.ADMIN);
        String key = "er" + UUID.randomUUID().toString().substring(0, 8);
        HttpClient http = HttpClient.newHttpClient();
        for (String xml : unsafe(key, proof)) {
            String boundary = "----xs" + UUID.randomUUID();
            String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nattack\r\n"
                    + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"attack.dmn\"; filename=\"attack.dmn\"\r\n"
                    + "Content-Type: application/xml\r\n\r\n" + xml + "\r\n--" + boundary + "--\r\n";
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/engine-rest/deployment/create"))
                    .header("Authorization", "Basic " + Base64.getEncoder()
                            .encodeToString((admin + ":" + TestUsers.PASSWORD).getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isBetween(400, 599);
        }
        assertThat(repositoryService.createDecisionDefinitionQuery().decisionDefinitionKeyLike(key + "%").count()).isZero();
        assertThat(UnsafeModels.created(proof)).isFalse();
    }

    /** The control: a FEEL-only model goes through the same request. */
    @Test
    void aFeelOnlyDecisionDeploysAndEvaluates() {
        String key = "ok" + UUID.randomUUID().toString().substring(0, 8);
        Deployment d = repositoryService.createDeployment().name("feel").addString("ok.dmn", UnsafeModels.safeTable(key))
                .deploy();
        try {
            Object result = decisionService.evaluateDecisionTableByKey(key, Map.of("x", "a")).getSingleResult()
                    .getSingleEntry();
            assertThat(result).isEqualTo("ok");
        } finally {
            repositoryService.deleteDeployment(d.getId(), true);
        }
    }

    @Test
    void theProcessEnginesDmnEngineIsTheHardenedOne() throws Exception {
        ProcessEngineConfigurationImpl config = (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
        DefaultDmnEngineConfiguration dmn = config.getDmnEngineConfiguration();
        assertThat(dmn.isEnableFeelLegacyBehavior()).isFalse();
        assertThat(dmn.getElProvider()).isInstanceOf(DmnEngines.NoJuel.class);
        assertThat(dmn.getScriptEngineResolver()).isInstanceOf(DmnEngines.NoScripts.class);
        assertThat(dmn.getFeelEngine()).isInstanceOf(CachingFeelEngine.class);
        assertThat(dmn.getDefaultOutputEntryExpressionLanguage()).isEqualTo("feel");

        // a crafted decision that got in (parsed by an unguarded legacy engine) is not evaluated as JUEL or a script
        Path proof = UnsafeModels.proofFile();
        DefaultDmnEngineConfiguration legacyConfig =
                (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
        DmnEngine unguarded = legacyConfig.enableFeelLegacyBehavior(true).buildEngine();
        DmnEngine engine = config.getDmnEngine();
        for (String xml : unsafe("pe", proof)) {
            DmnDecision decision = unguarded.parseDecisions(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
                    .get(0);
            assertThatThrownBy(() -> engine.evaluateDecisionTable(decision, Map.of("x", "a"))).as(xml)
                    .isInstanceOf(RuntimeException.class);
        }
        assertThat(UnsafeModels.created(proof)).isFalse();
    }

    /**
     * A resource deployed by an older build (legacy FEEL) that holds JUEL: the start-up check names
     * its deployment and resource and refuses. Simulated by rewriting a deployed resource's bytes.
     */
    @Test
    void theStartUpCheckRefusesAnUnsafeDeployedResource() {
        assertThat(DeployedModelCheck.unsafe(repositoryService)).as("the shipped and deployed models").isEmpty();
        String key = "su" + UUID.randomUUID().toString().substring(0, 8);
        Deployment d = repositoryService.createDeployment().name("older-build").addString("older.dmn",
                UnsafeModels.safeTable(key)).deploy();
        try {
            String unsafe = UnsafeModels.table(key, "", null, null, UnsafeModels.juelExec(Path.of("/tmp/xs-never")));
            assertThat(jdbc.update("UPDATE ACT_GE_BYTEARRAY SET BYTES_ = ? WHERE DEPLOYMENT_ID_ = ? AND NAME_ = ?",
                    unsafe.getBytes(StandardCharsets.UTF_8), d.getId(), "older.dmn")).isEqualTo(1);
            assertThat(DeployedModelCheck.unsafe(repositoryService)).singleElement()
                    .satisfies(u -> {
                        assertThat(u.deploymentId()).isEqualTo(d.getId());
                        assertThat(u.resourceName()).isEqualTo("older.dmn");
                    });
            assertThatThrownBy(() -> DeployedModelCheck.requireSafe(repositoryService))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("应用拒绝启动").hasMessageContaining(d.getId()).hasMessageContaining("older.dmn")
                    .hasMessageContaining("决策“" + key + "”第 1 行");
        } finally {
            repositoryService.deleteDeployment(d.getId(), true);
        }
        assertThat(DeployedModelCheck.unsafe(repositoryService)).isEmpty();
    }
}
