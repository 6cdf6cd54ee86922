package cn.xueshi.workbench;

import cn.xueshi.identity.TitleSeriesProperties;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The values of review-routing's titleSeries input for the workbench's completeness check: none ("") and the
 * configured series (xueshi.title-series). {@link PolicyTable} is an enum and cannot be injected, so the configured
 * codes are handed to it once at start; before that (or without Spring) only "" is checked.
 */
@Component
class TitleSeriesDomain {

    private static volatile List<String> values = List.of("");

    TitleSeriesDomain(TitleSeriesProperties properties) {
        List<String> v = new ArrayList<>();
        v.add("");
        v.addAll(properties.titleSeries().keySet());
        values = List.copyOf(v);
    }

    static List<String> values() {
        return values;
    }
}
