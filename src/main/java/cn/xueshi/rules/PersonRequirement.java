package cn.xueshi.rules;

import java.util.Optional;

/**
 * A person's own requirement for a year (after approved hardship reductions), for callers allowed to
 * see that person. Implemented outside the rules capability, which knows no people.
 */
public interface PersonRequirement {

    /** The lowered requirement, or empty when {@code caller} may not see {@code person} (or no such person). */
    Optional<Requirement> of(String person, int year, Requirement base, String caller);
}
