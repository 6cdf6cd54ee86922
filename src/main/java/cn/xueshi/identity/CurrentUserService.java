package cn.xueshi.identity;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/** The signed-in person as the product sees them: groups, unit, reviewed units, overseen jurisdictions. */
@Service
public class CurrentUserService {

    private static final String REQUEST_ATTRIBUTE = CurrentUserService.class.getName() + ".current";

    private final Directory directory;
    private final TransactionTemplate readOnly;

    public CurrentUserService(Directory directory, PlatformTransactionManager transactions) {
        this.directory = directory;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /**
     * The person's name, groups, unit, reviewed units and oversight, read in one read-only transaction (or the
     * caller's): the identity service's queries (engine commands) and the unit reads join it on one connection
     * instead of each taking a connection and committing its own transaction — on every page (issue 16).
     */
    public CurrentUser load(String userId) {
        return readOnly.execute(status -> {
            Directory.Scope scope = directory.scopeOf(userId);
            return new CurrentUser(userId, directory.displayName(userId), directory.groupsOf(userId), scope.unit(),
                    scope.reviewedUnits(), scope.jurisdictions());
        });
    }

    /**
     * The signed-in user; callers sit behind authenticated routes. Resolved once per request: the
     * layout, the controller and the services of one request share one lookup of groups, unit and
     * oversight (kept as a request attribute); outside a request (jobs, tests) it is looked up each time.
     */
    public CurrentUser current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated()) {
            throw new IllegalStateException("no signed-in user");
        }
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request == null) {
            return load(auth.getName());
        }
        if (request.getAttribute(REQUEST_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST) instanceof CurrentUser cached
                && cached.userId().equals(auth.getName())) {
            return cached;
        }
        CurrentUser user = load(auth.getName());
        request.setAttribute(REQUEST_ATTRIBUTE, user, RequestAttributes.SCOPE_REQUEST);
        return user;
    }
}
