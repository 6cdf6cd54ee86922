package cn.xueshi.identity;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The signed-in person with the scope every query is filtered by. */
public record CurrentUser(
        String userId,
        String displayName,
        Set<String> groups,
        Optional<Unit> unit,
        List<Unit> reviewedUnits,
        Set<String> jurisdictions) {

    public boolean isIn(String group) {
        return groups.contains(group);
    }

    public boolean reviews(long unitId) {
        return reviewedUnits.stream().anyMatch(u -> u.getId() == unitId);
    }

    public boolean oversees(String jurisdiction) {
        return jurisdictions.contains(jurisdiction);
    }
}
