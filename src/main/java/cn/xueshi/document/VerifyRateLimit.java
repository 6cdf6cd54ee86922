package cn.xueshi.document;

import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Rate limit of /verify/** per client address, so the 100-bit codes cannot be guessed at speed and the
 * public page cannot be used to load the database. One token bucket (Bucket4j) per address, refilled
 * greedily over the period: in PostgreSQL for the whole cluster ({@link SharedVerifyBuckets}), on H2 (one node)
 * in memory ({@link LocalVerifyBuckets}); either way at most {@code max-clients} addresses are remembered. The
 * address is {@code getRemoteAddr()}: behind a reverse proxy, {@code server.forward-headers-strategy} makes it the client's (X-Forwarded-For from trusted
 * proxies only), otherwise every visitor would share the proxy's bucket.
 */
@Configuration
class VerifyRateLimit implements WebMvcConfigurer, HandlerInterceptor {

    private final VerifyBuckets buckets;

    VerifyRateLimit(ObjectProvider<VerifyBuckets> shared, VerifyProperties properties) {
        this.buckets = shared.getIfAvailable(() -> new LocalVerifyBuckets(properties));
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/verify/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        ConsumptionProbe probe = buckets.tryConsume(request.getRemoteAddr());
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds());
            throw new TooManyVerifications(seconds);
        }
        return true;
    }

    /** Answered by {@link VerifyController} with status 429 and a Chinese page. */
    static class TooManyVerifications extends RuntimeException {
        final long retryAfterSeconds;

        TooManyVerifications(long retryAfterSeconds) {
            super("too many verifications from one address");
            this.retryAfterSeconds = retryAfterSeconds;
        }
    }
}
