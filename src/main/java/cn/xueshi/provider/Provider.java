package cn.xueshi.provider;

import java.util.List;

/** A training provider (继续教育机构) as registered: its name and the activity types it may report. */
public record Provider(long id, String code, String name, List<String> activityTypes) {

    public boolean mayReport(String activityType) {
        return activityTypes.contains(activityType);
    }
}
