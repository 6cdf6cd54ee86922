package cn.xueshi.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The holiday years: files shipped under calendar/ (checked at start-up, a bad file stops the application)
 * and uploads in the database, which win. Each year is cached; an upload on this node clears its year
 * at once. Uploads and deletions on other nodes of a cluster are noticed within {@code xueshi.calendar.refresh}
 * (default {@code xueshi.cluster.refresh}, seconds): that often a cheap query reads the years and upload
 * times (not the files) and the cache is dropped when they differ from what it was filled with.
 */
@Service
public class HolidayYears {

    private static final Logger log = LoggerFactory.getLogger(HolidayYears.class);
    private static final Pattern FILE_NAME = Pattern.compile("holidays-(\\d{4})\\.json");

    /** A year's data and the uploads' versions it was read under (a read racing a change is not kept). */
    private record Cached(Optional<CalendarYear> year, List<String> versions) {
    }

    private final UploadedYearRepository uploads;
    private final Map<Integer, HolidayYear> shipped;
    private final Map<Integer, Cached> cache = new ConcurrentHashMap<>();
    private final long refreshNanos;
    /** The uploads' versions the cache was filled with, and when they were last compared with the database. */
    private volatile List<String> versions;
    private volatile long checkedAt;

    HolidayYears(UploadedYearRepository uploads,
            @Value("${xueshi.calendar.refresh:${xueshi.cluster.refresh:PT3S}}") Duration refresh) {
        this.uploads = uploads;
        this.refreshNanos = refresh.toNanos();
        this.shipped = loadShipped();
    }

    static Map<Integer, HolidayYear> loadShipped() {
        Map<Integer, HolidayYear> years = new TreeMap<>();
        try {
            for (Resource r : new PathMatchingResourcePatternResolver()
                    .getResources("classpath*:calendar/holidays-*.json")) {
                Matcher m = FILE_NAME.matcher(String.valueOf(r.getFilename()));
                if (!m.matches()) {
                    throw new IllegalStateException("unexpected holiday file name: " + r.getFilename());
                }
                HolidayYear year = parse(r);
                if (year.year() != Integer.parseInt(m.group(1))) {
                    throw new IllegalStateException(r.getFilename() + " holds the year " + year.year());
                }
                years.put(year.year(), year);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the holiday files", e);
        }
        return years;
    }

    private static HolidayYear parse(Resource r) throws IOException {
        try (InputStream in = r.getInputStream()) {
            return HolidayFile.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (InvalidHolidayFile e) {
            throw new IllegalStateException("invalid holiday file " + r.getFilename() + ": " + e.getMessage(), e);
        }
    }

    /** The data in force for a year, or empty when there is none (weekends only). */
    public Optional<CalendarYear> forYear(int year) {
        List<String> v = checkOtherNodes();
        Cached c = cache.get(year);
        if (c == null || c.versions() != v) {
            c = new Cached(load(year), v);
            cache.put(year, c);
        }
        return c.year();
    }

    /** Drops the cache when the uploads differ from those it was filled with (an upload or deletion elsewhere). */
    private List<String> checkOtherNodes() {
        List<String> known = versions;
        if (known != null && System.nanoTime() - checkedAt < refreshNanos) {
            return known;
        }
        synchronized (this) {
            if (versions != null && System.nanoTime() - checkedAt < refreshNanos) {
                return versions;
            }
            List<String> now = uploads.findVersions();
            if (!now.equals(versions)) {
                cache.clear();
                versions = now;
            }
            checkedAt = System.nanoTime();
            return versions;
        }
    }

    private Optional<CalendarYear> load(int year) {
        Optional<UploadedYear> upload = uploads.findById(year);
        if (upload.isPresent()) {
            UploadedYear u = upload.get();
            try {
                return Optional.of(new CalendarYear(HolidayFile.parse(u.getContent()), true, u.getUploadedBy(),
                        u.getUploadedAt()));
            } catch (InvalidHolidayFile e) {
                // never happens for content saved through upload(); a hand-edited row must not stop the deadlines
                log.warn("ignoring the uploaded holiday data of {}: {}", year, e.getMessage());
            }
        }
        return Optional.ofNullable(shipped.get(year)).map(CalendarYear::shipped);
    }

    /** Every year that has data, shipped or uploaded, in order. */
    public List<CalendarYear> all() {
        TreeSet<Integer> years = new TreeSet<>(shipped.keySet());
        years.addAll(uploads.findAllYears());
        return years.stream().map(this::forYear).flatMap(Optional::stream).toList();
    }

    /**
     * Checks a holiday file for {@code expectedYear} and stores it, replacing an earlier upload.
     * Throws {@link InvalidHolidayFile} and saves nothing when the file is not right.
     */
    @Transactional
    public CalendarYear upload(int expectedYear, String content, String user) {
        HolidayYear data = HolidayFile.parse(content);
        if (data.year() != expectedYear) {
            throw new InvalidHolidayFile("calendar.file.error.year", data.year(), expectedYear);
        }
        Instant now = Instant.now();
        UploadedYear row = uploads.findById(expectedYear).orElse(null);
        if (row == null) {
            row = new UploadedYear(expectedYear, content, user, now);
        } else {
            row.replace(content, user, now);
        }
        uploads.save(row);
        forget(expectedYear);
        return new CalendarYear(data, true, user, now);
    }

    /** Drops the upload of a year, so the shipped file (or weekends only) applies again. */
    @Transactional
    public void revert(int year) {
        uploads.deleteById(year);
        forget(year);
    }

    /** Clears the cached year now and again after the commit, so no reader keeps the old data. */
    private void forget(int year) {
        cache.remove(year);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    cache.remove(year);
                }
            });
        }
    }
}
