package cn.xueshi.selfstudy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The periods in which a unit kept its self-study archive, read from its audit trail (xs_self_study_archive_event)
 * rather than from the row as it stands: a unit that kept its archive in 2024, stopped in March 2025 and established it
 * again in September still had it for a 2024 item (a late claim, a make-up, a title application looking back five
 * years). A re-establishment from a day before the last stop is a correction (the page tells the user to stop and
 * establish again to change the date): it replaces the stopped period, and no earlier period reaches past its day.
 */
public record ArchivePeriods(List<Period> periods) {

    /** Kept from {@code from} (inclusive) until {@code until} (exclusive; null while it is kept). */
    public record Period(LocalDate from, LocalDate until) {

        boolean covers(LocalDate day) {
            return !from.isAfter(day) && (until == null || day.isBefore(until));
        }
    }

    /** Why a day is not covered: before the first period, in a gap (after {@code stopped}, before {@code resumed}), or after the last stop. */
    public record Gap(LocalDate firstFrom, LocalDate stopped, LocalDate resumed) {
    }

    /** The periods of the events, oldest first (events in the order they were recorded). */
    public static ArchivePeriods of(List<ArchiveEvent> events) {
        List<Period> periods = new ArrayList<>();
        for (ArchiveEvent e : events) {
            LocalDate day = e.effectiveFrom();
            if (e.kind() == ArchiveEvent.Kind.ESTABLISHED) {
                if (!periods.isEmpty() && periods.get(periods.size() - 1).until() != null
                        && day.isBefore(periods.get(periods.size() - 1).until())) {
                    periods.remove(periods.size() - 1);
                }
                periods.removeIf(p -> !p.from().isBefore(day));
                periods.replaceAll(p -> p.until() == null || p.until().isAfter(day) ? new Period(p.from(), day) : p);
                periods.add(new Period(day, null));
            } else if (!periods.isEmpty() && periods.get(periods.size() - 1).until() == null) {
                Period last = periods.remove(periods.size() - 1);
                periods.add(new Period(last.from(), day));
            }
        }
        return new ArchivePeriods(List.copyOf(periods));
    }

    public boolean keptOn(LocalDate day) {
        return periods.stream().anyMatch(p -> p.covers(day));
    }

    /** Where a day not kept falls; empty when it is kept or there never was an archive. */
    public Optional<Gap> gapOf(LocalDate day) {
        if (periods.isEmpty() || keptOn(day)) {
            return Optional.empty();
        }
        LocalDate stopped = null;
        LocalDate resumed = null;
        for (Period p : periods) {
            if (p.until() != null && !p.until().isAfter(day)) {
                stopped = p.until();
            } else if (p.from().isAfter(day) && resumed == null) {
                resumed = p.from();
            }
        }
        return Optional.of(new Gap(periods.get(0).from(), stopped, resumed));
    }
}
