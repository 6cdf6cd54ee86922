package cn.xueshi.review;

import java.util.Set;

/**
 * What the reviewer narrowed the inbox to: a status (overdue, unclaimed, mine; anything else is "all"), an
 * activity type, a person (part of the name, or the exact account). Blank means no filter.
 */
public record InboxFilter(String status, String type, String person) {

    static final Set<String> STATUSES = Set.of("overdue", "unclaimed", "mine");
    /** Longest filter value taken (the form's maxlength); a longer one is cut, it can match nothing longer. */
    static final int MAX_LENGTH = 64;

    public InboxFilter {
        status = status == null || !STATUSES.contains(status.trim()) ? null : status.trim();
        type = blankToNull(type);
        person = blankToNull(person);
    }

    public static InboxFilter none() {
        return new InboxFilter(null, null, null);
    }

    private static String blankToNull(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        String t = s.trim();
        return t.length() > MAX_LENGTH ? t.substring(0, MAX_LENGTH) : t;
    }
}
