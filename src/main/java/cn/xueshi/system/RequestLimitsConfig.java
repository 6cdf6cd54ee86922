package cn.xueshi.system;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts {@link RequestLimitsInterceptor} in front of every Spring MVC handler (pages and the product API). */
@Configuration
class RequestLimitsConfig implements WebMvcConfigurer {

    private final RequestLimits limits;

    RequestLimitsConfig(RequestLimits limits) {
        this.limits = limits;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new RequestLimitsInterceptor(limits));
    }
}
