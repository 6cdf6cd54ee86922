package cn.xueshi.forecast;

import cn.xueshi.calendar.WorkingDayCalendar;
import cn.xueshi.clock.BusinessClock;
import cn.xueshi.identity.Directory;
import cn.xueshi.identity.Unit;
import cn.xueshi.identity.UnitRepository;
import cn.xueshi.notification.MailReminders;
import cn.xueshi.notification.Notifications;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import java.util.Locale;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.context.MessageSource;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * In-app reminders of a shortfall (差额提醒): on each day that is one of {@code xueshi.forecast.reminder-working-days}
 * working days before the year end, every member still short for the year is told how many hours are missing.
 * Runs once per cluster (ShedLock), daily at {@code xueshi.forecast.reminder-cron}.
 */
@Component
class ShortfallReminders {

    static final String KIND = "SHORTFALL_REMINDER";

    private final Forecasts forecasts;
    private final UnitRepository units;
    private final Directory directory;
    private final Notifications notifications;
    private final WorkingDayCalendar calendar;
    private final BusinessClock clock;
    private final ForecastProperties properties;
    private final MailReminders mail;
    private final MessageSource messages;

    ShortfallReminders(Forecasts forecasts, UnitRepository units, Directory directory, Notifications notifications,
            WorkingDayCalendar calendar, BusinessClock clock, ForecastProperties properties, MailReminders mail,
            MessageSource messages) {
        this.forecasts = forecasts;
        this.units = units;
        this.directory = directory;
        this.notifications = notifications;
        this.calendar = calendar;
        this.clock = clock;
        this.properties = properties;
        this.mail = mail;
        this.messages = messages;
    }

    @Scheduled(cron = "${xueshi.forecast.reminder-cron}", zone = "${xueshi.time-zone}")
    @SchedulerLock(name = "shortfall-reminders", lockAtLeastFor = "PT5M")
    public void daily() {
        remind(clock.today(), units.findAll());
    }

    /** The reminders of {@code today} to the members of {@code scope}, if it is a reminder day; how many were told. */
    int remind(LocalDate today, java.util.Collection<Unit> scope) {
        LocalDate end = MonthDay.parse("--" + properties.yearEnd()).atYear(today.getYear());
        boolean due = properties.reminderWorkingDays().stream()
                .anyMatch(n -> calendar.workingDaysBefore(end, n).equals(today));
        if (!due) {
            return 0;
        }
        int told = 0;
        for (Unit unit : scope) {
            for (String member : directory.membersOf(unit.getId())) {
                Forecast f = forecasts.of(member, unit);
                if (f.missingTotal().signum() > 0) {
                    String missing = f.missingTotal().toPlainString();
                    notifications.send(List.of(member), KIND, null, missing);
                    // the same words by mail, in Chinese (the person's language is not known outside a request)
                    mail.send(List.of(member), messages.getMessage("forecast.mail.subject", null, Locale.SIMPLIFIED_CHINESE),
                            messages.getMessage("forecast.mail.body", new Object[] {directory.displayName(member),
                                    missing, String.valueOf(today.getYear())}, Locale.SIMPLIFIED_CHINESE));
                    told++;
                }
            }
        }
        return told;
    }
}
