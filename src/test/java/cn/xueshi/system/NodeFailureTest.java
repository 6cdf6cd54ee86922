package cn.xueshi.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, failure test: two nodes on one PostgreSQL; employees submit claims through the real form and two
 * reviewers decide them through the review form (every fourth returned for correction, which notifies the
 * claimant; the others approved), on both nodes at once; node A is killed with SIGKILL in
 * the middle of the run, the driver keeps going on B (with the same session cookies), A is restarted and
 * the run finishes. Then the database must hold every acknowledged submission exactly once, every claim in
 * the state its approval implies (jobs A had locked run elsewhere once their lock expired: the children get
 * a short lock time), hours once, no duplicate audit entries or notifications. A retry after a connection
 * error re-sends the same form (the same submission key); a 409 or a "someone else did this" answer to an
 * approval race is a valid outcome and only counted. Bounded: 6 × 12 submissions, loopback only.
 * PostgreSQL only ({@code -Ppostgres}).
 */
@Tag("isolated")
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class NodeFailureTest {

    static final int EMPLOYEES = 6;
    static final int CLAIMS_EACH = 12;
    static final int REVIEWERS = 2;
    static final int TOTAL = EMPLOYEES * CLAIMS_EACH;
    /** The job lock of the children: jobs the killed node had locked run elsewhere after this. */
    static final String SHORT_JOB_LOCK = "--camunda.bpm.job-execution.lock-time-in-millis=10000";
    static final String PASSWORD = "Failure-" + UUID.randomUUID();
    static final Pattern KEY = Pattern.compile("name=\"submissionKey\"\\s+value=\"([^\"]+)\"");
    static final Pattern CLAIM_LOCATION = Pattern.compile("/claims/(\\d+)$");
    static final String REVIEW_CONFLICT = "已由其他审核人处理";
    static final List<String> REVIEW_WON = List.of("已审核通过。", "已退回申请人修改。");
    static final String RETURN_COMMENT = "演练：请补充会议通知";
    /** After an approval: publicity (the claim may not end it within the run, but nothing forbids it). */
    static final Set<String> APPROVED_STATES = Set.of("IN_PUBLICITY", "REGISTERED", "FILED");

    @TempDir
    Path dir;

    ClusterNodes cluster;
    volatile int portA;
    volatile int portB;
    volatile boolean aUp;
    volatile boolean employeesDone;

    final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    final Map<String, Long> acknowledged = new ConcurrentHashMap<>();
    final AtomicInteger connectionRetries = new AtomicInteger();
    final AtomicInteger conflicts = new AtomicInteger();
    final AtomicInteger approvalsAnswered = new AtomicInteger();
    final AtomicInteger approvalsWon = new AtomicInteger();
    final ClusterNodes.Driver driver = new ClusterNodes.Driver();
    final List<String> failures = driver.failures;

    @AfterEach
    void stop() throws Exception {
        driver.close();
        if (cluster != null) {
            cluster.stopAll();
        }
    }

    @Test
    void killingANodeMidRunLosesNothingAndDuplicatesNothing() throws Exception {
        assumeTrue(ClusterNodes.postgres(), "two nodes need a shared database: run with -Ppostgres");
        cluster = new ClusterNodes(dir);
        portA = cluster.start("a", SHORT_JOB_LOCK);
        portB = cluster.start("b", SHORT_JOB_LOCK);
        aUp = true;

        long unit = ClusterNodes.createUnit("NF" + run.toUpperCase(), "节点故障演练医院" + run);
        List<ClusterNodes.Browser> employees = new ArrayList<>();
        for (int i = 0; i < EMPLOYEES; i++) {
            employees.add(cluster.person(portA, "emp" + run + i, "employee", unit, PASSWORD, "演练"));
        }
        List<ClusterNodes.Browser> reviewers = new ArrayList<>();
        for (int i = 0; i < REVIEWERS; i++) {
            reviewers.add(cluster.person(portA, "rev" + run + i, "reviewer", unit, PASSWORD, "演练"));
        }
        // everyone signs in on A: after the kill their sessions must carry on on B
        for (ClusterNodes.Browser b : employees) {
            b.signIn(portA);
        }
        for (ClusterNodes.Browser b : reviewers) {
            b.signIn(portA);
        }

        Instant started = Instant.now();
        List<Future<?>> submitting = new ArrayList<>();
        for (int i = 0; i < EMPLOYEES; i++) {
            int index = i;
            ClusterNodes.Browser me = employees.get(index);
            submitting.add(driver.start(me.username, () -> submitAll(me, index)));
        }
        List<Future<?>> reviewing = new ArrayList<>();
        for (ClusterNodes.Browser r : reviewers) {
            reviewing.add(driver.start(r.username, () -> approveAll(r, unit)));
        }

        waitFor(() -> acknowledged.size() >= TOTAL / 3, Duration.ofMinutes(2), "a third of the submissions");
        aUp = false;
        int lockedAtKill = lockedJobs();
        cluster.kill("a");
        Instant killed = Instant.now();
        System.out.println("node A killed (SIGKILL) after " + acknowledged.size() + " acknowledged submissions, "
                + lockedAtKill + " jobs locked by a node then");
        waitFor(() -> acknowledged.size() >= 2 * TOTAL / 3, Duration.ofMinutes(2), "two thirds on node B alone");
        cluster.start("a", portA, SHORT_JOB_LOCK);
        aUp = true;
        System.out.println("node A back after " + Duration.between(killed, Instant.now()).toSeconds() + " s");

        ClusterNodes.Driver.await(submitting, Duration.ofMinutes(3));
        employeesDone = true;
        ClusterNodes.Driver.await(reviewing, Duration.ofMinutes(3));

        Report report = check(unit);
        long optimisticLocks = ClusterNodes.count(cluster.log("a"), "OptimisticLockingException")
                + ClusterNodes.count(cluster.log("b"), "OptimisticLockingException");
        System.out.printf("node failure: acknowledged=%d found=%d duplicates=%d lost=%d optimistic-lock retries=%d"
                        + " (in the logs) conflicts answered=%d connection retries=%d approvals answered=%d won=%d, %d s%n",
                acknowledged.size(), report.found, report.duplicates, report.lost, optimisticLocks, conflicts.get(),
                connectionRetries.get(), approvalsAnswered.get(), approvalsWon.get(), Duration.between(started, Instant.now()).toSeconds());

        assertThat(failures).as("what the driver saw").isEmpty();
        assertThat(acknowledged).as("acknowledged submissions").hasSize(TOTAL);
        assertThat(report.lost).as("lost submissions").isZero();
        assertThat(report.duplicates).as("duplicate submissions").isZero();
        assertThat(report.found).as("claims of the unit").isEqualTo(TOTAL);
        assertThat(report.notApproved).as("claims not in the state their approval implies").isEmpty();
        assertThat(approvalsWon.get()).as("decisions that were told they won (at most one per claim)").isLessThanOrEqualTo(TOTAL);
        assertThat(report.hourErrors).as("hours counted other than once").isEmpty();
        assertThat(report.duplicateAudit).as("duplicate audit entries").isEmpty();
        assertThat(report.duplicateNotifications).as("duplicate notifications").isEmpty();
    }

    // ---------------------------------------------------------------- the driver

    int node(int i) {
        return aUp && i % 2 == 0 ? portA : portB;
    }

    /** One employee: CLAIMS_EACH claims through GET /claims/new and the form's POST, alternating nodes. */
    void submitAll(ClusterNodes.Browser me, int index) throws Exception {
        for (int n = 0; n < CLAIMS_EACH; n++) {
            submitOne(me, index, n);
        }
    }

    void submitOne(ClusterNodes.Browser me, int index, int n) throws Exception {
        String title = "节点故障演练交流会-" + run + "-" + index + "-" + n;
        String key = null;
        String csrf = null;
        for (int attempt = 0; attempt < 30 && key == null; attempt++) {
            try {
                HttpResponse<String> form = me.get(node(index + n + attempt), "/claims/new");
                if (signedOut(me, form)) {
                    return;
                }
                assertThat(form.statusCode()).as("GET /claims/new").isEqualTo(200);
                Matcher m = KEY.matcher(form.body());
                assertThat(m.find()).as("submission key in the form").isTrue();
                key = m.group(1);
                csrf = ClusterNodes.Browser.csrfOf(form.body());
            } catch (IOException e) {
                connectionRetries.incrementAndGet();
                Thread.sleep(300);
            }
        }
        assertThat(key).as("a claim form within 30 attempts").isNotNull();
        Map<String, String> fields = ClusterNodes.claimForm(csrf, key, title);
        // the same form again after a connection error or a conflict, the way a person presses 提交 once more
        for (int attempt = 0; attempt < 30; attempt++) {
            try {
                HttpResponse<String> r = me.postMultipart(node(index + n + attempt), "/claims", fields, null, null,
                        null, null);
                if (signedOut(me, r)) {
                    return;
                }
                Matcher m = CLAIM_LOCATION.matcher(r.headers().firstValue("Location").orElse(""));
                if (r.statusCode() == 302 && m.find()) {
                    Long before = acknowledged.putIfAbsent(key, Long.valueOf(m.group(1)));
                    if (before != null && before != Long.parseLong(m.group(1))) {
                        failures.add("key " + key + " acknowledged as claims " + before + " and " + m.group(1));
                    }
                    return;
                }
                if (r.statusCode() == 409) {
                    conflicts.incrementAndGet();
                    continue;
                }
                failures.add("POST /claims answered " + r.statusCode() + ": " + excerpt(r.body()));
                return;
            } catch (IOException e) {
                connectionRetries.incrementAndGet();
                Thread.sleep(300);
            }
        }
        failures.add("claim " + title + " not acknowledged in 30 attempts");
    }

    /** One reviewer: approves whatever of the unit is in review, racing the other reviewer, until all are done. */
    void approveAll(ClusterNodes.Browser me, long unit) throws Exception {
        int[] i = {ThreadLocalRandom.current().nextInt(2)};
        String[] csrf = {null};
        Instant deadline = Instant.now().plus(Duration.ofMinutes(6));
        try (Connection db = ClusterNodes.database()) {
            ClusterNodes.reviewOpenTasks(db, unit, true, () -> Instant.now().isAfter(deadline),
                    () -> employeesDone && settled(db, unit), task -> {
                        i[0]++;
                        try {
                            return decide(me, task, node(i[0]), csrf);
                        } catch (IOException e) {
                            connectionRetries.incrementAndGet();
                            Thread.sleep(300);
                            return true;
                        }
                    });
        }
        if (Instant.now().isAfter(deadline)) {
            failures.add(me.username + ": claims still in review at the deadline");
        }
    }

    /**
     * One review decision through the form's POST on {@code port} (the CSRF token of the reviewer's session in
     * {@code csrf[0]}, read from the inbox when missing); false when the reviewer was signed out.
     */
    boolean decide(ClusterNodes.Browser me, ClusterNodes.ReviewTask task, int port, String[] csrf) throws Exception {
        if (csrf[0] == null) {
            HttpResponse<String> inbox = me.get(port, "/review");
            if (signedOut(me, inbox)) {
                return false;
            }
            csrf[0] = ClusterNodes.Browser.csrfOf(inbox.body());
        }
        HttpResponse<String> r = me.post(port, "/review/tasks/" + task.id(), returned(task.title())
                ? Map.of("_csrf", csrf[0], "decision", "RETURN", "comment", RETURN_COMMENT)
                : Map.of("_csrf", csrf[0], "decision", "APPROVE"));
        if (signedOut(me, r)) {
            return false;
        }
        if (r.statusCode() == 409) {
            conflicts.incrementAndGet();
        } else if (r.statusCode() == 302) {
            approvalsAnswered.incrementAndGet();
            // the flash message says whether this reviewer won or the other had done it
            HttpResponse<String> after = me.get(port, "/review");
            if (after.body().contains(REVIEW_CONFLICT)) {
                conflicts.incrementAndGet();
            } else if (REVIEW_WON.stream().anyMatch(after.body()::contains)) {
                approvalsWon.incrementAndGet();
            }
        } else if (r.statusCode() == 403) {
            csrf[0] = null;
        } else {
            failures.add("approval answered " + r.statusCode() + ": " + excerpt(r.body()));
        }
        return true;
    }

    /** {@link #allSettled} for a polling loop (a database error counts as not settled yet). */
    static boolean settled(Connection db, long unit) {
        try {
            return allSettled(db, unit);
        } catch (Exception e) {
            return false;
        }
    }

    /** A session must never be lost: a redirect to the login page is a failure. */
    boolean signedOut(ClusterNodes.Browser me, HttpResponse<String> r) {
        if (r.statusCode() == 302 && r.headers().firstValue("Location").orElse("").contains("/login")) {
            failures.add(me.username + " was signed out (" + r.uri() + ")");
            return true;
        }
        return false;
    }

    static String excerpt(String body) {
        return body.length() > 400 ? body.substring(0, 400) : body;
    }

    void waitFor(java.util.function.BooleanSupplier done, Duration timeout, String what) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (!done.getAsBoolean()) {
            assertThat(Instant.now()).as(what + " in " + timeout + "; driver saw " + failures).isBefore(deadline);
            assertThat(failures).as("what the driver saw").isEmpty();
            Thread.sleep(200);
        }
    }

    // ---------------------------------------------------------------- the database afterwards

    /** Jobs some node holds a lock on right now (the ones a dead node had locked wait for the lock to expire). */
    static int lockedJobs() throws Exception {
        try (Connection db = ClusterNodes.database(); Statement s = db.createStatement();
                ResultSet r = s.executeQuery("SELECT COUNT(*) FROM act_ru_job WHERE lock_owner_ IS NOT NULL")) {
            r.next();
            return r.getInt(1);
        }
    }

    /** Every fourth claim of a person is returned for correction (a notification), the others approved. */
    static boolean returned(String title) {
        return Integer.parseInt(title.substring(title.lastIndexOf('-') + 1)) % 4 == 3;
    }

    /** No claim of the unit waits for its hours, its review or the start of its publicity. */
    static boolean allSettled(Connection db, long unit) throws Exception {
        return strings(db, "SELECT status FROM xs_claim WHERE unit_id = ?", unit).stream()
                .allMatch(st -> APPROVED_STATES.contains(st) || "RETURNED".equals(st));
    }

    static List<String> strings(Connection db, String sql, long unit) throws Exception {
        List<String> out = new ArrayList<>();
        try (PreparedStatement s = db.prepareStatement(sql)) {
            s.setLong(1, unit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
        }
        return out;
    }

    static final class Report {
        int found;
        int duplicates;
        int lost;
        final List<String> notApproved = new ArrayList<>();
        final List<String> hourErrors = new ArrayList<>();
        List<String> duplicateAudit = List.of();
        List<String> duplicateNotifications = List.of();
    }

    Report check(long unit) throws Exception {
        Report report = new Report();
        try (Connection db = ClusterNodes.database()) {
            // jobs the dead node had locked run after the lock expired: wait for the states, with a deadline
            Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
            while (!allSettled(db, unit) && Instant.now().isBefore(deadline)) {
                Thread.sleep(500);
            }
            Map<String, Long> byKey = new HashMap<>();
            Map<Long, BigDecimal[]> hours = new HashMap<>();
            Map<String, BigDecimal> perPerson = new HashMap<>();
            try (PreparedStatement s = db.prepareStatement("SELECT c.id, c.submission_key, c.status, c.claimant,"
                    + " c.proposed_hours, c.approved_hours, (SELECT COUNT(*) FROM xs_claim_item i WHERE i.claim_id = c.id),"
                    + " (SELECT SUM(i.hours) FROM xs_claim_item i WHERE i.claim_id = c.id),"
                    + " (SELECT MIN(i.title) FROM xs_claim_item i WHERE i.claim_id = c.id)"
                    + " FROM xs_claim c WHERE c.unit_id = ?")) {
                s.setLong(1, unit);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        report.found++;
                        long id = r.getLong(1);
                        byKey.put(r.getString(2), id);
                        boolean back = returned(r.getString(9));
                        if (back ? !"RETURNED".equals(r.getString(3)) : !APPROVED_STATES.contains(r.getString(3))) {
                            report.notApproved.add(id + ":" + r.getString(3));
                        }
                        BigDecimal approved = r.getBigDecimal(6);
                        if (back && approved != null) {
                            report.hourErrors.add("returned claim " + id + " has approved hours " + approved);
                        } else if (!back && (r.getInt(7) != 1 || approved == null || r.getBigDecimal(8) == null
                                || approved.compareTo(r.getBigDecimal(8)) != 0
                                || approved.compareTo(r.getBigDecimal(5)) != 0)) {
                            report.hourErrors.add("claim " + id + ": items " + r.getInt(7) + ", item hours "
                                    + r.getBigDecimal(8) + ", proposed " + r.getBigDecimal(5) + ", approved " + approved);
                        }
                        if (approved != null) {
                            perPerson.merge(r.getString(4), approved, BigDecimal::add);
                            hours.put(id, new BigDecimal[] {approved});
                        }
                    }
                }
            }
            for (Map.Entry<String, Long> ack : acknowledged.entrySet()) {
                Long id = byKey.get(ack.getKey());
                if (id == null) {
                    report.lost++;
                } else if (!id.equals(ack.getValue())) {
                    report.hourErrors.add("key " + ack.getKey() + " acknowledged as " + ack.getValue() + ", stored as " + id);
                }
            }
            // the same activity stored under two claims: a duplicate the submission key did not catch
            report.duplicates = strings(db, "SELECT i.title FROM xs_claim_item i JOIN xs_claim c ON c.id = i.claim_id"
                    + " WHERE c.unit_id = ? GROUP BY i.title HAVING COUNT(DISTINCT c.id) > 1", unit).size()
                    + Math.max(0, report.found - byKey.size());
            // every person's total is their claims' hours once: CLAIMS_EACH claims of the same activity
            BigDecimal each = hours.values().stream().map(h -> h[0]).findFirst().orElse(BigDecimal.ZERO);
            long approvedEach = java.util.stream.IntStream.range(0, CLAIMS_EACH).filter(n -> n % 4 != 3).count();
            BigDecimal expected = each.multiply(BigDecimal.valueOf(approvedEach));
            perPerson.forEach((person, sum) -> {
                if (sum.compareTo(expected) != 0) {
                    report.hourErrors.add(person + ": " + sum + " hours, expected " + expected);
                }
            });
            // an approved claim has its approval in the trail once (a duplicate shows below)
            report.notApproved.addAll(strings(db, "SELECT c.id || ': no review decision in the trail' FROM xs_claim c"
                    + " WHERE c.unit_id = ? AND NOT EXISTS (SELECT 1 FROM xs_audit a WHERE a.claim_id = c.id"
                    + " AND a.action = CASE WHEN c.status = 'RETURNED' THEN 'REVIEW_RETURN' ELSE 'REVIEW_APPROVE' END)",
                    unit));
            // a returned claim tells its claimant once
            report.notApproved.addAll(strings(db, "SELECT c.id || ': returned without a notification' FROM xs_claim c"
                    + " WHERE c.unit_id = ? AND c.status = 'RETURNED' AND NOT EXISTS (SELECT 1 FROM xs_notification n"
                    + " WHERE n.claim_id = c.id AND n.kind = 'CLAIM_RETURNED' AND n.recipient = c.claimant)", unit));
            report.duplicateAudit = strings(db, "SELECT a.claim_id || ' ' || a.action || ' ×' || COUNT(*) FROM xs_audit a"
                    + " JOIN xs_claim c ON c.id = a.claim_id WHERE c.unit_id = ? GROUP BY a.claim_id, a.action"
                    + " HAVING COUNT(*) > 1", unit);
            report.duplicateNotifications = strings(db, "SELECT n.recipient || ' ' || n.claim_id || ' ' || n.kind || ' ×'"
                    + " || COUNT(*) FROM xs_notification n JOIN xs_claim c ON c.id = n.claim_id WHERE c.unit_id = ?"
                    + " GROUP BY n.recipient, n.claim_id, n.kind HAVING COUNT(*) > 1", unit);
        }
        return report;
    }
}
