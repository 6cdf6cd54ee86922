package cn.xueshi.claim;

import cn.xueshi.system.ProcessStartRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.xueshi.identity.Groups;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Processes started only by the application: not startable in Tasklist, and a start by anyone else without the
 * variables and the record the process needs is refused at once with a Chinese message — through the
 * RuntimeService and through engine-rest as an administrator (a 400 with the message, never a 500) — leaving
 * no instance, no history and no incident behind.
 */
@IntegrationTest
class ProcessStartGuardTest {

    static final List<String> APP_PROCESSES = List.of("claim-lifecycle", "makeup-request", "annual-filing", "rule-filing", "title-proof");

    @Autowired
    RuntimeService runtime;
    @Autowired
    RepositoryService repository;
    @Autowired
    HistoryService history;
    @Autowired
    ManagementService management;
    @Autowired
    ClaimFixtures fixtures;
    @Autowired
    TestUsers users;
    @LocalServerPort
    int port;

    private final ObjectMapper json = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"claim-lifecycle", "makeup-request", "annual-filing"})
    void noProcessOfTheApplicationIsStartableInTasklist(String key) {
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion()
                .singleResult().isStartableInTasklist()).isFalse();
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion()
                .startableInTasklist().count()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"claim-lifecycle", "makeup-request", "annual-filing"})
    void aStartWithoutVariablesIsRefusedThroughTheRuntimeService(String key) {
        long[] before = traces(key);
        assertThatThrownBy(() -> runtime.startProcessInstanceByKey(key))
                .isInstanceOf(ProcessStartRefused.class)
                .hasMessageContaining("只能由学时通在办理业务时启动")
                .hasMessageContaining(ProcessStartGuard.CONTRACTS.get(key).recordVariable())
                .hasMessageContaining("未启动任何流程实例");
        assertThat(traces(key)).containsExactly(before);
    }

    @Test
    void everyMissingOrMistypedVariableIsNamed() {
        VariableMap almost = Variables.createVariables().putValue("claimId", "12").putValue("claimant", "x")
                .putValue("ruleSet", "jilin-2026").putValue("unitType", "STATE_OWNED");
        assertThatThrownBy(() -> runtime.startProcessInstanceByKey("claim-lifecycle", almost))
                .isInstanceOf(ProcessStartRefused.class)
                .hasMessageContaining("claimId（编号，Long）")
                .hasMessageContaining("jurisdiction（文本，String）")
                .message().doesNotContain("claimant").doesNotContain("ruleSet");
    }

    @Test
    void peopleAreAListOrACommaSeparatedStringAndNothingElse() {
        // the make-up request's reviewers: a number is refused and named; a string (as the product writes them now)
        // passes the type check and is refused only for the missing record
        VariableMap numberForPeople = Variables.createVariables().putValue("requestId", -4711L)
                .putValue("claimant", "x").putValue("reviewers", 42).putValue("remedy", "MAKEUP")
                .putValue("jurisdiction", "JILIN");
        assertThatThrownBy(() -> runtime.startProcessInstanceByKey("makeup-request", numberForPeople))
                .isInstanceOf(ProcessStartRefused.class).hasMessageContaining("reviewers（人员列表");
        VariableMap stringForPeople = Variables.createVariables().putValue("requestId", -4711L)
                .putValue("claimant", "x").putValue("reviewers", "reviewer1,reviewer2").putValue("remedy", "MAKEUP")
                .putValue("jurisdiction", "JILIN");
        assertThatThrownBy(() -> runtime.startProcessInstanceByKey("makeup-request", stringForPeople))
                .isInstanceOf(ProcessStartRefused.class).message().doesNotContain("reviewers");
    }

    @Test
    void aStartForARecordThatDoesNotExistIsRefused() {
        long[] before = traces("claim-lifecycle");
        assertThatThrownBy(() -> runtime.startProcessInstanceByKey("claim-lifecycle", claimVariables(-4711L)))
                .isInstanceOf(ProcessStartRefused.class)
                .hasMessageContaining("claimId = -4711 不是一条尚未启动流程的业务记录");
        assertThat(traces("claim-lifecycle")).containsExactly(before);
    }

    @Test
    void aSecondInstanceForAClaimTheApplicationAlreadyStartedIsRefused() {
        ClaimFixtures.Setup s = fixtures.jilin();
        Claim claim = fixtures.exchange(s.employee(), 1);
        assertThat(claim.getProcessInstanceId()).isNotNull();
        long[] before = traces("claim-lifecycle");
        assertThatThrownBy(() -> runtime.startProcessInstanceByKey("claim-lifecycle", claimVariables(claim.getId())))
                .isInstanceOf(ProcessStartRefused.class)
                .hasMessageContaining("claimId = " + claim.getId());
        assertThat(traces("claim-lifecycle")).containsExactly(before);
        // the application's own instance goes on as before
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(claim.getProcessInstanceId()).count())
                .isOne();
    }

    @ParameterizedTest
    @ValueSource(strings = {"claim-lifecycle", "makeup-request", "annual-filing"})
    void anAdministratorsStartThroughEngineRestIsA400WithTheMessage(String key) throws Exception {
        String admin = users.user("adm", "管", "理", Groups.ADMIN);
        long[] before = traces(key);
        HttpResponse<String> response = start(admin, key, "{}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode body = json.readTree(response.body());
        assertThat(body.path("type").asText()).isEqualTo("ProcessStartRefused");
        assertThat(body.path("message").asText()).contains("只能由学时通在办理业务时启动")
                .contains(ProcessStartGuard.CONTRACTS.get(key).recordVariable());
        assertThat(traces(key)).containsExactly(before);
    }

    @Test
    void engineRestWithAllVariablesButAForeignClaimIsRefusedToo() throws Exception {
        ClaimFixtures.Setup s = fixtures.jilin();
        Claim claim = fixtures.exchange(s.employee(), 1);
        String admin = users.user("adm", "管", "理", Groups.ADMIN);
        String variables = "{\"variables\":{"
                + "\"claimId\":{\"value\":" + claim.getId() + ",\"type\":\"Long\"},"
                + "\"claimant\":{\"value\":\"" + s.employee() + "\",\"type\":\"String\"},"
                + "\"ruleSet\":{\"value\":\"jilin-2026\",\"type\":\"String\"},"
                + "\"unitType\":{\"value\":\"STATE_OWNED\",\"type\":\"String\"},"
                + "\"jurisdiction\":{\"value\":\"jilin\",\"type\":\"String\"}}}";
        long[] before = traces("claim-lifecycle");
        HttpResponse<String> response = start(admin, "claim-lifecycle", variables);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json.readTree(response.body()).path("message").asText()).contains("claimId = " + claim.getId());
        assertThat(traces("claim-lifecycle")).containsExactly(before);
    }

    /** Tasklist's own engine API (the webapp's, behind the product login and Camunda's XSRF token): 400 too. */
    @ParameterizedTest
    @ValueSource(strings = {"start", "submit-form"})
    void aStartThroughTasklistsOwnApiIsA400WithTheMessage(String call) throws Exception {
        String admin = users.user("adm", "管", "理", Groups.ADMIN);
        java.net.CookieManager cookies = new java.net.CookieManager();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        java.util.regex.Matcher token = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
                .matcher(browser.send(HttpRequest.newBuilder(URI.create(url("/login"))).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
        assertThat(token.find()).isTrue();
        browser.send(HttpRequest.newBuilder(URI.create(url("/login")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + admin + "&password=" + TestUsers.PASSWORD
                        + "&_csrf=" + token.group(1))).build(), HttpResponse.BodyHandlers.ofString());
        // Tasklist's page hands out the XSRF cookie its API checks
        assertThat(browser.send(HttpRequest.newBuilder(URI.create(url("/camunda/app/tasklist/default/"))).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        String xsrf = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                .map(java.net.HttpCookie::getValue).findFirst().orElseThrow();
        long[] before = traces("makeup-request");
        HttpResponse<String> response = browser.send(HttpRequest.newBuilder(URI.create(url(
                        "/camunda/api/engine/engine/default/process-definition/key/makeup-request/" + call)))
                .header("Content-Type", "application/json").header("X-XSRF-TOKEN", xsrf)
                .POST(HttpRequest.BodyPublishers.ofString("{\"variables\":{}}")).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode body = json.readTree(response.body());
        assertThat(body.path("type").asText()).isEqualTo("ProcessStartRefused");
        assertThat(body.path("message").asText()).contains("只能由学时通在办理业务时启动").contains("requestId");
        assertThat(traces("makeup-request")).containsExactly(before);
        // other calls of the same API are passed through untouched
        HttpResponse<String> list = browser.send(HttpRequest.newBuilder(URI.create(url(
                        "/camunda/api/engine/engine/default/process-definition?key=makeup-request&latestVersion=true")))
                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("\"startableInTasklist\":false");
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    @Test
    void everyProcessNamingTheGuardHasAContract() {
        for (String key : APP_PROCESSES) {
            assertThat(ProcessStartGuard.CONTRACTS).containsKey(key);
        }
        assertThat(ProcessStartGuard.CONTRACTS).hasSize(APP_PROCESSES.size());
    }

    private static VariableMap claimVariables(long claimId) {
        return Variables.createVariables().putValue("claimId", claimId).putValue("claimant", "someone")
                .putValue("ruleSet", "jilin-2026").putValue("unitType", "STATE_OWNED")
                .putValue("jurisdiction", "jilin");
    }

    /** Running and historic instances of the key and open incidents: a refused start adds none of them. */
    private long[] traces(String key) {
        return new long[] {
                runtime.createProcessInstanceQuery().processDefinitionKey(key).count(),
                history.createHistoricProcessInstanceQuery().processDefinitionKey(key).count(),
                runtime.createIncidentQuery().count(),
                management.createJobQuery().count()};
    }

    private HttpResponse<String> start(String admin, String key, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/engine-rest/process-definition/key/" + key + "/start"))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((admin + ":" + TestUsers.PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
