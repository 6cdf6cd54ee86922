package cn.xueshi.selfstudy;

import java.time.LocalDate;
import java.time.LocalDateTime;

/** One line of an archive's audit trail (xs_self_study_archive_event): established or closed, from when, by whom. */
public record ArchiveEvent(Kind kind, LocalDate effectiveFrom, String note, String actor, LocalDateTime at) {

    public enum Kind { ESTABLISHED, CLOSED }
}
