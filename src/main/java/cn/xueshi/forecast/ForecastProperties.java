package cn.xueshi.forecast;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * xueshi.forecast.*.
 *
 * @param yearEnd the month-day by which a year's hours must be complete ("12-31"), for the days left
 */
@ConfigurationProperties("xueshi.forecast")
record ForecastProperties(String yearEnd) {
}
