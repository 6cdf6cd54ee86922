package cn.xueshi.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.support.IntegrationTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An upload, replacement or deletion of a holiday year by another node of a cluster (here: straight in
 * the table, as that node's transaction leaves it) reaches this node's calendar within
 * {@code xueshi.calendar.refresh}, which defaults to {@code xueshi.cluster.refresh} (seconds).
 */
@IntegrationTest
class HolidayYearsClusterTest {

    /** No shipped file and no other test uses it. */
    private static final int YEAR = 2089;
    private static final LocalDate NATIONAL_DAY = LocalDate.of(YEAR, 10, 1);

    @Autowired
    HolidayYears years;
    @Autowired
    JdbcTemplate jdbc;

    @Value("${xueshi.calendar.refresh:${xueshi.cluster.refresh}}")
    Duration refresh;

    @AfterEach
    void removeUpload() {
        jdbc.update("DELETE FROM xs_calendar_year WHERE calendar_year = ?", YEAR);
    }

    @Test
    void uploadsAndDeletionsOnAnotherNodeAreSeenWithinTheRefreshInterval() throws Exception {
        assertThat(refresh).isLessThanOrEqualTo(Duration.ofSeconds(10));
        assertThat(years.forYear(YEAR)).isEmpty();

        jdbc.update("INSERT INTO xs_calendar_year (calendar_year, content, uploaded_by, uploaded_at) VALUES (?, ?, ?, ?)",
                YEAR, file("国庆节"), "other-node-admin", Timestamp.from(Instant.now()));
        awaitYear(y -> y.isPresent() && "国庆节".equals(y.get().data().festivalOn(NATIONAL_DAY)));

        // a replacement on the other node (a new upload time)
        jdbc.update("UPDATE xs_calendar_year SET content = ?, uploaded_at = ? WHERE calendar_year = ?",
                file("国庆"), Timestamp.from(Instant.now().plusSeconds(1)), YEAR);
        awaitYear(y -> y.isPresent() && "国庆".equals(y.get().data().festivalOn(NATIONAL_DAY)));

        jdbc.update("DELETE FROM xs_calendar_year WHERE calendar_year = ?", YEAR);
        awaitYear(Optional::isEmpty);
    }

    private void awaitYear(Predicate<Optional<CalendarYear>> seen) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + refresh.plusSeconds(2).toNanos();
        while (!seen.test(years.forYear(YEAR)) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(seen.test(years.forYear(YEAR))).as("seen within %s", refresh).isTrue();
    }

    private static String file(String festival) {
        return HolidayFileTest.file(YEAR, HolidayFileTest.day(YEAR + "-10-01", festival), "");
    }
}
