package cn.xueshi.system;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Bounds on what a caller controls (xueshi.limits.*): the years a URL or API body may name, how many
 * values one parameter may carry and how long one value may be. Crafted values beyond them get a 400
 * with a Chinese message instead of reaching a loop or a query (a year of −50,000,000 once built a
 * list of 50 million years and killed the server).
 *
 * @param minYear        the earliest year any page, download or API call accepts
 * @param maxYear        the latest such year
 * @param yearsBack      how many years before the current one the year selectors offer
 * @param maxParameterValues how many values one request parameter may repeat (e.g. taskIds of a batch)
 * @param maxParameterLength the longest single parameter value (characters); fields have their own,
 *                       smaller limits with messages next to them, this one stops crafted requests
 * @param maxFormRows    the most rows a form's list takes (e.g. the activities of one claim); a crafted
 *                       index beyond it (items[999]) is a 400, not a list grown to that size
 * @param maxRecognitionItems the most activities one recognition (POST /api/recognition, a claim, an import row
 *                       set) evaluates at once; more is refused with a message naming both counts
 * @param maxSearchLength the longest name or code fragment a search field takes (the overview's 各单位 table)
 * Out-of-range values stop the start with a message naming the property.
 */
@ConfigurationProperties("xueshi.limits")
public record RequestLimits(int minYear, int maxYear, int yearsBack, int maxParameterValues, int maxParameterLength,
        int maxFormRows, int maxRecognitionItems, int maxSearchLength) {

    public RequestLimits {
        if (minYear > maxYear) {
            throw new IllegalStateException("xueshi.limits.min-year must not be after max-year");
        }
        if (yearsBack < 0) {
            throw new IllegalStateException("xueshi.limits.years-back must not be negative, is " + yearsBack);
        }
        atLeastOne("max-parameter-values", maxParameterValues);
        atLeastOne("max-parameter-length", maxParameterLength);
        atLeastOne("max-form-rows", maxFormRows);
        atLeastOne("max-recognition-items", maxRecognitionItems);
        atLeastOne("max-search-length", maxSearchLength);
        // a search longer than any parameter could never be typed in full
        if (maxSearchLength > maxParameterLength) {
            throw new IllegalStateException("xueshi.limits.max-search-length (" + maxSearchLength
                    + ") must not exceed max-parameter-length (" + maxParameterLength + ")");
        }
    }

    private static void atLeastOne(String name, long value) {
        if (value < 1) {
            throw new IllegalStateException("xueshi.limits." + name + " must be at least 1, is " + value);
        }
    }

    public boolean yearAllowed(long year) {
        return year >= minYear && year <= maxYear;
    }

    /** The year itself, or a {@link RequestOutOfLimits} naming the field when it is beyond the bounds. */
    public int year(String field, Integer year) {
        if (year != null && !yearAllowed(year)) {
            throw RequestOutOfLimits.year(field, String.valueOf(year), this);
        }
        return year == null ? 0 : year;
    }
}
