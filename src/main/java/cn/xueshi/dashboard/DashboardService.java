package cn.xueshi.dashboard;

import cn.xueshi.clock.BusinessClock;
import cn.xueshi.filing.FilingProperties;
import cn.xueshi.identity.CurrentUser;
import cn.xueshi.identity.Directory;
import cn.xueshi.identity.Groups;
import cn.xueshi.identity.Unit;
import cn.xueshi.identity.UnitRepository;
import cn.xueshi.rules.RecognitionException;
import cn.xueshi.rules.RecognitionRequest;
import cn.xueshi.rules.RecognitionService;
import cn.xueshi.rules.Requirement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * 监督看板: the views of supervisors, the bureau and admins, always within the jurisdictions the viewer
 * oversees (xs_oversight); admins see all. Requirements come from the rule sets, never from here.
 */
@Service
public class DashboardService {

    static final int HOLDERS_SHOWN = 20;

    private final ClaimFlowQueries flow;
    private final ComplianceQueries compliance;
    private final RecognitionService recognition;
    private final FilingProperties filing;
    private final UnitRepository units;
    private final Directory directory;
    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final BusinessClock clock;
    private final ZoneId zone;
    private final NationwideCopies copies;
    private final Duration nationwideMaxAge;
    private final Duration nationwideWait;
    private final int unitChoicesMax;
    private final Rollups rollups;
    /** Runs the overview's queries side by side; bounded so one page cannot take every connection. */
    private final Executor views = Executors.newFixedThreadPool(3, r -> {
        Thread t = new Thread(r, "dashboard-view");
        t.setDaemon(true);
        return t;
    });

    DashboardService(ClaimFlowQueries flow, ComplianceQueries compliance, RecognitionService recognition,
            FilingProperties filing, UnitRepository units, Directory directory, JdbcTemplate jdbc, NamedParameterJdbcTemplate named,
            BusinessClock clock, NationwideCopies copies,
            @Value("${xueshi.dashboard.nationwide-max-age}") Duration nationwideMaxAge,
            @Value("${xueshi.dashboard.nationwide-wait}") Duration nationwideWait,
            @Value("${xueshi.dashboard.unit-choices-max}") int unitChoicesMax, Rollups rollups) {
        this.rollups = rollups;
        this.unitChoicesMax = unitChoicesMax;
        this.copies = copies;
        this.nationwideMaxAge = nationwideMaxAge;
        this.nationwideWait = nationwideWait;
        this.flow = flow;
        this.compliance = compliance;
        this.recognition = recognition;
        this.filing = filing;
        this.units = units;
        this.directory = directory;
        this.jdbc = jdbc;
        this.named = named;
        this.clock = clock;
        this.zone = clock.zone();
    }

    static boolean mayView(CurrentUser me) {
        return me.isIn(Groups.ADMIN) || me.isIn(Groups.SUPERVISOR) || me.isIn(Groups.BUREAU);
    }

    /** Jurisdiction codes the viewer may choose from (all for admins), in code order. */
    public List<String> jurisdictions(CurrentUser me) {
        return choosable(me, jdbc.queryForList("SELECT code FROM xs_jurisdiction ORDER BY code", String.class));
    }

    /** Of all jurisdiction codes (a page that has read them already), those the viewer may choose from. */
    static List<String> choosable(CurrentUser me, List<String> all) {
        return me.isIn(Groups.ADMIN) ? all : all.stream().filter(me::oversees).toList();
    }

    /**
     * The scope of a request: the viewer's jurisdictions narrowed by the filters. A jurisdiction or unit
     * outside them is refused as not found, so nobody learns what exists elsewhere.
     */
    DashboardScope scope(CurrentUser me, int year, String jurisdiction, Long unitId) {
        return checked(me, year, jurisdiction, unitId).scope();
    }

    /** The scope of one unit's pages, with the unit its check has read (the page shows it: no second lookup). */
    record UnitScope(DashboardScope scope, Unit unit) {
    }

    /** {@link #scope} of one unit: refused as not found outside the viewer's jurisdictions, as there. */
    UnitScope unitScope(CurrentUser me, int year, long unitId) {
        return checked(me, year, null, unitId);
    }

    private UnitScope checked(CurrentUser me, int year, String jurisdiction, Long unitId) {
        if (!mayView(me)) {
            throw new OutsideScope();
        }
        boolean admin = me.isIn(Groups.ADMIN);
        Set<String> allowed = admin ? null : Set.copyOf(me.jurisdictions());
        if (jurisdiction != null && !jurisdiction.isBlank()) {
            if (!admin && !me.oversees(jurisdiction)) {
                throw new OutsideScope();
            }
            allowed = Set.of(jurisdiction);
        }
        Unit unit = null;
        if (unitId != null) {
            unit = units.findById(unitId).orElseThrow(OutsideScope::new);
            if (allowed != null && !allowed.contains(unit.getJurisdiction())) {
                throw new OutsideScope();
            }
        }
        return new UnitScope(new DashboardScope(year, allowed, unitId), unit);
    }

    /**
     * The whole-country overview (an administrator without filters) is served from the cluster's shared copy
     * ({@link NationwideCopies}, in the database) at most {@code xueshi.dashboard.nationwide-max-age} old: one node
     * rebuilds a stale copy in the background while every node serves the one there is. The first request of a
     * year waits for the node that builds it (or builds it itself) and computes on its own only when that takes
     * longer than {@code xueshi.dashboard.nationwide-wait}.
     */
    Overview overview(DashboardScope s) {
        if (!s.unrestricted()) {
            return compute(s);
        }
        Optional<NationwideCopies.Copy> copy = copies.read(s.year());
        if (copy.isPresent()) {
            if (copy.get().olderThan(nationwideMaxAge) && refreshing.add(s.year())) {
                CompletableFuture.runAsync(() -> {
                    try {
                        copies.build(s.year(), nationwideMaxAge, () -> compute(s));
                    } finally {
                        refreshing.remove(s.year());
                    }
                }, views);
            }
            return copy.get().overview();
        }
        Instant giveUp = Instant.now().plus(nationwideWait);
        while (Instant.now().isBefore(giveUp)) {
            Optional<NationwideCopies.Copy> built = copies.build(s.year(), nationwideMaxAge, () -> compute(s));
            if (built.isPresent()) {
                return built.get().overview();
            }
            // another node is building it: its copy appears when it is done
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            copy = copies.read(s.year());
            if (copy.isPresent()) {
                return copy.get().overview();
            }
        }
        return compute(s);
    }

    /**
     * True while the rollups are not built (the first start after a migration that asks for a rebuild, V95 or V132,
     * or other step-time buckets): one node rebuilds them in one transaction and the others would show the rollups
     * as they were before it — none at all after V95, durations counted with other buckets — so the pages say
     * 统计数据正在重建 instead of showing figures. Once built, not asked again ({@link Rollups#ready()}).
     */
    boolean rebuilding() {
        return !rollups.ready();
    }

    /** Years whose nationwide copy is being rebuilt by this node (one background rebuild per year at a time). */
    private final Set<Integer> refreshing = ConcurrentHashMap.newKeySet();

    /**
     * All views of the page. The aggregates are independent read-only queries, so they run side by
     * side (the database has more than one core to give); the page waits for the slowest.
     */
    Overview compute(DashboardScope s) {
        LocalDate today = clock.today();
        // the engine stores zone-less timestamps in the JVM zone, so task ages compare in that zone
        LocalDateTime now = LocalDateTime.ofInstant(BusinessClock.now(), ZoneId.systemDefault());
        // one fold of the pending marks for the whole page, before any view reads (a mark committed before the
        // request is in every view); each view asking again cost a SELECT on the marks and a lock attempt each
        Rollups.Fresh fresh = rollups.caughtUp();
        var unitRows = async(() -> compliance.units(s, requirements(s), today, fresh).stream()
                .map(u -> u.filingDeadline() != null ? u : withDeadline(u, s.year())).toList());
        var holders = async(() -> flow.holders(s, now, HOLDERS_SHOWN, fresh));
        var byState = async(() -> flow.claimsByState(s, fresh));
        var throughput = async(() -> flow.throughput(s, fresh));
        var backlog = async(() -> flow.backlog(s, now, fresh));
        var stepTimes = async(() -> flow.stepTimes(s, fresh));
        var objections = async(() -> flow.objections(s, fresh));
        var hours = async(() -> compliance.hoursByType(s, fresh));
        var health = async(() -> flow.health(s));
        Map<String, String> names = new LinkedHashMap<>();
        holders.join().forEach(h -> names.put(h.holder(), directory.displayName(h.holder())));
        return new Overview(s, today, byState.join(), throughput.join(), backlog.join(), holders.join(), names,
                stepTimes.join(), objections.join(), unitRows.join(), hours.join(), health.join());
    }

    private <T> CompletableFuture<T> async(Supplier<T> query) {
        return CompletableFuture.supplyAsync(query, views);
    }

    private ComplianceQueries.UnitRow withDeadline(ComplianceQueries.UnitRow u, int year) {
        return new ComplianceQueries.UnitRow(u.unitId(), u.code(), u.name(), u.jurisdiction(), u.persons(), u.judged(),
                u.compliant(), u.filingStatus(), filing.deadlineFor(u.jurisdiction(), year), u.openObligations(),
                u.overdueObligations());
    }

    /**
     * Units the unit filter offers: those of the scope's jurisdictions, by name — at most
     * {@code xueshi.dashboard.unit-choices-max} + 1 (more than the maximum: the page offers the search instead).
     */
    List<Map<String, Object>> unitChoices(DashboardScope s) {
        DashboardScope all = new DashboardScope(s.year(), s.jurisdictions(), null);
        var p = all.params();
        return named.queryForList("SELECT u.id, u.name FROM xs_unit u WHERE 1 = 1" + all.where("u")
                + " ORDER BY u.name, u.id FETCH FIRST " + (unitChoicesMax + 1) + " ROWS ONLY", p);
    }

    int unitChoicesMax() {
        return unitChoicesMax;
    }

    Unit unit(DashboardScope s) {
        return units.findById(s.unitId()).orElseThrow(OutsideScope::new);
    }

    List<ComplianceQueries.PersonRow> people(DashboardScope s) {
        return people(new UnitScope(s, unit(s)));
    }

    List<ComplianceQueries.PersonRow> people(UnitScope u) {
        return compliance.people(u.scope(), requirement(u.unit().getJurisdiction(), u.scope().year()).orElse(null),
                u.unit().getJurisdiction(), u.unit().getDepartmentCode());
    }

    /** A member of the scope's unit and their claims of the year; anyone else is not found. */
    List<ComplianceQueries.ClaimRow> claimsOf(DashboardScope s, String userId) {
        Long member = jdbc.queryForObject("SELECT COUNT(*) FROM xs_person WHERE user_id = ? AND unit_id = ?", Long.class,
                userId, s.unitId());
        if (member == null || member == 0) {
            throw new OutsideScope();
        }
        return compliance.claimsOf(userId, s.year());
    }

    String displayName(String userId) {
        return directory.displayName(userId);
    }

    /** The requirement of each jurisdiction in scope that has a rule set in force for the year. */
    Map<String, Requirement> requirements(DashboardScope s) {
        List<String> codes = s.jurisdictions() != null ? List.copyOf(s.jurisdictions())
                : jdbc.queryForList("SELECT code FROM xs_jurisdiction ORDER BY code", String.class);
        Map<String, Requirement> byCode = new LinkedHashMap<>();
        for (String code : codes) {
            requirement(code, s.year()).ifPresent(r -> byCode.put(code, r));
        }
        return byCode;
    }

    /** The rule set's requirement, read by evaluating no items (the rule set owns the numbers). */
    Optional<Requirement> requirement(String jurisdiction, int year) {
        return recognition.ruleSetFor(jurisdiction, year).flatMap(ruleSet -> {
            try {
                return Optional.of(recognition.evaluate(new RecognitionRequest(ruleSet, year, List.of())).requirement());
            } catch (RecognitionException e) {
                return Optional.empty();
            }
        });
    }
}
