package cn.xueshi.identity;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Refuses a production start without a real first-administrator password as soon as the configuration is read,
 * before the database is migrated and the engine starts: an operator who forgot XUESHI_ADMIN_PASSWORD learns it in
 * a second, not after a minute of start-up (and nothing is written to the database first). {@link IdentityBootstrap}
 * checks the same again when it runs, for a context started some other way. Registered in META-INF/spring.factories.
 */
public class AdminPasswordCheck implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        boolean demoData = environment.getProperty("xueshi.demo-data.enabled", Boolean.class, false);
        if (demoData) {
            return;
        }
        AdminProperties admin = Binder.get(environment).bind("xueshi.admin", AdminProperties.class)
                .orElse(new AdminProperties(null, null));
        IdentityBootstrap.requireProductionPassword(admin);
    }
}
