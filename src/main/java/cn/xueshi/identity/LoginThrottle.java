package cn.xueshi.identity;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Service;

/**
 * Temporary sign-in locks per account name and per client address (xueshi.login.*), kept in the database so
 * every node of a cluster counts the same failures. An account name is counted whether or not it exists, so
 * a lock reveals nothing about which accounts exist. A lock is never extended by attempts made while it
 * holds, and every lock and every lift of one is recorded in xs_login_lock_event.
 */
@Service
public class LoginThrottle {

    public enum Kind { ACCOUNT, ADDRESS }

    /** Why a sign-in is refused before the password is looked at, and for how many more minutes. */
    public record Refusal(Kind kind, long minutes) {
    }

    /** One line of the lock audit. */
    public record LockEvent(long id, Instant occurredAt, Kind kind, String subject, String event, Instant lockedUntil,
            Integer failures, String address, String actor) {
    }

    /** A lock in force. */
    public record Lock(Kind kind, String subject, int failures, Instant lockedUntil) {
    }

    static final int MAX_SUBJECT = 100;

    private final JdbcTemplate jdbc;
    private final LoginProperties properties;
    private final List<IpAddressMatcher> trusted;
    private volatile Clock clock = Clock.systemUTC();

    public LoginThrottle(JdbcTemplate jdbc, LoginProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.trusted = properties.trustedAddresses().stream().map(IpAddressMatcher::new).toList();
    }

    /** Tests move time with a fixed clock. */
    void useClock(Clock clock) {
        this.clock = clock;
    }

    public LoginProperties properties() {
        return properties;
    }

    /** Whether a sign-in as {@code userId} from {@code address} is refused without checking the password. */
    public Optional<Refusal> refusal(String userId, String address) {
        Instant now = clock.instant();
        if (address != null) {
            Optional<Refusal> byAddress = lockedUntil(Kind.ADDRESS, address)
                    .filter(until -> until.isAfter(now)).map(until -> new Refusal(Kind.ADDRESS, minutes(now, until)));
            if (byAddress.isPresent()) {
                return byAddress;
            }
        }
        if (userId == null || trusted(address)) {
            return Optional.empty();
        }
        return lockedUntil(Kind.ACCOUNT, subject(userId))
                .filter(until -> until.isAfter(now)).map(until -> new Refusal(Kind.ACCOUNT, minutes(now, until)));
    }

    /** Counts a failed sign-in; returns the lock it caused, if the failure was one too many. */
    public Optional<Refusal> failed(String userId, String address) {
        forgetStale();
        Optional<Refusal> result = Optional.empty();
        if (address != null) {
            result = count(Kind.ADDRESS, address, properties.addressMaxFailures(), properties.addressLockDuration(),
                    address);
        }
        if (userId != null && !userId.isBlank()) {
            Optional<Refusal> account = count(Kind.ACCOUNT, subject(userId), properties.maxFailures(),
                    properties.lockDuration(), address);
            if (account.isPresent() && !trusted(address)) {
                result = account;
            }
        }
        return result;
    }

    /** A successful sign-in starts the account's count afresh (the address keeps its count). */
    public void succeeded(String userId) {
        jdbc.update("DELETE FROM xs_login_throttle WHERE kind = ? AND subject = ? "
                + "AND (locked_until IS NULL OR locked_until <= ?)", Kind.ACCOUNT.name(), subject(userId),
                Timestamp.from(clock.instant()));
    }

    /** Lifts a lock (administrator or break-glass); recorded with who did it. */
    public boolean unlock(Kind kind, String subject, String actor) {
        Instant now = clock.instant();
        int n = jdbc.update("DELETE FROM xs_login_throttle WHERE kind = ? AND subject = ? AND locked_until > ?",
                kind.name(), subject(subject), Timestamp.from(now));
        jdbc.update("DELETE FROM xs_login_throttle WHERE kind = ? AND subject = ?", kind.name(), subject(subject));
        if (n > 0) {
            event(kind, subject(subject), "UNLOCKED", null, null, null, actor);
        }
        return n > 0;
    }

    public List<Lock> currentLocks() {
        return jdbc.query("SELECT kind, subject, failures, locked_until FROM xs_login_throttle "
                        + "WHERE locked_until > ? ORDER BY locked_until DESC",
                (rs, i) -> new Lock(Kind.valueOf(rs.getString(1)), rs.getString(2), rs.getInt(3),
                        rs.getTimestamp(4).toInstant()),
                Timestamp.from(clock.instant()));
    }

    public long eventCount() {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM xs_login_lock_event", Long.class);
        return n == null ? 0 : n;
    }

    /** The audit, newest first, one page. */
    public List<LockEvent> events(int page, int size) {
        return jdbc.query("SELECT id, occurred_at, kind, subject, event, locked_until, failures, address, actor "
                        + "FROM xs_login_lock_event ORDER BY occurred_at DESC, id DESC LIMIT ? OFFSET ?",
                (rs, i) -> new LockEvent(rs.getLong(1), rs.getTimestamp(2).toInstant(), Kind.valueOf(rs.getString(3)),
                        rs.getString(4), rs.getString(5),
                        rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant(),
                        (Integer) rs.getObject(7), rs.getString(8), rs.getString(9)),
                size, (long) page * size);
    }

    private Optional<Refusal> count(Kind kind, String subject, int max, Duration duration, String address) {
        Instant now = clock.instant();
        Timestamp ts = Timestamp.from(now);
        // a window that is over, or a lock that has run out, starts afresh with this failure
        int touched = jdbc.update("UPDATE xs_login_throttle SET failures = 1, window_start = ?, locked_until = NULL "
                        + "WHERE kind = ? AND subject = ? AND (window_start <= ? OR locked_until <= ?)",
                ts, kind.name(), subject, Timestamp.from(now.minus(duration)), ts);
        if (touched == 0) {
            // failures while a lock holds do not extend it
            touched = jdbc.update("UPDATE xs_login_throttle SET failures = failures + 1 "
                    + "WHERE kind = ? AND subject = ? AND locked_until IS NULL", kind.name(), subject);
        }
        if (touched == 0) {
            try {
                jdbc.update("INSERT INTO xs_login_throttle (kind, subject, failures, window_start) VALUES (?, ?, 1, ?)",
                        kind.name(), subject, ts);
            } catch (DuplicateKeyException raced) {
                jdbc.update("UPDATE xs_login_throttle SET failures = failures + 1 "
                        + "WHERE kind = ? AND subject = ? AND locked_until IS NULL", kind.name(), subject);
            }
        }
        Instant until = now.plus(duration);
        // only the request that crosses the limit sets the lock, so it is recorded once
        int locked = jdbc.update("UPDATE xs_login_throttle SET locked_until = ? "
                        + "WHERE kind = ? AND subject = ? AND locked_until IS NULL AND failures >= ?",
                Timestamp.from(until), kind.name(), subject, max);
        if (locked == 0) {
            return Optional.empty();
        }
        event(kind, subject, "LOCKED", until, max, address, null);
        return Optional.of(new Refusal(kind, minutes(now, until)));
    }

    /** Counts whose window and lock are both over say nothing any more; names sprayed by an attacker go. */
    private void forgetStale() {
        Duration longest = properties.lockDuration().compareTo(properties.addressLockDuration()) > 0
                ? properties.lockDuration() : properties.addressLockDuration();
        Timestamp before = Timestamp.from(clock.instant().minus(longest));
        jdbc.update("DELETE FROM xs_login_throttle WHERE window_start <= ? AND (locked_until IS NULL OR locked_until <= ?)",
                before, Timestamp.from(clock.instant()));
    }

    private Optional<Instant> lockedUntil(Kind kind, String subject) {
        List<Timestamp> found = jdbc.queryForList(
                "SELECT locked_until FROM xs_login_throttle WHERE kind = ? AND subject = ? AND locked_until IS NOT NULL",
                Timestamp.class, kind.name(), subject);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0).toInstant());
    }

    private void event(Kind kind, String subject, String event, Instant until, Integer failures, String address,
            String actor) {
        jdbc.update("INSERT INTO xs_login_lock_event (occurred_at, kind, subject, event, locked_until, failures, "
                        + "address, actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                Timestamp.from(clock.instant()), kind.name(), subject, event,
                until == null ? null : Timestamp.from(until), failures, address, actor);
    }

    private boolean trusted(String address) {
        if (address == null) {
            return false;
        }
        for (IpAddressMatcher m : trusted) {
            try {
                if (m.matches(address)) {
                    return true;
                }
            } catch (IllegalArgumentException notAnAddress) {
                return false;
            }
        }
        return false;
    }

    private static String subject(String userId) {
        String s = userId.trim();
        return s.length() > MAX_SUBJECT ? s.substring(0, MAX_SUBJECT) : s;
    }

    private static long minutes(Instant now, Instant until) {
        long seconds = Duration.between(now, until).toSeconds();
        return Math.max(1, (seconds + 59) / 60);
    }
}
