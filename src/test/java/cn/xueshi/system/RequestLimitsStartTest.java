package cn.xueshi.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/**
 * The caps that were Java constants (items per recognition, the search field's length) are xueshi.limits.*; a value
 * out of range stops the start with a message naming the property.
 */
@org.junit.jupiter.api.Tag("no-database")
class RequestLimitsStartTest {

    @Configuration
    @EnableConfigurationProperties(RequestLimits.class)
    static class Bind {
    }

    final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Bind.class)
            .withPropertyValues("xueshi.limits.min-year=1990", "xueshi.limits.max-year=2100",
                    "xueshi.limits.years-back=5", "xueshi.limits.max-parameter-values=1000",
                    "xueshi.limits.max-parameter-length=20000", "xueshi.limits.max-form-rows=50",
                    "xueshi.limits.max-recognition-items=500", "xueshi.limits.max-search-length=100");

    @Test
    void theConfiguredValuesAreUsed() {
        runner.withPropertyValues("xueshi.limits.max-recognition-items=3", "xueshi.limits.max-search-length=7")
                .run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    assertThat(ctx.getBean(RequestLimits.class).maxRecognitionItems()).isEqualTo(3);
                    assertThat(ctx.getBean(RequestLimits.class).maxSearchLength()).isEqualTo(7);
                });
    }

    @Test
    void outOfRangeValuesStopTheStartNamingTheProperty() {
        for (String[] bad : new String[][] {
                {"xueshi.limits.max-recognition-items=0", "max-recognition-items"},
                {"xueshi.limits.max-search-length=0", "max-search-length"},
                {"xueshi.limits.max-search-length=20001", "max-search-length"},
                {"xueshi.limits.max-form-rows=0", "max-form-rows"},
                {"xueshi.limits.years-back=-1", "years-back"},
                {"xueshi.limits.min-year=2200", "min-year"}}) {
            runner.withPropertyValues(bad[0]).run(ctx -> assertThat(ctx).getFailure()
                    .hasStackTraceContaining("xueshi.limits." + bad[1]));
        }
        assertThatThrownBy(() -> new RequestLimits(1990, 2100, 5, 1000, 20000, 50, 0, 100))
                .hasMessageContaining("xueshi.limits.max-recognition-items must be at least 1");
    }
}
