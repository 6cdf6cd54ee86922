package cn.xueshi.identity;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The title series (职称系列) a person may be recorded in (xueshi.title-series: code → Chinese label), the values of
 * review-routing's titleSeries input (青岛 2023 五). Configuration, not a Java enum: an analyst who adds a routing row
 * for another series (e.g. 工程) adds its code here and the row in the policy table, no code change.
 */
@ConfigurationProperties("xueshi")
public record TitleSeriesProperties(Map<String, String> titleSeries) {

    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,39}");

    public TitleSeriesProperties {
        titleSeries = titleSeries == null ? Map.of() : new LinkedHashMap<>(titleSeries);
        titleSeries.forEach((code, label) -> {
            if (!CODE.matcher(code).matches() || label == null || label.isBlank()) {
                throw new IllegalArgumentException("xueshi.title-series: code '" + code
                        + "' must be upper-case letters, digits or _ (at most 40) with a non-blank label");
            }
        });
        titleSeries = java.util.Collections.unmodifiableMap(titleSeries);
    }

    /** Whether {@code code} is a configured series; blank (none) is always allowed. */
    public boolean allows(String code) {
        return code == null || code.isBlank() || titleSeries.containsKey(code);
    }
}
