package cn.xueshi.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * One check in front of every page and API handler, so no controller can forget it:
 * <ul>
 * <li>no request parameter repeats more than {@code max-parameter-values} times and no parameter or
 * path variable is longer than {@code max-parameter-length};</li>
 * <li>every year a handler takes directly ({@code @RequestParam}/{@code @PathVariable} whose name says
 * "year") lies within {@code min-year}..{@code max-year}.</li>
 * </ul>
 * Years inside form objects are checked by the forms' own validation, which puts the message next to
 * the field; JSON bodies by the API itself.
 */
class RequestLimitsInterceptor implements HandlerInterceptor {

    private static final ParameterNameDiscoverer NAMES = new DefaultParameterNameDiscoverer();
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");

    private final RequestLimits limits;

    RequestLimitsInterceptor(RequestLimits limits) {
        this.limits = limits;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        for (Map.Entry<String, String[]> p : request.getParameterMap().entrySet()) {
            checkLength(p.getKey(), p.getKey());
            if (p.getValue().length > limits.maxParameterValues()) {
                throw RequestOutOfLimits.tooMany(p.getKey(), limits);
            }
            for (String v : p.getValue()) {
                checkLength(p.getKey(), v);
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, String> pathVariables =
                (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        for (MethodParameter parameter : method.getMethodParameters()) {
            String name = boundName(parameter);
            if (name == null || !name.toLowerCase(Locale.ROOT).contains("year")) {
                continue;
            }
            String raw = parameter.hasParameterAnnotation(PathVariable.class)
                    ? (pathVariables == null ? null : pathVariables.get(name))
                    : request.getParameter(name);
            checkYear(name, raw);
        }
        if (pathVariables != null) {
            pathVariables.forEach(this::checkLength);
        }
        return true;
    }

    private void checkLength(String name, String value) {
        if (value != null && value.length() > limits.maxParameterLength()) {
            throw RequestOutOfLimits.tooLong(name, limits);
        }
    }

    /** A whole number beyond the bounds is refused here; anything else is left to type conversion (400). */
    private void checkYear(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return;
        }
        String s = raw.strip();
        if (!INTEGER.matcher(s).matches()) {
            return;
        }
        boolean inRange;
        try {
            inRange = limits.yearAllowed(Long.parseLong(s));
        } catch (NumberFormatException tooManyDigits) {
            inRange = false;
        }
        if (!inRange) {
            throw RequestOutOfLimits.year(name, s, limits);
        }
    }

    /** The name a handler parameter is bound from, when it is a request parameter or path variable. */
    private static String boundName(MethodParameter parameter) {
        parameter.initParameterNameDiscovery(NAMES);
        RequestParam rp = parameter.getParameterAnnotation(RequestParam.class);
        if (rp != null) {
            String n = !rp.name().isEmpty() ? rp.name() : rp.value();
            return n.isEmpty() ? parameter.getParameterName() : n;
        }
        PathVariable pv = parameter.getParameterAnnotation(PathVariable.class);
        if (pv != null) {
            String n = !pv.name().isEmpty() ? pv.name() : pv.value();
            return n.isEmpty() ? parameter.getParameterName() : n;
        }
        return null;
    }
}
