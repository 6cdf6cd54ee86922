package cn.xueshi.identity;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Signs people in against Camunda's identity service, so one account serves the product and
 * Cockpit/Tasklist/Admin. Throttling is the product's ({@link LoginThrottle}, xueshi.login.*): too many
 * failures for an account name or from a client address lock it for a while, and a locked sign-in is refused
 * before the password is checked. Camunda's own lock-out (permanent after N failures) is switched off in
 * application.yml.
 */
@Component
public class CamundaIdentityAuthenticationProvider implements AuthenticationProvider {

    private final IdentityService identityService;
    private final Directory directory;
    private final LoginThrottle throttle;

    public CamundaIdentityAuthenticationProvider(IdentityService identityService, Directory directory,
            LoginThrottle throttle) {
        this.identityService = identityService;
        this.directory = directory;
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String userId = authentication.getName();
        Object credentials = authentication.getCredentials();
        String address = authentication.getDetails() instanceof WebAuthenticationDetails d ? d.getRemoteAddress() : null;
        boolean plausible = userId != null && !userId.isBlank() && credentials != null && userId.length() <= 64;
        throttle.refusal(plausible ? userId : null, address).ifPresent(r -> {
            throw new LoginLockedException(r);
        });
        boolean ok = false;
        if (plausible) {
            try {
                ok = identityService.checkPassword(userId, credentials.toString());
            } catch (RuntimeException e) {
                ok = false;
            }
        }
        if (!ok) {
            throttle.failed(plausible ? userId : null, address).ifPresent(r -> {
                throw new LoginLockedException(r);
            });
            throw new BadCredentialsException("bad credentials");
        }
        throttle.succeeded(userId);
        List<GrantedAuthority> authorities = directory.groupsOf(userId).stream()
                .map(g -> (GrantedAuthority) new SimpleGrantedAuthority(Groups.authority(g)))
                .toList();
        return UsernamePasswordAuthenticationToken.authenticated(userId, null, authorities);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
