package cn.xueshi.claim;

import cn.xueshi.system.ProcessStartRefused;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Tasklist's own engine API ({@code /camunda/api/engine}, the webapp's JAX-RS application, which takes no
 * exception mapper of ours) answers a start the guard refused as a 500. For the two start calls only
 * ({@code …/start}, {@code …/submit-form}) this filter holds the response body back; when the guard left its
 * refusal on the request it answers 400 with the guard's message in the engine API's error shape instead, and
 * otherwise passes the held body on unchanged.
 */
class StartRefusalFilter extends OncePerRequestFilter {

    private final ObjectMapper json = new ObjectMapper();

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String uri = request.getRequestURI();
        return !"POST".equals(request.getMethod()) || !(uri.endsWith("/start") || uri.endsWith("/submit-form"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HeldResponse held = new HeldResponse(response);
        chain.doFilter(request, held);
        held.flushWriter();
        Object refusal = request.getAttribute(ProcessStartGuard.REFUSAL_ATTRIBUTE);
        if (refusal != null && held.status >= 500) {
            byte[] body = json.writeValueAsBytes(Map.of("type", ProcessStartRefused.class.getSimpleName(),
                    "message", refusal.toString()));
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            response.setContentType("application/json;charset=UTF-8");
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        } else {
            response.setContentLength(held.body.size());
            held.body.writeTo(response.getOutputStream());
        }
    }

    /** Headers and status go through; the body is kept until the chain is done. */
    private static final class HeldResponse extends HttpServletResponseWrapper {

        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private int status = SC_OK;
        private PrintWriter writer;

        HeldResponse(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void setStatus(int sc) {
            status = sc;
            super.setStatus(sc);
        }

        @Override
        public void sendError(int sc) {
            setStatus(sc);
        }

        @Override
        public void sendError(int sc, String msg) {
            setStatus(sc);
        }

        @Override
        public void setContentLength(int len) {
            // set from the held body at the end
        }

        @Override
        public void setContentLengthLong(long len) {
        }

        @Override
        public void flushBuffer() {
        }

        @Override
        public ServletOutputStream getOutputStream() {
            return new ServletOutputStream() {
                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                }

                @Override
                public void write(int b) {
                    body.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    body.write(b, off, len);
                }
            };
        }

        @Override
        public PrintWriter getWriter() {
            if (writer == null) {
                writer = new PrintWriter(new OutputStreamWriter(body, StandardCharsets.UTF_8));
            }
            return writer;
        }

        void flushWriter() {
            if (writer != null) {
                writer.flush();
            }
        }
    }

    @Configuration
    static class Registration {

        @Bean
        FilterRegistrationBean<StartRefusalFilter> tasklistStartRefusal() {
            FilterRegistrationBean<StartRefusalFilter> r = new FilterRegistrationBean<>(new StartRefusalFilter());
            r.setName("tasklist-start-refusal");
            r.addUrlPatterns("/camunda/api/engine/*");
            r.setOrder(202);
            return r;
        }
    }
}
