package cn.xueshi.ruleedit;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The typed row editor's bounds and sample items (xueshi.rule-edit.*, application.yml): the numbers are
 * configuration, so Java names no coefficient range.
 */
@ConfigurationProperties("xueshi.rule-edit")
public record RuleEditProperties(BigDecimal min, BigDecimal max, Map<String, BigDecimal> maxByOutput, int sampleCount,
        Map<String, List<BigDecimal>> samples) {

    public RuleEditProperties {
        if (min == null || max == null || min.compareTo(max) > 0) {
            throw new IllegalArgumentException("xueshi.rule-edit.min and max must be set, min <= max");
        }
        maxByOutput = maxByOutput == null ? Map.of() : Map.copyOf(maxByOutput);
        samples = samples == null ? Map.of() : Map.copyOf(samples);
    }

    public BigDecimal maxOf(String output) {
        return maxByOutput.getOrDefault(output, max);
    }

    /** The value of a numeric parameter in the n-th sample item (0-based). */
    public BigDecimal sample(String parameter, int n) {
        List<BigDecimal> values = samples.get(parameter);
        if (values == null || values.isEmpty()) {
            return BigDecimal.valueOf(n + 1L);
        }
        return values.get(Math.min(n, values.size() - 1));
    }
}
