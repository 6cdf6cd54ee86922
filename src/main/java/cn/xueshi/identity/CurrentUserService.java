package cn.xueshi.identity;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

@Service
public class CurrentUserService {

    private final Directory directory;

    public CurrentUserService(Directory directory) {
        this.directory = directory;
    }

    public CurrentUser load(String userId) {
        return new CurrentUser(userId, directory.displayName(userId), directory.groupsOf(userId),
                directory.unitOf(userId), directory.unitsReviewedBy(userId),
                directory.jurisdictionsOverseenBy(userId));
    }

    /** The signed-in user; callers sit behind authenticated routes. */
    public CurrentUser current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated()) {
            throw new IllegalStateException("no signed-in user");
        }
        return load(auth.getName());
    }
}
