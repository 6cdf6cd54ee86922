package cn.xueshi.provider;

import java.util.List;

/**
 * A training provider (继续教育机构) as registered: its name, the activity types it may report and the jurisdictions
 * (codes of xs_jurisdiction) whose units' people it may report for.
 */
public record Provider(long id, String code, String name, List<String> activityTypes, List<String> jurisdictions) {

    public boolean mayReport(String activityType) {
        return activityTypes.contains(activityType);
    }

    public boolean serves(String jurisdiction) {
        return jurisdictions.contains(jurisdiction);
    }
}
