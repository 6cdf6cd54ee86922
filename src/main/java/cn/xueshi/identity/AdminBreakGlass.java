package cn.xueshi.identity;

import org.camunda.bpm.engine.IdentityService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Break-glass for the first administrator (xueshi.admin.username): starting with
 * {@code xueshi.admin.unlock-on-start=true} (XUESHI_ADMIN_UNLOCK_ON_START=true) lifts a sign-in lock on that
 * account, whoever caused it, and records the lift. Sign-ins from xueshi.login.trusted-addresses are the
 * other way in that needs no restart.
 */
@Component
class AdminBreakGlass {

    private static final Logger log = LoggerFactory.getLogger(AdminBreakGlass.class);
    static final String ACTOR = "unlock-on-start";

    private final LoginThrottle throttle;
    private final IdentityService identityService;
    private final AdminProperties admin;
    private final boolean unlockOnStart;

    AdminBreakGlass(LoginThrottle throttle, IdentityService identityService, AdminProperties admin,
            @Value("${xueshi.admin.unlock-on-start:false}") boolean unlockOnStart) {
        this.throttle = throttle;
        this.identityService = identityService;
        this.admin = admin;
        this.unlockOnStart = unlockOnStart;
    }

    @EventListener(ApplicationReadyEvent.class)
    void onStart() {
        if (unlockOnStart) {
            unlockFirstAdmin();
        }
    }

    void unlockFirstAdmin() {
        throttle.unlock(LoginThrottle.Kind.ACCOUNT, admin.username(), ACTOR);
        // a lock Camunda's own throttling left on the account before it was switched off
        identityService.unlockUser(admin.username());
        log.warn("xueshi.admin.unlock-on-start: sign-in lock of the first administrator '{}' lifted; "
                + "remove the flag again", admin.username());
    }
}
