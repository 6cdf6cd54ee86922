package cn.xueshi.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;

/**
 * CSRF tokens without a server session for visitors who have none: the login form's token lives in an
 * HttpOnly cookie (double submit: the form field must match it), so viewing /login or /verify/{code}
 * creates no session. Once a session exists (signed in) the token lives in the session as before, shared
 * with the product API's chain, which keeps Spring's session repository.
 */
final class SessionlessCsrfTokenRepository implements CsrfTokenRepository {

    private final HttpSessionCsrfTokenRepository session = new HttpSessionCsrfTokenRepository();
    private final CookieCsrfTokenRepository cookie = new CookieCsrfTokenRepository();

    private CsrfTokenRepository delegate(HttpServletRequest request) {
        return request.getSession(false) != null ? session : cookie;
    }

    @Override
    public CsrfToken generateToken(HttpServletRequest request) {
        return delegate(request).generateToken(request);
    }

    @Override
    public void saveToken(CsrfToken token, HttpServletRequest request, HttpServletResponse response) {
        if (token == null) {
            // sign-in and sign-out drop the token wherever it is
            session.saveToken(null, request, response);
            cookie.saveToken(null, request, response);
            return;
        }
        delegate(request).saveToken(token, request, response);
    }

    /**
     * The session's token when there is one, else the cookie's: a visitor whose session began after the
     * login form was rendered (e.g. by opening a protected page in another tab) can still submit it.
     */
    @Override
    public CsrfToken loadToken(HttpServletRequest request) {
        CsrfToken inSession = request.getSession(false) != null ? session.loadToken(request) : null;
        return inSession != null ? inSession : cookie.loadToken(request);
    }
}
