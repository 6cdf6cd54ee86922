package cn.xueshi.selfstudy;

import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * A unit's self-study archive (自学档案, 吉林 附件 二（九）) as it stands: kept from {@code establishedFrom}, and no
 * longer from {@code closedFrom} once the unit stopped keeping it. {@code version} is the optimistic lock. Which days it
 * covered over its history is {@link ArchivePeriods}'s (a stop and a new start keep the earlier period).
 */
public record SelfStudyArchive(long unitId, String unitCode, LocalDate establishedFrom, String establishedBy,
        LocalDateTime establishedAt, String note, LocalDate closedFrom, String closedBy, LocalDateTime closedAt,
        int version) {

    public boolean open() {
        return closedFrom == null;
    }
}
