package cn.xueshi.system;

import cn.xueshi.identity.CamundaIdentityAuthenticationProvider;
import cn.xueshi.identity.Groups;
import cn.xueshi.identity.LoginLockedException;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.ContainerBasedAuthenticationProvider;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.http.HttpMethod;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Four doors, one user store (Camunda identity), and the anonymous health probes:
 * the engine REST API (HTTP Basic, camunda-admin and read-only integration accounts only, Camunda authorization
 * checks), the product API (Basic or session),
 * the Camunda webapps (camunda-admin only, single sign-on from the product login) and the product pages.
 * Path-pattern matchers throughout: /engine-rest is a Jersey servlet, not a Spring MVC handler.
 */
@Configuration
@EnableWebSecurity
public class SecurityConfig {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

    private static RequestMatcher path(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }

    @Bean
    AuthenticationManager authenticationManager(CamundaIdentityAuthenticationProvider provider) {
        return new ProviderManager(provider);
    }

    /**
     * Health probes for load balancers and orchestrators: /actuator/health (status only) and its liveness and
     * readiness groups answer without login; any other actuator path is refused (only health is exposed anyway).
     */
    @Bean
    @Order(0)
    SecurityFilterChain actuator(HttpSecurity http) throws Exception {
        http.securityMatcher(path("/actuator/**"))
                .authorizeHttpRequests(a -> a
                        .requestMatchers(path("/actuator/health"), path("/actuator/health/liveness"),
                                path("/actuator/health/readiness"))
                        .permitAll()
                        .anyRequest().denyAll())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(CSP)));
        return http.build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain engineRest(HttpSecurity http, AuthenticationManager am) throws Exception {
        // People act only through the product: the engine API would let a task holder rewrite any process
        // variable. camunda-admin may do everything; integration accounts may read (GET), within their
        // Camunda authorizations; everyone else is refused.
        realm(http.securityMatcher(path("/engine-rest/**")), am)
                .authorizeHttpRequests(a -> a
                        .requestMatchers(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, "/engine-rest/**"))
                        .hasAnyRole(Groups.ADMIN, Groups.INTEGRATION)
                        .anyRequest().hasRole(Groups.ADMIN))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable());
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain productApi(HttpSecurity http, AuthenticationManager am) throws Exception {
        realm(http.securityMatcher(path("/api/**")), am)
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                // CSRF protects calls that ride on a browser session; a Basic-authenticated or
                // session-less call has nothing to forge and gets its 401 from authentication
                .csrf(c -> c.ignoringRequestMatchers(
                        r -> r.getHeader("Authorization") != null || r.getRequestedSessionId() == null));
        return http.build();
    }

    private static HttpSecurity realm(HttpSecurity http, AuthenticationManager am) throws Exception {
        BasicAuthenticationEntryPoint entryPoint = new BasicAuthenticationEntryPoint();
        entryPoint.setRealmName("xueshitong");
        entryPoint.afterPropertiesSet();
        return http.authenticationManager(am)
                .httpBasic(b -> b.authenticationEntryPoint(entryPoint))
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint))
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(CSP)));
    }

    @Bean
    @Order(3)
    SecurityFilterChain camundaWebapps(HttpSecurity http, AuthenticationManager am) throws Exception {
        http.securityMatcher(path("/camunda/**"))
                .authenticationManager(am)
                .authorizeHttpRequests(a -> a.anyRequest().hasRole(Groups.ADMIN))
                .formLogin(f -> f.loginPage("/login"))
                // the webapps bring their own CSRF protection and content security policy
                .csrf(c -> c.disable())
                .headers(h -> h.frameOptions(f -> f.sameOrigin()));
        return http.build();
    }

    @Bean
    @Order(4)
    SecurityFilterChain pages(HttpSecurity http, AuthenticationManager am) throws Exception {
        http.authenticationManager(am)
                .authorizeHttpRequests(a -> a
                        .requestMatchers(path("/login"), path("/error"), path("/error/**"), path("/webjars/**"),
                                path("/css/**"), path("/js/**"), path("/img/**"), path("/favicon.ico"),
                                path("/verify/**"))
                        .permitAll()
                        .requestMatchers(path("/admin/**")).hasRole(Groups.ADMIN)
                        .requestMatchers(path("/workbench/**")).hasAnyRole(Groups.ANALYST, Groups.ADMIN)
                        .requestMatchers(path("/review/**")).hasAnyRole(Groups.REVIEWER, Groups.BUREAU)
                        // 职称系列: a unit's reviewers for its members, administrators for anyone (the page checks which)
                        .requestMatchers(path("/people/**")).hasAnyRole(Groups.REVIEWER, Groups.ADMIN)
                        .requestMatchers(path("/filing/**")).hasAnyRole(Groups.REVIEWER, Groups.BUREAU)
                        .requestMatchers(path("/makeup/unit"), path("/makeup/review/**")).hasRole(Groups.REVIEWER)
                        .requestMatchers(path("/dashboard/**")).hasAnyRole(Groups.SUPERVISOR, Groups.BUREAU, Groups.ADMIN)
                        .anyRequest().authenticated())
                .formLogin(f -> f.loginPage("/login").successHandler(new TaskLinkLoginSuccess())
                        .failureHandler(SecurityConfig::loginFailed))
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout")
                        .deleteCookies("JSESSIONID").invalidateHttpSession(true))
                .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
                // anonymous views of /login and /verify/** create no server session (issue 12)
                .csrf(c -> c.csrfTokenRepository(new SessionlessCsrfTokenRepository()))
                .headers(h -> h
                        .contentSecurityPolicy(c -> c.policyDirectives(CSP))
                        .referrerPolicy(r -> r.policy(
                                org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter
                                        .ReferrerPolicy.SAME_ORIGIN))
                        .frameOptions(f -> f.sameOrigin()));
        return http.build();
    }

    /**
     * A wrong password goes back to /login?error; a temporary lock to /login?locked=minutes&by=account|address,
     * so the page can say for how long (in the URL: the login page keeps no session).
     */
    private static void loginFailed(jakarta.servlet.http.HttpServletRequest request,
            jakarta.servlet.http.HttpServletResponse response,
            org.springframework.security.core.AuthenticationException e) throws java.io.IOException {
        String target = e instanceof LoginLockedException locked
                ? "/login?locked=" + locked.refusal().minutes() + "&by="
                        + locked.refusal().kind().name().toLowerCase(java.util.Locale.ROOT)
                : "/login?error";
        new org.springframework.security.web.DefaultRedirectStrategy().sendRedirect(request, response, target);
    }

    /** Camunda authorization checks on /engine-rest use the user Spring Security authenticated. */
    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
        FilterRegistrationBean<ProcessEngineAuthenticationFilter> r =
                new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        r.setName("camunda-rest-auth");
        r.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
                ContainerBasedAuthenticationProvider.class.getName());
        r.addUrlPatterns("/engine-rest/*");
        r.setOrder(201);
        return r;
    }

    /** A 403 from the engine API gets a generic text instead of the names of other people's instances. */
    @Bean
    FilterRegistrationBean<EngineRestForbiddenFilter> engineRestForbiddenText(
            org.springframework.context.MessageSource messages) {
        FilterRegistrationBean<EngineRestForbiddenFilter> r =
                new FilterRegistrationBean<>(new EngineRestForbiddenFilter(messages));
        r.setName("engine-rest-forbidden-text");
        r.addUrlPatterns("/engine-rest/*");
        // after Spring Security (its own 403 carries no detail) and before the engine's authentication filter
        r.setOrder(200);
        return r;
    }

    /** Single sign-on into Cockpit/Tasklist/Admin for the signed-in camunda-admin. */
    @Bean
    FilterRegistrationBean<ContainerBasedAuthenticationFilter> webappAuthentication() {
        FilterRegistrationBean<ContainerBasedAuthenticationFilter> r =
                new FilterRegistrationBean<>(new ContainerBasedAuthenticationFilter());
        r.setName("camunda-webapp-sso");
        r.addInitParameter("authentication-provider", ContainerBasedAuthenticationProvider.class.getName());
        r.addUrlPatterns("/camunda/*");
        r.setOrder(201);
        return r;
    }
}
