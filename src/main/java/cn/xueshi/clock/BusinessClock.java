package cn.xueshi.clock;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The one business clock: "now" is the process engine's clock ({@link ClockUtil}), so timers, due dates,
 * stored timestamps and "today" agree, and tests that move the engine clock move all of them; days are
 * taken in the configured business zone ({@code xueshi.time-zone}, Asia/Shanghai), never the JVM's.
 * Wall-clock uses (cache ages, shutdown timeouts) stay on {@code Instant.now()} on purpose.
 */
@Component
public class BusinessClock {

    private final ZoneId zone;

    public BusinessClock(@Value("${xueshi.time-zone:Asia/Shanghai}") String zone) {
        this.zone = ZoneId.of(zone);
    }

    /**
     * The current instant on the engine's clock. Static because entities stamp their own times
     * ({@code createdAt}) and the engine clock is one per JVM anyway.
     */
    public static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }

    /** Today in the business zone. */
    public LocalDate today() {
        return LocalDate.ofInstant(now(), zone);
    }

    /** The current local date and time in the business zone. */
    public LocalDateTime localNow() {
        return LocalDateTime.ofInstant(now(), zone);
    }

    /** The current calendar year in the business zone. */
    public int year() {
        return today().getYear();
    }

    public ZoneId zone() {
        return zone;
    }
}
