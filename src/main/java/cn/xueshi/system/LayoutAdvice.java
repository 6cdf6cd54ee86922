package cn.xueshi.system;

import cn.xueshi.identity.CurrentUser;
import cn.xueshi.identity.CurrentUserService;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Puts the signed-in user (name, unit, scope) into every page model for the layout: the request's one lookup
 * ({@link CurrentUserService#current()}), which the controller and its services then share — a lookup of its own
 * here read the groups, unit, reviewed units and oversight twice on every page (issue 16: five of a unit
 * dashboard's statements).
 */
@ControllerAdvice(annotations = org.springframework.stereotype.Controller.class)
class LayoutAdvice {

    private final CurrentUserService currentUsers;

    LayoutAdvice(CurrentUserService currentUsers) {
        this.currentUsers = currentUsers;
    }

    @ModelAttribute("me")
    CurrentUser me() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken) {
            return null;
        }
        return currentUsers.current();
    }
}
