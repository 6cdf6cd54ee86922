package cn.xueshi.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The gate answers 503 with the start-up page until readiness is ACCEPTING_TRAFFIC; probes always pass. */
@org.junit.jupiter.api.Tag("no-database")
class StartupGateTest {

    private final StartupGate gate = new StartupGate(messages(), Duration.ofSeconds(5));

    private static StaticMessageSource messages() {
        StaticMessageSource m = new StaticMessageSource();
        m.addMessage("startup.title", WebConfig.DEFAULT_LOCALE, "系统正在启动，请稍候");
        m.addMessage("startup.body", WebConfig.DEFAULT_LOCALE, "稍后自动刷新");
        return m;
    }

    private MockHttpServletResponse post(String uri) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", uri);
        request.addParameter("username", "employee");
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        gate.doFilter(request, response, chain);
        if (chain.getRequest() != null) {
            response.setStatus(299); // reached the rest of the chain
        }
        return response;
    }

    @Test
    void signInWhileStartingGets503AndTheStartingPage() throws Exception {
        MockHttpServletResponse r = post("/login");
        assertThat(r.getStatus()).isEqualTo(503);
        assertThat(r.getHeader("Retry-After")).isEqualTo("5");
        assertThat(r.getHeader("Content-Security-Policy")).isEqualTo(SecurityConfig.CSP);
        assertThat(r.getContentAsString(java.nio.charset.StandardCharsets.UTF_8)).contains("系统正在启动，请稍候");

        assertThat(post("/actuator/health/readiness").getStatus()).as("probes pass the gate").isEqualTo(299);
    }

    @Test
    void gateOpensWhenReadyAndStaysOpen() throws Exception {
        gate.onReadiness(new AvailabilityChangeEvent<>(this, ReadinessState.REFUSING_TRAFFIC));
        assertThat(post("/login").getStatus()).isEqualTo(503);
        gate.onReadiness(new AvailabilityChangeEvent<>(this, ReadinessState.ACCEPTING_TRAFFIC));
        assertThat(post("/login").getStatus()).isEqualTo(299);
        // a shutdown's REFUSING_TRAFFIC is the graceful shutdown's business, not a start-up
        gate.onReadiness(new AvailabilityChangeEvent<>(this, ReadinessState.REFUSING_TRAFFIC));
        assertThat(post("/login").getStatus()).isEqualTo(299);
    }
}
