package cn.xueshi.filing;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * 备案期限 (xueshi.filing.*): the month-day of the following year by which a unit files a year,
 * per jurisdiction or the default, and how many working days before it the reviewers are reminded.
 */
@ConfigurationProperties("xueshi.filing")
public record FilingProperties(String deadline, Map<String, String> deadlines, int reminderWorkingDays) {

    public LocalDate deadlineFor(String jurisdiction, int year) {
        String md = deadlines != null && deadlines.containsKey(jurisdiction) ? deadlines.get(jurisdiction) : deadline;
        return MonthDay.parse("--" + md).atYear(year + 1);
    }
}
