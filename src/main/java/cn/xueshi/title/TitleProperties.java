package cn.xueshi.title;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * xueshi.title.*: bounds on what an application may name.
 *
 * @param namedYearsSpan how far back (years, the application year included) a NAMED application may name years
 */
@ConfigurationProperties("xueshi.title")
record TitleProperties(int namedYearsSpan) {
}
