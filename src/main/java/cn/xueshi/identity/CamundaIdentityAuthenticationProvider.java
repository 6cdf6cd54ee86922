package cn.xueshi.identity;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Signs people in against Camunda's identity service, so one account serves the product and
 * Cockpit/Tasklist/Admin. Camunda's own login throttling applies: after a failure the next
 * attempt is delayed, and after too many failures the account is locked until an admin unlocks it.
 */
@Component
public class CamundaIdentityAuthenticationProvider implements AuthenticationProvider {

    private final IdentityService identityService;
    private final Directory directory;

    public CamundaIdentityAuthenticationProvider(IdentityService identityService, Directory directory) {
        this.identityService = identityService;
        this.directory = directory;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String userId = authentication.getName();
        Object credentials = authentication.getCredentials();
        if (userId == null || userId.isBlank() || credentials == null || userId.length() > 64) {
            throw new BadCredentialsException("bad credentials");
        }
        boolean ok;
        try {
            ok = identityService.checkPassword(userId, credentials.toString());
        } catch (RuntimeException e) {
            ok = false;
        }
        if (!ok) {
            throw new BadCredentialsException("bad credentials");
        }
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
