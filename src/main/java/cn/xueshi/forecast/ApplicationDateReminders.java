package cn.xueshi.forecast;

import cn.xueshi.calendar.WorkingDayCalendar;
import cn.xueshi.clock.BusinessClock;
import cn.xueshi.identity.Directory;
import cn.xueshi.identity.Unit;
import cn.xueshi.notification.MailReminders;
import cn.xueshi.notification.Notifications;
import cn.xueshi.title.TitleApplication;
import cn.xueshi.title.TitleCheck;
import cn.xueshi.title.TitleProof;
import cn.xueshi.title.TitleProofRepository;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.context.MessageSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Reminders before a filed title-application date (申报日期, stated with the proof request): on each day that is one of
 * {@code xueshi.forecast.application-reminder-working-days} working days before it, a person whose check for that
 * application year is not met is told in-app and by mail. Once per cluster (ShedLock), and each reminder is recorded
 * in xs_application_reminder first, so a second run of the same day (a restart, another node after the lock) sends
 * nothing twice.
 */
@Component
class ApplicationDateReminders {

    static final String KIND = "SHORTFALL_APPLICATION";

    private final TitleProofRepository proofs;
    private final TitleCheck check;
    private final Directory directory;
    private final Notifications notifications;
    private final MailReminders mail;
    private final MessageSource messages;
    private final WorkingDayCalendar calendar;
    private final BusinessClock clock;
    private final ForecastProperties properties;
    private final JdbcTemplate jdbc;

    ApplicationDateReminders(TitleProofRepository proofs, TitleCheck check, Directory directory,
            Notifications notifications, MailReminders mail, MessageSource messages, WorkingDayCalendar calendar,
            BusinessClock clock, ForecastProperties properties, JdbcTemplate jdbc) {
        this.proofs = proofs;
        this.check = check;
        this.directory = directory;
        this.notifications = notifications;
        this.mail = mail;
        this.messages = messages;
        this.calendar = calendar;
        this.clock = clock;
        this.properties = properties;
        this.jdbc = jdbc;
    }

    @Scheduled(cron = "${xueshi.forecast.reminder-cron}", zone = "${xueshi.time-zone}")
    @SchedulerLock(name = "application-date-reminders", lockAtLeastFor = "PT5M")
    public void daily() {
        remind(clock.today());
    }

    /** The reminders of {@code today}; how many people were told. */
    int remind(LocalDate today) {
        // one application date per person and year: the latest request that is not refused
        Map<String, TitleProof> filed = new LinkedHashMap<>();
        for (TitleProof p : proofs.findByApplicationDateGreaterThanEqualAndStatusIn(today,
                List.of(TitleProof.Status.REQUESTED, TitleProof.Status.ISSUED))) {
            filed.merge(p.getClaimant() + "/" + p.getYear(), p,
                    (a, b) -> a.getRequestedAt().isAfter(b.getRequestedAt()) ? a : b);
        }
        int told = 0;
        for (TitleProof p : filed.values()) {
            Optional<Integer> offset = properties.applicationReminderWorkingDays().stream()
                    .filter(n -> calendar.workingDaysBefore(p.getApplicationDate(), n).equals(today)).findFirst();
            if (offset.isEmpty()) {
                continue;
            }
            Optional<Unit> unit = directory.unitOf(p.getClaimant());
            if (unit.isEmpty()) {
                continue;
            }
            TitleApplication t = check.check(p.getClaimant(), unit.get(), p.getYear(), null, null);
            if (t.verdict() != TitleApplication.Verdict.NOT_COMPLIANT || !firstTime(p, offset.get())) {
                continue;
            }
            String date = p.getApplicationDate().toString();
            notifications.send(List.of(p.getClaimant()), KIND, null, date);
            Locale zh = Locale.SIMPLIFIED_CHINESE;
            mail.send(List.of(p.getClaimant()), messages.getMessage("forecast.application.mail.subject", null, zh),
                    messages.getMessage("forecast.application.mail.body", new Object[] {
                            directory.displayName(p.getClaimant()), date, String.valueOf(p.getYear()),
                            window(t), t.missingHours().toPlainString()}, zh));
            told++;
        }
        return told;
    }

    /** Records the reminder; false when it was sent before (the primary key refuses a second row). */
    private boolean firstTime(TitleProof p, int workingDays) {
        try {
            jdbc.update("INSERT INTO xs_application_reminder (claimant, application_year, application_date, "
                    + "working_days, sent_at) VALUES (?, ?, ?, ?, ?)", p.getClaimant(), p.getYear(),
                    Date.valueOf(p.getApplicationDate()), workingDays, Timestamp.from(BusinessClock.now()));
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    private static String window(TitleApplication t) {
        List<Integer> w = t.window();
        return w.size() == 1 ? String.valueOf(w.get(0)) : w.get(0) + "—" + w.get(w.size() - 1);
    }
}
