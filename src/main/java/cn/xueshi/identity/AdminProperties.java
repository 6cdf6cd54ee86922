package cn.xueshi.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The first administrator (xueshi.admin.*); its password comes from the environment in production. */
@ConfigurationProperties("xueshi.admin")
public record AdminProperties(String username, String password) {
}
