package cn.xueshi.rules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The year's public and professional hours from the items' hours: the aggregation a rule set names
 * (SUM, or HIGHEST_SINGLE — 就高原则 — with some types summed beside it), annual caps per cap group
 * in item order, and full-year credits (视同完成) that never stack within a subject.
 */
final class YearTotals {

    static final String HIGHEST_SINGLE = "HIGHEST_SINGLE";

    private YearTotals() {
    }

    record Counted(String activityType, BigDecimal publicHours, BigDecimal professionalHours, String fullYear,
            String capGroup) {

        BigDecimal hours() {
            return publicHours.add(professionalHours);
        }

        boolean isFullYear() {
            return fullYear != null && !HourFormula.NONE.equals(fullYear);
        }
    }

    /** The year's public and professional hours, unrounded. */
    static Hours of(List<Counted> items, Map<String, BigDecimal> caps, String aggregation,
            Set<String> summedTypes) {
        List<Counted> counted = HIGHEST_SINGLE.equals(aggregation) ? highestSingle(items, summedTypes) : items;
        BigDecimal pub = BigDecimal.ZERO;
        BigDecimal prof = BigDecimal.ZERO;
        BigDecimal fullYearPub = BigDecimal.ZERO;
        BigDecimal fullYearProf = BigDecimal.ZERO;
        Map<String, BigDecimal> used = new HashMap<>();
        for (Counted c : counted) {
            if (c.isFullYear()) {
                fullYearPub = fullYearPub.max(c.publicHours());
                fullYearProf = fullYearProf.max(c.professionalHours());
                continue;
            }
            BigDecimal p = c.publicHours();
            BigDecimal q = c.professionalHours();
            BigDecimal cap = c.capGroup() == null ? null : caps.get(c.capGroup());
            if (cap != null) {
                BigDecimal remaining = cap.subtract(used.getOrDefault(c.capGroup(), BigDecimal.ZERO)).max(BigDecimal.ZERO);
                BigDecimal take = remaining.min(p.add(q));
                p = p.min(take);
                q = q.min(take.subtract(p));
                used.merge(c.capGroup(), take, BigDecimal::add);
            }
            pub = pub.add(p);
            prof = prof.add(q);
        }
        return new Hours(pub.add(fullYearPub), prof.add(fullYearProf));
    }

    /** The summed types plus the single highest other item; a tie goes to a full-year credit, then the earlier item. */
    static List<Counted> highestSingle(List<Counted> items, Set<String> summedTypes) {
        List<Counted> counted = new ArrayList<>();
        Counted best = null;
        for (Counted c : items) {
            if (summedTypes.contains(c.activityType())) {
                counted.add(c);
                continue;
            }
            if (best == null) {
                best = c;
                continue;
            }
            int cmp = c.hours().compareTo(best.hours());
            if (cmp > 0 || (cmp == 0 && c.isFullYear() && !best.isFullYear())) {
                best = c;
            }
        }
        if (best != null) {
            counted.add(best);
        }
        return counted;
    }
}
