package cn.xueshi.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every request parameter (form fields, the text fields of a multipart form, the query) is read without
 * {@link UnstorableCharacters}, for every page and API alike, so no controller has to remember it. The parameters
 * are read lazily, after the character encoding is set, and once per request.
 */
@Component
class UnstorableCharacterFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(new Stripped(request), response);
    }

    private static final class Stripped extends HttpServletRequestWrapper {

        private Map<String, String[]> parameters;

        Stripped(HttpServletRequest request) {
            super(request);
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            if (parameters == null) {
                Map<String, String[]> stripped = new LinkedHashMap<>();
                super.getParameterMap().forEach((name, values) -> {
                    String[] kept = new String[values.length];
                    for (int i = 0; i < values.length; i++) {
                        kept[i] = UnstorableCharacters.strip(values[i]);
                    }
                    stripped.put(UnstorableCharacters.strip(name), kept);
                });
                parameters = Collections.unmodifiableMap(stripped);
            }
            return parameters;
        }

        @Override
        public String getParameter(String name) {
            String[] values = getParameterMap().get(name);
            return values == null || values.length == 0 ? null : values[0];
        }

        @Override
        public String[] getParameterValues(String name) {
            String[] values = getParameterMap().get(name);
            return values == null ? null : values.clone();
        }

        @Override
        public java.util.Enumeration<String> getParameterNames() {
            return Collections.enumeration(getParameterMap().keySet());
        }
    }
}
