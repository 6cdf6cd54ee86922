package cn.xueshi.rules;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The formula terms an item row of a rule set may name (its output columns) and how they combine.
 * Every number comes from the row; this class only knows what a term means.
 */
final class HourFormula {

    static final MathContext MC = MathContext.DECIMAL64;
    static final String NONE = "NONE";

    private HourFormula() {
    }

    /** A parameter the fired row needs but the item lacks; names holds alternatives (at least one is needed). */
    static final class MissingParameter extends RuntimeException {
        final List<String> names;

        MissingParameter(String... names) {
            super(String.join("/", names), null, false, false);
            this.names = List.of(names);
        }
    }

    /** Hours of an item (before its subject split), from the fired row's terms and the item's parameters. */
    static BigDecimal hours(Map<String, Object> terms, Map<String, Object> values, Set<String> given) {
        BigDecimal h = BigDecimal.ZERO;
        BigDecimal base = num(terms, "base");
        if (base != null) {
            BigDecimal decrement = num(terms, "rankDecrement");
            if (decrement != null) {
                BigDecimal rank = need(values, "rank");
                base = base.subtract(decrement.multiply(rank.subtract(BigDecimal.ONE), MC)).max(BigDecimal.ZERO);
            }
            h = h.add(base);
        }
        BigDecimal perDay = num(terms, "perDay");
        BigDecimal perPartialDay = num(terms, "perPartialDay");
        BigDecimal minuteBlock = num(terms, "minuteBlock");
        if (perDay != null || perPartialDay != null || minuteBlock != null) {
            requireOneOf(given, perDay != null ? "days" : null, perPartialDay != null ? "partialDays" : null,
                    minuteBlock != null ? "minutes" : null);
        }
        if (perDay != null) {
            h = h.add(perDay.multiply(orZero(values, "days"), MC));
        }
        if (perPartialDay != null) {
            h = h.add(perPartialDay.multiply(orZero(values, "partialDays"), MC));
        }
        if (minuteBlock != null && minuteBlock.signum() > 0) {
            BigDecimal blocks = orZero(values, "minutes").divide(minuteBlock, 0, RoundingMode.FLOOR);
            BigDecimal partial = blocks.multiply(orOne(terms, "perMinuteBlock"), MC);
            BigDecimal cap = num(terms, "partialDayCap");
            h = h.add(cap == null ? partial : partial.min(cap));
        }
        BigDecimal perMonth = num(terms, "perMonth");
        if (perMonth != null) {
            h = h.add(perMonth.multiply(need(values, "months"), MC));
        }
        BigDecimal perCount = num(terms, "perCount");
        if (perCount != null) {
            h = h.add(perCount.multiply(need(values, "count"), MC));
        }
        BigDecimal perHour = num(terms, "perHour");
        if (perHour != null) {
            h = h.add(perHour.multiply(need(values, "hours"), MC));
        }
        BigDecimal characterBlock = num(terms, "characterBlock");
        if (characterBlock != null && characterBlock.signum() > 0) {
            BigDecimal blocks = orZero(values, "characters").divide(characterBlock, 0, RoundingMode.FLOOR);
            h = h.add(blocks.multiply(orOne(terms, "perCharacterBlock"), MC));
        }
        BigDecimal dailyHourCap = num(terms, "dailyHourCap");
        if (dailyHourCap != null) {
            h = h.min(dailyHourCap.multiply(need(values, "days"), MC));
        }
        h = h.max(BigDecimal.ZERO);
        BigDecimal maxHours = num(terms, "maxHours");
        if (maxHours != null) {
            h = h.min(maxHours);
        }
        return h;
    }

    /** The public and professional hours of an item that is not a full-year credit. */
    static Hours split(Map<String, Object> terms, BigDecimal hours, String chosenSubject) {
        String subject = str(terms, "subject");
        if ("CHOSEN".equals(subject)) {
            subject = chosenSubject;
        }
        if ("PUBLIC".equals(subject)) {
            return Hours.ofPublic(hours);
        }
        if ("SPLIT".equals(subject)) {
            BigDecimal share = num(terms, "publicShare");
            BigDecimal pub = share == null ? BigDecimal.ZERO : hours.multiply(share, MC);
            return new Hours(pub, hours.subtract(pub));
        }
        return Hours.ofProfessional(hours);
    }

    /** The public and professional hours a full-year credit stands for under the rule set's requirement. */
    static Hours fullYearCredit(String fullYear, Requirement requirement) {
        return switch (fullYear) {
            case "PUBLIC" -> Hours.ofPublic(requirement.publicMin());
            case "PROFESSIONAL" -> Hours.ofProfessional(requirement.professionalMin());
            case "ALL" -> new Hours(requirement.total().subtract(requirement.professionalMin()),
                    requirement.professionalMin());
            default -> Hours.ZERO;
        };
    }

    static BigDecimal round(BigDecimal value) {
        return value.setScale(1, RoundingMode.HALF_UP);
    }

    static String fullYear(Map<String, Object> terms) {
        String f = str(terms, "fullYear");
        return f == null || f.isBlank() ? NONE : f;
    }

    static BigDecimal num(Map<String, Object> map, String name) {
        Object v = map.get(name);
        if (v == null) {
            return null;
        }
        if (v instanceof BigDecimal b) {
            return b;
        }
        if (v instanceof Integer || v instanceof Long) {
            return BigDecimal.valueOf(((Number) v).longValue());
        }
        return new BigDecimal(v.toString());
    }

    static String str(Map<String, Object> map, String name) {
        Object v = map.get(name);
        return v == null ? null : v.toString();
    }

    private static BigDecimal need(Map<String, Object> values, String name) {
        BigDecimal v = num(values, name);
        if (v == null) {
            throw new MissingParameter(name);
        }
        return v;
    }

    private static BigDecimal orZero(Map<String, Object> values, String name) {
        BigDecimal v = num(values, name);
        return v == null ? BigDecimal.ZERO : v;
    }

    private static BigDecimal orOne(Map<String, Object> terms, String name) {
        BigDecimal v = num(terms, name);
        return v == null ? BigDecimal.ONE : v;
    }

    private static void requireOneOf(Set<String> given, String... names) {
        for (String n : names) {
            if (n != null && given.contains(n)) {
                return;
            }
        }
        throw new MissingParameter(java.util.Arrays.stream(names).filter(java.util.Objects::nonNull).toArray(String[]::new));
    }
}
