package cn.xueshi.document;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Rate limit of /verify/** per client address, so the 100-bit codes cannot be guessed at speed and the
 * public page cannot be used to load the database. One token bucket (Bucket4j) per address, refilled
 * greedily over the period; the buckets live in a Caffeine cache bounded by {@code max-clients} and
 * dropped one period after their last use. The address is {@code getRemoteAddr()}: behind a reverse
 * proxy, {@code server.forward-headers-strategy} makes it the client's (X-Forwarded-For from trusted
 * proxies only), otherwise every visitor would share the proxy's bucket.
 */
@Configuration
class VerifyRateLimit implements WebMvcConfigurer, HandlerInterceptor {

    private final VerifyProperties properties;
    private final Cache<String, Bucket> buckets;

    VerifyRateLimit(VerifyProperties properties) {
        this.properties = properties;
        this.buckets = Caffeine.newBuilder()
                .maximumSize(properties.maxClients())
                .expireAfterAccess(properties.ratePeriod())
                .build();
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/verify/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Bucket bucket = buckets.get(request.getRemoteAddr(), address -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(properties.rateLimit())
                        .refillGreedy(properties.rateLimit(), properties.ratePeriod()).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
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
