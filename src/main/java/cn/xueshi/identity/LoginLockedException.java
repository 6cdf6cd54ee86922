package cn.xueshi.identity;

import org.springframework.security.authentication.LockedException;

/** A sign-in refused by a temporary lock ({@link LoginThrottle}); the login page says for how long. */
public class LoginLockedException extends LockedException {

    private final transient LoginThrottle.Refusal refusal;

    public LoginLockedException(LoginThrottle.Refusal refusal) {
        super("sign-in temporarily locked");
        this.refusal = refusal;
    }

    public LoginThrottle.Refusal refusal() {
        return refusal;
    }
}
