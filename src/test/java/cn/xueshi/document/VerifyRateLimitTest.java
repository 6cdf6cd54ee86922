package cn.xueshi.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import cn.xueshi.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** Issue 12 (Info): /verify is rate limited per client address (xueshi.verify.*), answering 429 with a Chinese page. */
@IntegrationTest
class VerifyRateLimitTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    VerifyProperties verify;

    @Test
    void verificationIsRateLimitedPerClientAddressWithAChinesePage() throws Exception {
        String address = "203.0.113." + (1 + (int) (Math.random() * 250));
        for (int i = 0; i < verify.rateLimit(); i++) {
            int status = mvc.perform(get("/verify/NOSUCHCODE" + i).with(r -> {
                r.setRemoteAddr(address);
                return r;
            })).andReturn().getResponse().getStatus();
            assertThat(status).as("request %d", i + 1).isEqualTo(404);
        }
        // the bucket refills gradually over the period: a few more may pass before the refusal
        org.springframework.mock.web.MockHttpServletResponse limited = null;
        for (int i = 0; i < verify.rateLimit() && limited == null; i++) {
            var r = mvc.perform(get("/verify/NOSUCHCODE").with(q -> {
                q.setRemoteAddr(address);
                return q;
            })).andReturn().getResponse();
            if (r.getStatus() != 404) {
                limited = r;
            }
        }
        assertThat(limited).as("refused within twice the limit").isNotNull();
        assertThat(limited.getStatus()).isEqualTo(429);
        assertThat(limited.getHeader("Retry-After")).isNotBlank();
        assertThat(limited.getContentAsString(StandardCharsets.UTF_8)).contains("核验请求过于频繁", "秒后再试");
        // another address is not affected
        assertThat(mvc.perform(get("/verify/NOSUCHCODE").with(r -> {
            r.setRemoteAddr("198.51.100.7");
            return r;
        })).andReturn().getResponse().getStatus()).isEqualTo(404);
    }
}
