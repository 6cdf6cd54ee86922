package cn.xueshi.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The nationwide overview's copy in the database (xs_dashboard_copy, V131), one per year, shared by the nodes of a
 * cluster: a node builds it only while it holds the ShedLock lock of that year, so the whole country is computed
 * once per cluster however many nodes serve the page; every node reads the same copy.
 */
@Component
class NationwideCopies {

    static final String LOCK = "dashboard-nationwide-";

    /** A copy and when it was built. */
    record Copy(Overview overview, Instant builtAt) {

        boolean olderThan(Duration age) {
            return builtAt.plus(age).isBefore(Instant.now());
        }
    }

    private final JdbcTemplate jdbc;
    private final LockProvider locks;
    private final ObjectMapper json;
    private final Duration lockAtMostFor;

    NationwideCopies(JdbcTemplate jdbc, LockProvider locks, ObjectMapper json,
            @Value("${xueshi.dashboard.rollup-lock-at-most-for}") Duration lockAtMostFor) {
        this.jdbc = jdbc;
        this.locks = locks;
        this.json = json.copy().findAndRegisterModules();
        this.lockAtMostFor = lockAtMostFor;
    }

    Optional<Copy> read(int year) {
        List<Copy> copies = jdbc.query("SELECT body, built_at FROM xs_dashboard_copy WHERE yr = ?", (rs, i) -> {
            try {
                return new Copy(json.readValue(rs.getString(1), Overview.class), rs.getTimestamp(2).toInstant());
            } catch (JsonProcessingException e) {
                // a copy written by another version of the overview: as if there were none, the next build replaces it
                return null;
            }
        }, year);
        return copies.stream().filter(java.util.Objects::nonNull).findFirst();
    }

    /**
     * Builds the year's copy unless another node is building it (empty then). Under the lock a copy younger
     * than {@code fresh} (another node finished one just now) is returned as it is.
     */
    Optional<Copy> build(int year, Duration fresh, Supplier<Overview> compute) {
        Optional<SimpleLock> lock = locks.lock(new LockConfiguration(Instant.now(), LOCK + year, lockAtMostFor, Duration.ZERO));
        if (lock.isEmpty()) {
            return Optional.empty();
        }
        try {
            Optional<Copy> existing = read(year);
            if (existing.isPresent() && !existing.get().olderThan(fresh)) {
                return existing;
            }
            Copy copy = new Copy(compute.get(), Instant.now());
            store(year, copy);
            return Optional.of(copy);
        } finally {
            lock.get().unlock();
        }
    }

    void store(int year, Copy copy) {
        String body;
        try {
            body = json.writeValueAsString(copy.overview());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("nationwide overview " + year, e);
        }
        // only the lock holder writes this year's row; readers see the old copy until the update commits
        Timestamp at = Timestamp.from(copy.builtAt());
        if (jdbc.update("UPDATE xs_dashboard_copy SET built_at = ?, body = ? WHERE yr = ?", at, body, year) == 0) {
            jdbc.update("INSERT INTO xs_dashboard_copy (yr, built_at, body) VALUES (?, ?, ?)", year, at, body);
        }
    }
}
