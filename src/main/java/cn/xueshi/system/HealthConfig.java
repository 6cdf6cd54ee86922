package cn.xueshi.system;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Start-up and shutdown of a node: the start-up gate (503 until ready) and the release of the job locks
 * this node holds when it stops ({@link JobLockRelease}). The health endpoints themselves are Spring Boot
 * Actuator's (management.* in application.yml; permitted in {@link SecurityConfig#actuator}).
 */
@Configuration
public class HealthConfig {

    @Bean
    StartupGate startupGate(MessageSource messages,
            @Value("${xueshi.startup.retry-after:5s}") Duration retryAfter) {
        return new StartupGate(messages, retryAfter);
    }

    /** First of all filters, before Spring Security (-100): a sign-in while starting must not be tried. */
    @Bean
    FilterRegistrationBean<StartupGate> startupGateRegistration(StartupGate gate) {
        FilterRegistrationBean<StartupGate> r = new FilterRegistrationBean<>(gate);
        r.setName("startup-gate");
        r.addUrlPatterns("/*");
        r.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return r;
    }
}
