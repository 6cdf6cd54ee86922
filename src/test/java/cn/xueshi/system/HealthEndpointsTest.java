package cn.xueshi.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.support.IntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The health probes answer without login with their status only; no other actuator endpoint is reachable
 * anonymously (over real HTTP, as a load balancer calls them).
 */
@IntegrationTest
class HealthEndpointsTest {

    @LocalServerPort
    int port;

    private final HttpClient anonymous = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private HttpResponse<String> send(String method, String path) throws Exception {
        return anonymous.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void healthLivenessAndReadinessAnswerAnonymouslyWithTheStatusOnly() throws Exception {
        for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
            HttpResponse<String> r = send("GET", path);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            // the status, and on /actuator/health the names of the probe groups: no components, no details
            JsonNode json = new ObjectMapper().readTree(r.body());
            assertThat(json.path("status").asText()).as(path).isEqualTo("UP");
            List<String> fields = new java.util.ArrayList<>();
            json.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).as(path + ": " + r.body()).isSubsetOf("status", "groups");
            assertThat(r.headers().firstValue("Set-Cookie")).as(path + " creates no session").isEmpty();
            assertThat(r.headers().firstValue("Content-Security-Policy")).as(path).hasValue(SecurityConfig.CSP);
        }
    }

    @Test
    void noOtherActuatorEndpointIsReachableAnonymously() throws Exception {
        for (String path : List.of("/actuator", "/actuator/info", "/actuator/env", "/actuator/beans",
                "/actuator/configprops", "/actuator/metrics", "/actuator/loggers", "/actuator/mappings",
                "/actuator/heapdump", "/actuator/threaddump", "/actuator/health/db", "/actuator/health/processEngine",
                "/actuator/health/diskSpace")) {
            HttpResponse<String> r = send("GET", path);
            assertThat(r.statusCode()).as(path).isIn(401, 403, 404);
            assertThat(r.body()).as(path).doesNotContain("\"details\"").doesNotContain("\"components\"")
                    .doesNotContain("spring.datasource").doesNotContain("_links");
        }
        assertThat(send("POST", "/actuator/shutdown").statusCode()).isIn(401, 403, 404);
    }

    @Test
    void pagesAreServedOnceReady() throws Exception {
        HttpResponse<String> login = send("GET", "/login");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).doesNotContain("系统正在启动");
    }
}
