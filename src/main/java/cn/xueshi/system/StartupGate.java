package cn.xueshi.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;

/**
 * Until the application is ready the first time, every request but the health probes gets 503 and a page
 * saying the system is starting. Tomcat listens as soon as the context is refreshed, but the demo
 * directory, demo claims and the start-up repairs run after that (application runners); a sign-in
 * then failed as "wrong password" because the person did not exist yet. Spring Boot publishes
 * ACCEPTING_TRAFFIC after the last application runner and ApplicationReadyEvent listener, so this
 * gate opens exactly when /actuator/health/readiness turns UP. It never closes again: a shutdown
 * is Tomcat's graceful shutdown's business (in-flight requests finish, new connections are refused).
 * Registered before Spring Security's filter chain, so a POST /login never reaches authentication.
 */
public class StartupGate extends OncePerRequestFilter {

    private final MessageSource messages;
    private final String retryAfterSeconds;
    private volatile boolean open;

    public StartupGate(MessageSource messages, java.time.Duration retryAfter) {
        this.messages = messages;
        this.retryAfterSeconds = Long.toString(Math.max(1, retryAfter.toSeconds()));
    }

    @EventListener
    public void onReadiness(AvailabilityChangeEvent<ReadinessState> event) {
        if (event.getState() == ReadinessState.ACCEPTING_TRAFFIC) {
            open = true;
        }
    }

    public boolean isOpen() {
        return open;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // the probes must answer (OUT_OF_SERVICE) while the gate is shut
        return open || request.getRequestURI().startsWith(request.getContextPath() + "/actuator/health");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Locale locale = "en".equalsIgnoreCase(request.getParameter("lang")) ? Locale.ENGLISH : WebConfig.DEFAULT_LOCALE;
        String title = HtmlUtils.htmlEscape(messages.getMessage("startup.title", null, locale));
        String body = HtmlUtils.htmlEscape(messages.getMessage("startup.body", null, locale));
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        response.setHeader("Retry-After", retryAfterSeconds);
        response.setHeader("Cache-Control", "no-store");
        // the product's headers, which Spring Security would otherwise add: this page comes before it
        response.setHeader("Content-Security-Policy", SecurityConfig.CSP);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "SAMEORIGIN");
        response.setContentType("text/html;charset=UTF-8");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        PrintWriter out = response.getWriter();
        out.write("<!DOCTYPE html><html lang=\"" + locale.toLanguageTag() + "\"><head><meta charset=\"UTF-8\">"
                + "<meta http-equiv=\"refresh\" content=\"" + retryAfterSeconds + "\">"
                + "<title>" + title + "</title></head><body><h1>" + title + "</h1><p>" + body + "</p></body></html>");
    }
}
