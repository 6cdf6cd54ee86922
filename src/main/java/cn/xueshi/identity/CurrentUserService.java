package cn.xueshi.identity;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/** The signed-in person as the product sees them: groups, unit, reviewed units, overseen jurisdictions. */
@Service
public class CurrentUserService {

    private static final String REQUEST_ATTRIBUTE = CurrentUserService.class.getName() + ".current";

    private final Directory directory;

    public CurrentUserService(Directory directory) {
        this.directory = directory;
    }

    public CurrentUser load(String userId) {
        return new CurrentUser(userId, directory.displayName(userId), directory.groupsOf(userId),
                directory.unitOf(userId), directory.unitsReviewedBy(userId),
                directory.jurisdictionsOverseenBy(userId));
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
