package cn.xueshi.hierarchy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How a department's or unit's own activity type (本级新增活动类型) is counted (xueshi.hierarchy.own-types.*): each
 * unit of measure the form offers names the parameter the employee fills in ({@code count}, {@code hours}, …) and the
 * item column its rate goes in ({@code perCount}, {@code perHour}, …): the formula terms of the reference sets' rows,
 * so an own type is priced by the same mechanism. Analysts add a measure here, not in Java.
 */
@ConfigurationProperties("xueshi.hierarchy.own-types")
public record OwnTypeProperties(Map<String, String> measures) {

    public OwnTypeProperties {
        if (measures == null || measures.isEmpty()) {
            throw new IllegalArgumentException("xueshi.hierarchy.own-types.measures must name at least one measure");
        }
        measures = new LinkedHashMap<>(measures);
    }
}
