package cn.xueshi.system;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Dates on pages in China Standard Time (templates: ${@fmt.dateTime(x)}). */
@Component("fmt")
public class DateFormats {

    private final DateTimeFormatter date;
    private final DateTimeFormatter dateTime;

    DateFormats(@Value("${xueshi.time-zone:Asia/Shanghai}") String zone) {
        ZoneId z = ZoneId.of(zone);
        this.date = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(z);
        this.dateTime = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(z);
    }

    public String date(Instant instant) {
        return instant == null ? "-" : date.format(instant);
    }

    public String dateTime(Instant instant) {
        return instant == null ? "-" : dateTime.format(instant);
    }

    public String date(java.util.Date d) {
        return d == null ? "-" : date.format(d.toInstant());
    }
}
