package cn.xueshi.selfstudy;

import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * A unit's self-study archive (自学档案, 吉林 附件 二（九）) as it stands: kept from {@code establishedFrom}, and no
 * longer from {@code closedFrom} once the unit stopped keeping it. {@code version} is the optimistic lock.
 */
public record SelfStudyArchive(long unitId, String unitCode, LocalDate establishedFrom, String establishedBy,
        LocalDateTime establishedAt, String note, LocalDate closedFrom, String closedBy, LocalDateTime closedAt,
        int version) {

    /** Kept on that day: established on or before it, and not closed on or before it. */
    public boolean keptOn(LocalDate day) {
        return !establishedFrom.isAfter(day) && (closedFrom == null || day.isBefore(closedFrom));
    }

    public boolean open() {
        return closedFrom == null;
    }
}
