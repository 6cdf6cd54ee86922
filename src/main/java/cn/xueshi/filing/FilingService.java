package cn.xueshi.filing;

import cn.xueshi.clock.BusinessClock;
import cn.xueshi.calendar.WorkingDayCalendar;
import cn.xueshi.claim.Claim;
import cn.xueshi.system.NotFound;
import cn.xueshi.claim.ClaimRepository;
import cn.xueshi.claim.ClaimStatus;
import cn.xueshi.claim.ProgressService;
import cn.xueshi.claim.YearProgress;
import cn.xueshi.identity.CurrentUser;
import cn.xueshi.identity.Directory;
import cn.xueshi.identity.Groups;
import cn.xueshi.identity.Unit;
import cn.xueshi.identity.UnitRepository;
import cn.xueshi.system.Conflict;
import cn.xueshi.rules.RecognitionService;
import cn.xueshi.variable.ProcessVariables;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 年度备案: the reviewer compiles the unit's registered hours for a year and submits them; the bureau
 * of the unit's jurisdiction verifies (or returns) them; on verification every registered claim of
 * that unit and year is marked filed.
 */
@Service
public class FilingService {

    public static final String PROCESS_KEY = "annual-filing";
    public static final String COMPILE_TASK = "compileFiling";
    public static final String VERIFY_TASK = "verifyFiling";

    private final UnitFilingRepository filings;
    private final UnitRepository units;
    private final ClaimRepository claims;
    private final ProgressService progress;
    private final RecognitionService recognition;
    private final Directory directory;
    private final RuntimeService runtime;
    private final cn.xueshi.task.HumanTasks humanTasks;
    private final WorkingDayCalendar calendar;
    private final FilingProperties properties;
    private final BusinessClock clock;
    private final ZoneId zone;

    FilingService(UnitFilingRepository filings, UnitRepository units, ClaimRepository claims, ProgressService progress,
            RecognitionService recognition, Directory directory, RuntimeService runtime,
            WorkingDayCalendar calendar, FilingProperties properties, cn.xueshi.task.HumanTasks humanTasks,
            BusinessClock clock) {
        this.humanTasks = humanTasks;
        this.filings = filings;
        this.units = units;
        this.claims = claims;
        this.progress = progress;
        this.recognition = recognition;
        this.directory = directory;
        this.runtime = runtime;
        this.calendar = calendar;
        this.properties = properties;
        this.clock = clock;
        this.zone = clock.zone();
    }

    /** Units whose filings the person sees: the units they review, or all units of the jurisdictions they cover. */
    public List<Unit> visibleUnits(CurrentUser me) {
        Set<Unit> visible = new LinkedHashSet<>(me.isIn(Groups.REVIEWER) ? me.reviewedUnits() : List.of());
        if (me.isIn(Groups.BUREAU) && !me.jurisdictions().isEmpty()) {
            visible.addAll(units.findByJurisdictionInOrderByCode(me.jurisdictions()));
        }
        return List.copyOf(visible);
    }

    public boolean mayView(UnitFiling filing, CurrentUser me) {
        return visibleUnits(me).stream().anyMatch(u -> u.getId().equals(filing.getUnitId()));
    }

    public UnitFiling viewable(long filingId, CurrentUser me) {
        UnitFiling filing = filings.findById(filingId).orElseThrow(NotFound::new);
        if (!mayView(filing, me)) {
            throw new NotFound();
        }
        return filing;
    }

    public List<UnitFiling> filingsOf(List<Unit> visible) {
        return visible.isEmpty() ? List.of()
                : filings.findByUnitIdInOrderByYearDescUnitIdAsc(visible.stream().map(Unit::getId).toList());
    }

    public LocalDate deadline(Unit unit, int year) {
        return properties.deadlineFor(unit.getJurisdiction(), year);
    }

    /** Starts the unit's filing of {@code year}; only a reviewer of the unit, once per unit and year. */
    @Transactional
    public UnitFiling start(long unitId, int year, CurrentUser me) {
        if (!me.isIn(Groups.REVIEWER) || !me.reviews(unitId)) {
            throw new NotFound();
        }
        Unit unit = units.findById(unitId).orElseThrow(NotFound::new);
        if (year > clock.today().getYear() || recognition.ruleSetFor(unit, year).isEmpty()) {
            throw new FilingRefused("filing.error.year");
        }
        if (filings.findByUnitIdAndYear(unitId, year).isPresent()) {
            throw new FilingRefused("filing.error.exists");
        }
        List<String> bureau = directory.overseers(unit.getJurisdiction(), Groups.BUREAU);
        if (bureau.isEmpty()) {
            throw new FilingRefused("filing.error.noBureau");
        }
        LocalDate deadline = deadline(unit, year);
        UnitFiling filing;
        try {
            filing = filings.saveAndFlush(new UnitFiling(unitId, year, deadline, me.userId()));
        } catch (DataIntegrityViolationException e) {
            throw new FilingRefused("filing.error.exists");
        }
        LocalDate remindOn = calendar.addWorkingDays(clock.today(), 0);
        // the reminder falls N working days before the deadline, but never before today
        LocalDate candidate = calendar.workingDaysBefore(deadline, properties.reminderWorkingDays());
        LocalDate reminder = candidate.isAfter(remindOn) ? candidate : remindOn;
        String instance = runtime.startProcessInstanceByKey(PROCESS_KEY, String.valueOf(filing.getId()),
                Variables.createVariables()
                        .putValue("filingId", filing.getId())
                        .putValue("unitId", unitId)
                        .putValue("year", year)
                        .putValue("reviewers", ProcessVariables.candidates(directory.reviewersOf(unitId)))
                        .putValue("bureauUsers", ProcessVariables.candidates(bureau))
                        .putValue("filingDeadline", Date.from(deadline.atTime(23, 59, 59).atZone(zone).toInstant()))
                        .putValue("reminderAt", Date.from(reminder.atTime(9, 0).atZone(zone).toInstant())))
                .getId();
        filing.startedAs(instance);
        return filings.save(filing);
    }

    /** Per person of the unit: registered hours of the year against the requirement (汇总表). */
    public FilingSummary summary(long unitId, int year) {
        Unit unit = units.findById(unitId).orElseThrow(NotFound::new);
        Optional<String> ruleSet = recognition.ruleSetFor(unit, year);
        List<FilingSummary.PersonRow> rows = new ArrayList<>();
        BigDecimal pub = BigDecimal.ZERO;
        BigDecimal prof = BigDecimal.ZERO;
        long compliant = 0;
        List<Claim> ofYear = claims.findByUnitIdAndYearOrderByClaimantAscSubmittedAtAsc(unitId, year);
        Map<String, Long> counted = ofYear.stream().filter(c -> c.getStatus().counts())
                .collect(Collectors.groupingBy(Claim::getClaimant, Collectors.counting()));
        // everyone who belonged to the unit during the year: who left shows the hours registered here until the move
        for (String member : directory.membersDuring(unitId, year)) {
            Optional<ProgressService.UnitYear> y = ruleSet.isEmpty() ? Optional.empty()
                    : progress.forUnit(member, year, unitId);
            YearProgress p = y.map(ProgressService.UnitYear::progress).orElse(null);
            rows.add(new FilingSummary.PersonRow(member, directory.displayName(member), p, counted.getOrDefault(member, 0L),
                    y.map(ProgressService.UnitYear::joinedOn).orElse(null), y.map(ProgressService.UnitYear::leftOn).orElse(null)));
            if (p != null) {
                pub = pub.add(p.publicHours());
                prof = prof.add(p.professionalHours());
                compliant += p.compliant() && y.get().leftOn() == null ? 1 : 0;
            }
        }
        Map<String, Long> byStatus = new TreeMap<>(ofYear.stream()
                .collect(Collectors.groupingBy(c -> c.getStatus().name(), Collectors.counting())));
        return new FilingSummary(rows, pub, prof, pub.add(prof), compliant, byStatus);
    }

    public Optional<Task> openTask(UnitFiling filing, CurrentUser me) {
        if (filing.getProcessInstanceId() == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(humanTasks.ofInstance(filing.getProcessInstanceId(), me.userId()));
    }

    /** 提交备案: the reviewer has checked the summary. */
    @Transactional
    public void submit(long filingId, CurrentUser me) {
        UnitFiling filing = viewable(filingId, me);
        Task task = openTask(filing, me).filter(t -> COMPILE_TASK.equals(t.getTaskDefinitionKey()))
                .orElseThrow(() -> new Conflict("review.conflict.done"));
        filing.submitted(me.userId());
        filings.save(filing);
        humanTasks.complete(task.getId(), Variables.createVariables().putValue("submittedBy", me.userId()));
    }

    /** 验证: the bureau approves (→ filed) or returns with comments (→ compile again). */
    @Transactional
    public void verify(long filingId, CurrentUser me, boolean approve, String comment) {
        UnitFiling filing = viewable(filingId, me);
        Task task = openTask(filing, me).filter(t -> VERIFY_TASK.equals(t.getTaskDefinitionKey()))
                .orElseThrow(() -> new Conflict("review.conflict.done"));
        if (approve) {
            filing.filed(me.userId(), comment);
        } else {
            filing.returned(me.userId(), comment);
        }
        filings.save(filing);
        humanTasks.complete(task.getId(),
                Variables.createVariables().putValue("verified", approve).putValue("bureauComment", comment));
    }

    /** 备案通过: every registered claim of the unit and year is told (message claimFiled) and ends filed. */
    @Transactional
    public int fileClaims(long filingId) {
        UnitFiling filing = filings.findById(filingId).orElseThrow();
        int n = 0;
        for (Claim claim : claims.findByUnitIdAndYearAndStatusIn(filing.getUnitId(), filing.getYear(),
                List.of(ClaimStatus.REGISTERED))) {
            if (claim.getProcessInstanceId() == null) {
                // an imported past record (历史学时导入) has no process to tell: it is filed here
                claim.filed(filingId);
                claims.save(claim);
                n++;
                continue;
            }
            runtime.createMessageCorrelation("claimFiled")
                    .processInstanceId(claim.getProcessInstanceId())
                    .setVariable("filingId", filingId)
                    .correlate();
            n++;
        }
        return n;
    }
}
