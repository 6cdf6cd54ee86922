package cn.xueshi.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.xueshi.XueshiApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** Where the certificate's QR code points: the configured public address, else the request's; production requires it. */
@Tag("isolated")
@org.junit.jupiter.api.Tag("h2-only") // its own H2 database whichever suite runs it: once, in the H2 suite
class PublicBaseUrlTest {

    @AfterEach
    void noRequest() {
        RequestContextHolder.resetRequestAttributes();
    }

    @Test
    void theConfiguredAddressWinsWithoutItsTrailingSlash() {
        assertThat(new PublicBaseUrl("https://xueshi.example.gov.cn/", true).verifyUrl("ABC"))
                .isEqualTo("https://xueshi.example.gov.cn/verify/ABC");
    }

    @Test
    void unsetItIsTheAddressTheRequestCameTo() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/xs/documents/certificate");
        request.setScheme("https");
        request.setServerName("xueshi.intranet");
        request.setServerPort(8443);
        request.setContextPath("/xs");
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
        assertThat(new PublicBaseUrl("", false).verifyUrl("ABC")).isEqualTo("https://xueshi.intranet:8443/xs/verify/ABC");
    }

    @Test
    void requiredButMissingOrNotAnAbsoluteAddressIsRefused() {
        assertThatThrownBy(() -> new PublicBaseUrl(" ", true)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("XUESHI_PUBLIC_BASE_URL");
        assertThatThrownBy(() -> new PublicBaseUrl("xueshi.example.gov.cn", false))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("absolute http(s)");
    }

    @Test
    void thePostgresProfileDoesNotStartWithoutIt() {
        SpringApplicationBuilder app = new SpringApplicationBuilder(XueshiApplication.class)
                .profiles("postgres")
                .properties("camunda.bpm.job-execution.enabled=false");
        assertThatThrownBy(() -> app.run("--spring.datasource.url=jdbc:h2:mem:refuse-base-url;DB_CLOSE_DELAY=-1",
                        "--spring.datasource.username=sa", "--spring.datasource.password=", "--server.port=0",
                        "--xueshi.admin.password=Very-Secret-1", "--xueshi.public-base-url=",
                        "--camunda.bpm.process-engine-name=refusebaseurl"))
                .rootCause().isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("XUESHI_PUBLIC_BASE_URL");
    }
}
