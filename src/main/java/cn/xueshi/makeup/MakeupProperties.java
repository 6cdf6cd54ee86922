package cn.xueshi.makeup;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** 补学期限 (xueshi.makeup.*): the month-day of Y+1 by which year Y is made up, and the reminder offsets. */
@ConfigurationProperties("xueshi.makeup")
public record MakeupProperties(String deadline, List<Integer> reminderWorkingDays) {

    public LocalDate deadlineFor(int year) {
        return MonthDay.parse("--" + deadline).atYear(year + 1);
    }
}
