package cn.xueshi.ruleedit;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one input cell accepts, as far as the hit-policy checks need it: anything ({@code -}), a list of
 * texts (optionally {@code not(...)}), numeric intervals, or something the checks do not read (unknown).
 */
public sealed interface Condition {

    Pattern QUOTED = Pattern.compile("^\"([^\"]*)\"$");
    Pattern NUMBER = Pattern.compile("^-?\\d+(\\.\\d+)?$");
    Pattern COMPARISON = Pattern.compile("^(<=|>=|<|>)\\s*(-?\\d+(\\.\\d+)?)$");
    Pattern RANGE = Pattern.compile("^([\\[\\](])\\s*(-?\\d+(\\.\\d+)?)\\s*\\.\\.\\s*(-?\\d+(\\.\\d+)?)\\s*([\\[\\])])$");

    public record Any() implements Condition {
    }

    public record Unknown() implements Condition {
    }

    public record Texts(Set<String> values, boolean negated) implements Condition {
        public boolean accepts(String v) {
            return values.contains(v) != negated;
        }
    }

    public record Interval(double lo, boolean loIn, double hi, boolean hiIn) {
        public boolean overlaps(Interval o) {
            return below(lo, loIn, o.hi, o.hiIn) && below(o.lo, o.loIn, hi, hiIn);
        }

        public boolean contains(Interval o) {
            boolean loOk = lo < o.lo || (lo == o.lo && (loIn || !o.loIn));
            boolean hiOk = hi > o.hi || (hi == o.hi && (hiIn || !o.hiIn));
            return loOk && hiOk;
        }

        private static boolean below(double lo, boolean loIn, double hi, boolean hiIn) {
            return lo < hi || (lo == hi && loIn && hiIn);
        }
    }

    public record Numbers(List<Interval> intervals) implements Condition {
    }

    public static Condition parse(String cell) {
        String t = cell == null ? "" : cell.trim();
        if (t.isEmpty() || t.equals("-")) {
            return new Any();
        }
        boolean negated = false;
        if (t.startsWith("not(") && t.endsWith(")")) {
            negated = true;
            t = t.substring(4, t.length() - 1).trim();
        }
        List<String> parts = split(t);
        Set<String> texts = new LinkedHashSet<>();
        List<Interval> intervals = new ArrayList<>();
        for (String p : parts) {
            Matcher m;
            if ((m = QUOTED.matcher(p)).matches()) {
                texts.add(m.group(1));
            } else if (NUMBER.matcher(p).matches()) {
                double v = Double.parseDouble(p);
                intervals.add(new Interval(v, true, v, true));
            } else if ((m = COMPARISON.matcher(p)).matches()) {
                double v = Double.parseDouble(m.group(2));
                intervals.add(switch (m.group(1)) {
                    case "<" -> new Interval(Double.NEGATIVE_INFINITY, false, v, false);
                    case "<=" -> new Interval(Double.NEGATIVE_INFINITY, false, v, true);
                    case ">" -> new Interval(v, false, Double.POSITIVE_INFINITY, false);
                    default -> new Interval(v, true, Double.POSITIVE_INFINITY, false);
                });
            } else if ((m = RANGE.matcher(p)).matches()) {
                intervals.add(new Interval(Double.parseDouble(m.group(2)), m.group(1).equals("["),
                        Double.parseDouble(m.group(4)), m.group(6).equals("]")));
            } else {
                return new Unknown();
            }
        }
        if (!texts.isEmpty() && intervals.isEmpty()) {
            return new Texts(texts, negated);
        }
        if (texts.isEmpty() && !intervals.isEmpty() && !negated) {
            return new Numbers(intervals);
        }
        return new Unknown();
    }

    private static List<String> split(String t) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (char c : t.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                parts.add(cur.toString().trim());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        parts.add(cur.toString().trim());
        return parts;
    }

    /** true: some value meets both; false: none does; null: the checks cannot tell. */
    public static Boolean intersects(Condition a, Condition b) {
        if (a instanceof Any || b instanceof Any) {
            return true;
        }
        if (a instanceof Texts x && b instanceof Texts y) {
            if (x.negated && y.negated) {
                return true;
            }
            if (!x.negated && !y.negated) {
                Set<String> s = new HashSet<>(x.values);
                s.retainAll(y.values);
                return !s.isEmpty();
            }
            Texts plain = x.negated ? y : x;
            Texts not = x.negated ? x : y;
            return plain.values.stream().anyMatch(v -> !not.values.contains(v));
        }
        if (a instanceof Numbers x && b instanceof Numbers y) {
            return x.intervals.stream().anyMatch(i -> y.intervals.stream().anyMatch(i::overlaps));
        }
        return null;
    }

    /** Whether every value {@code b} accepts is accepted by {@code a} (false when the checks cannot tell). */
    public static boolean covers(Condition a, Condition b) {
        if (a instanceof Any) {
            return true;
        }
        if (b instanceof Any) {
            return false;
        }
        if (a instanceof Texts x && b instanceof Texts y) {
            if (!x.negated && !y.negated) {
                return x.values.containsAll(y.values);
            }
            if (x.negated && !y.negated) {
                return y.values.stream().noneMatch(x.values::contains);
            }
            if (x.negated && y.negated) {
                return y.values.containsAll(x.values);
            }
            return false;
        }
        if (a instanceof Numbers x && b instanceof Numbers y) {
            return y.intervals.stream().allMatch(i -> x.intervals.stream().anyMatch(o -> o.contains(i)));
        }
        return false;
    }

    /** Whether the cell accepts a text value (unknown cells are given the benefit of the doubt). */
    public static boolean acceptsText(Condition c, String value) {
        if (c instanceof Texts t) {
            return t.accepts(value);
        }
        return !(c instanceof Numbers);
    }
}
