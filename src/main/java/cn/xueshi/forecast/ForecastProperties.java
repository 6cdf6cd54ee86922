package cn.xueshi.forecast;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * xueshi.forecast.*.
 *
 * @param yearEnd              the month-day by which a year's hours must be complete ("12-31"), for the days left
 * @param reminderWorkingDays  the in-app reminders of a shortfall: so many working days before the year end
 * @param applicationReminderWorkingDays reminders while a title application's window is short: so many working days
 *                             before the application date the person filed
 */
@ConfigurationProperties("xueshi.forecast")
record ForecastProperties(String yearEnd, java.util.List<Integer> reminderWorkingDays,
        java.util.List<Integer> applicationReminderWorkingDays) {

    ForecastProperties {
        applicationReminderWorkingDays = applicationReminderWorkingDays == null ? java.util.List.of()
                : java.util.List.copyOf(applicationReminderWorkingDays);
        if (applicationReminderWorkingDays.stream().anyMatch(d -> d == null || d < 0)) {
            throw new IllegalStateException("xueshi.forecast.application-reminder-working-days must be whole numbers >= 0");
        }
        reminderWorkingDays = reminderWorkingDays == null ? java.util.List.of() : java.util.List.copyOf(reminderWorkingDays);
        if (reminderWorkingDays.stream().anyMatch(d -> d == null || d < 0)) {
            throw new IllegalStateException("xueshi.forecast.reminder-working-days must be whole numbers >= 0");
        }
    }
}
