package cn.xueshi.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A 403 from the engine REST API names what was refused: other people's process instances, tasks and
 * definitions ("… 'READ' permission on resource '4711' of type 'ProcessInstance' …"). The engine's exception
 * mappers and several resources write that text themselves, so the body is replaced here, after all of them:
 * whoever is refused gets the same generic message, and the details stay in the server log.
 */
class EngineRestForbiddenFilter extends OncePerRequestFilter {

    private final MessageSource messages;

    EngineRestForbiddenFilter(MessageSource messages) {
        this.messages = messages;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ForbiddenBodyResponse wrapped = new ForbiddenBodyResponse(response);
        chain.doFilter(request, wrapped);
        if (wrapped.forbidden && !response.isCommitted()) {
            String text = messages.getMessage("engineRest.forbidden", null, Locale.SIMPLIFIED_CHINESE) + " / "
                    + messages.getMessage("engineRest.forbidden", null, Locale.ENGLISH);
            byte[] body = ("{\"type\":\"AuthorizationException\",\"message\":\"" + text.replace("\"", "'") + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            response.setContentType("application/json;charset=UTF-8");
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        }
    }

    /** Passes everything through until the status becomes 403; from then on body and length are dropped. */
    private static final class ForbiddenBodyResponse extends HttpServletResponseWrapper {

        private boolean forbidden;
        private ServletOutputStream stream;
        private PrintWriter writer;

        ForbiddenBodyResponse(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void setStatus(int sc) {
            forbidden = sc == SC_FORBIDDEN;
            super.setStatus(sc);
        }

        @Override
        public void sendError(int sc, String msg) throws IOException {
            sendError(sc);
        }

        @Override
        public void sendError(int sc) throws IOException {
            if (sc == SC_FORBIDDEN) {
                // the body is written after the chain; no container error page with the message
                forbidden = true;
                super.setStatus(sc);
            } else {
                super.sendError(sc);
            }
        }

        @Override
        public void setContentLength(int len) {
            if (!forbidden) {
                super.setContentLength(len);
            }
        }

        @Override
        public void setContentLengthLong(long len) {
            if (!forbidden) {
                super.setContentLengthLong(len);
            }
        }

        @Override
        public void setHeader(String name, String value) {
            if (!(forbidden && "Content-Length".equalsIgnoreCase(name))) {
                super.setHeader(name, value);
            }
        }

        @Override
        public void addHeader(String name, String value) {
            if (!(forbidden && "Content-Length".equalsIgnoreCase(name))) {
                super.addHeader(name, value);
            }
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (stream == null) {
                ServletOutputStream real = super.getOutputStream();
                stream = new ServletOutputStream() {
                    @Override
                    public void write(int b) throws IOException {
                        if (!forbidden) {
                            real.write(b);
                        }
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        if (!forbidden) {
                            real.write(b, off, len);
                        }
                    }

                    @Override
                    public void flush() throws IOException {
                        if (!forbidden) {
                            real.flush();
                        }
                    }

                    @Override
                    public void close() throws IOException {
                        if (!forbidden) {
                            real.close();
                        }
                    }

                    @Override
                    public boolean isReady() {
                        return real.isReady();
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {
                        real.setWriteListener(listener);
                    }
                };
            }
            return stream;
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (writer == null) {
                String encoding = getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding();
                writer = new PrintWriter(new OutputStreamWriter(getOutputStream(), encoding));
            }
            return writer;
        }

        @Override
        public void flushBuffer() throws IOException {
            if (!forbidden) {
                super.flushBuffer();
            }
        }
    }
}
