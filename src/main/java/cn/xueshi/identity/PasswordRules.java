package cn.xueshi.identity;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.identity.PasswordPolicy;
import org.camunda.bpm.engine.identity.PasswordPolicyRule;
import org.camunda.bpm.engine.impl.identity.PasswordPolicyLengthRuleImpl;
import org.camunda.bpm.engine.impl.identity.PasswordPolicyUserDataRuleImpl;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The password policy of /account/password, as a Camunda {@link PasswordPolicy} so that Camunda's rules and
 * IdentityService.checkPasswordAgainstPolicy do the checking: at least xueshi.password.min-length characters,
 * no user id, name or e-mail in it, and not on the shipped list of common passwords
 * (identity/weak-passwords.txt). Not switched on engine-wide (enablePasswordPolicy), because demo and test
 * accounts are seeded with short passwords; people change passwords only on the product's page.
 */
@Component
public class PasswordRules implements PasswordPolicy {

    static final String WEAK_LIST = "identity/weak-passwords.txt";
    public static final String WEAK = "XUESHI_PASSWORD_WEAK";

    private final int minLength;
    private final int maxLength;
    private final Set<String> weak;

    PasswordRules(@Value("${xueshi.password.min-length:10}") int minLength,
            @Value("${xueshi.password.max-length:128}") int maxLength) throws IOException {
        if (minLength < 1 || maxLength < minLength) {
            throw new IllegalArgumentException("xueshi.password.min-length must be 1..max-length");
        }
        this.minLength = minLength;
        this.maxLength = maxLength;
        try (InputStream in = new ClassPathResource(WEAK_LIST).getInputStream()) {
            this.weak = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::trim)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).map(l -> l.toLowerCase(Locale.ROOT))
                    .collect(Collectors.toUnmodifiableSet());
        }
    }

    public int minLength() {
        return minLength;
    }

    public int maxLength() {
        return maxLength;
    }

    boolean isWeak(String password) {
        return weak.contains(password.toLowerCase(Locale.ROOT));
    }

    @Override
    public List<PasswordPolicyRule> getRules() {
        return List.of(new PasswordPolicyLengthRuleImpl(minLength), new PasswordPolicyUserDataRuleImpl(),
                new PasswordPolicyRule() {
                    @Override
                    public String getPlaceholder() {
                        return WEAK;
                    }

                    @Override
                    public Map<String, String> getParameters() {
                        return Map.of();
                    }

                    @Override
                    public boolean execute(String password) {
                        return !isWeak(password);
                    }
                });
    }

    /** The message key of a violated rule, for the error next to the field. */
    public static String messageKey(PasswordPolicyRule rule) {
        return switch (rule.getPlaceholder()) {
            case PasswordPolicyLengthRuleImpl.PLACEHOLDER -> "account.password.error.tooShort";
            case PasswordPolicyUserDataRuleImpl.PLACEHOLDER -> "account.password.error.userName";
            default -> "account.password.error.weak";
        };
    }
}
