package cn.xueshi.selfstudy;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.selfstudy.ArchivePeriods.Gap;
import cn.xueshi.selfstudy.ArchivePeriods.Period;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The periods an archive was kept, read from its history: a new start after a stop, a correction, the gaps. */
@org.junit.jupiter.api.Tag("no-database")
class ArchivePeriodsTest {

    final List<ArchiveEvent> events = new ArrayList<>();

    ArchivePeriodsTest established(String from) {
        events.add(new ArchiveEvent(ArchiveEvent.Kind.ESTABLISHED, LocalDate.parse(from), null, "u", LocalDateTime.now()));
        return this;
    }

    ArchivePeriodsTest closed(String from) {
        events.add(new ArchiveEvent(ArchiveEvent.Kind.CLOSED, LocalDate.parse(from), null, "u", LocalDateTime.now()));
        return this;
    }

    ArchivePeriods periods() {
        return ArchivePeriods.of(events);
    }

    static LocalDate d(String day) {
        return LocalDate.parse(day);
    }

    @Test
    void noHistoryIsNoArchive() {
        assertThat(periods().periods()).isEmpty();
        assertThat(periods().keptOn(d("2026-01-01"))).isFalse();
        assertThat(periods().gapOf(d("2026-01-01"))).isEmpty();
    }

    @Test
    void aStartAfterTheStopKeepsTheEarlierPeriod() {
        established("2024-01-01").closed("2025-03-01").established("2025-09-01");
        assertThat(periods().periods()).containsExactly(new Period(d("2024-01-01"), d("2025-03-01")),
                new Period(d("2025-09-01"), null));
        assertThat(periods().keptOn(d("2024-06-30"))).isTrue();
        assertThat(periods().keptOn(d("2025-02-28"))).isTrue();
        assertThat(periods().keptOn(d("2025-03-01"))).isFalse();
        assertThat(periods().keptOn(d("2025-08-31"))).isFalse();
        assertThat(periods().keptOn(d("2025-09-01"))).isTrue();
        assertThat(periods().gapOf(d("2025-05-01"))).contains(new Gap(d("2024-01-01"), d("2025-03-01"), d("2025-09-01")));
        assertThat(periods().gapOf(d("2023-12-31"))).contains(new Gap(d("2024-01-01"), null, d("2024-01-01")));
        assertThat(periods().gapOf(d("2025-09-01"))).isEmpty();
    }

    @Test
    void aStartBeforeTheStopCorrectsTheStoppedPeriod() {
        // established from 2024-01-01 by mistake: stopped and established again from 2024-06-01, as the page says
        established("2024-01-01").closed("2025-03-01").established("2024-06-01");
        assertThat(periods().periods()).containsExactly(new Period(d("2024-06-01"), null));
        assertThat(periods().keptOn(d("2024-05-31"))).isFalse();
        assertThat(periods().keptOn(d("2025-05-01"))).isTrue();
    }

    @Test
    void aStartBeforeTheStopAndTheFirstStartCorrectsToAnEarlierDay() {
        established("2024-01-01").closed("2025-03-01").established("2023-01-01");
        assertThat(periods().periods()).containsExactly(new Period(d("2023-01-01"), null));
    }

    @Test
    void aCorrectionCutsEveryEarlierPeriodAtItsDay() {
        established("2020-01-01").closed("2021-01-01").established("2022-01-01").closed("2023-01-01")
                .established("2020-06-01");
        assertThat(periods().periods()).containsExactly(new Period(d("2020-01-01"), d("2020-06-01")),
                new Period(d("2020-06-01"), null));
        assertThat(periods().keptOn(d("2021-06-01"))).isTrue();
    }

    @Test
    void aStartOnTheDayOfTheStopLeavesNoGapAndAStopThenEndsTheOpenPeriod() {
        established("2024-01-01").closed("2025-01-01").established("2025-01-01").closed("2026-01-01");
        assertThat(periods().periods()).containsExactly(new Period(d("2024-01-01"), d("2025-01-01")),
                new Period(d("2025-01-01"), d("2026-01-01")));
        assertThat(periods().keptOn(d("2025-01-01"))).isTrue();
        assertThat(periods().gapOf(d("2026-01-01"))).contains(new Gap(d("2024-01-01"), d("2026-01-01"), null));
    }
}
