package cn.xueshi.makeup;

import cn.xueshi.rules.Hours;
import cn.xueshi.clock.BusinessClock;
import cn.xueshi.system.NotFound;
import cn.xueshi.claim.ProgressService;
import cn.xueshi.claim.YearProgress;
import cn.xueshi.evidence.EvidenceStore;
import cn.xueshi.filing.FilingStatus;
import cn.xueshi.filing.UnitFilingRepository;
import cn.xueshi.identity.CurrentUser;
import cn.xueshi.identity.Directory;
import cn.xueshi.identity.Groups;
import cn.xueshi.identity.Unit;
import cn.xueshi.rules.RecognitionRequest;
import cn.xueshi.rules.RecognitionResult;
import cn.xueshi.rules.RecognitionService;
import cn.xueshi.variable.ProcessVariables;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.Errors;

/**
 * 补学/减免: checks and stores hardship requests, carries the employer's decision, and answers what a
 * person still owes for a year. What a rule set offers comes from dmn/hardship-policy.dmn.
 */
@Service
public class MakeupService {

    public static final String PROCESS_KEY = "makeup-request";
    public static final String REVIEW_TASK = "reviewRequest";
    public static final String SUPPLEMENT_TASK = "supplementRequest";
    static final BigDecimal MAX_HOURS = new BigDecimal("1000");

    private final MakeupRequestRepository requests;
    private final MakeupObligationRepository obligations;
    private final HardshipPolicy policy;
    private final RecognitionService recognition;
    private final ProgressService progress;
    private final UnitFilingRepository filings;
    private final EvidenceStore evidence;
    private final Directory directory;
    private final RuntimeService runtime;
    private final TaskService tasks;
    private final cn.xueshi.task.HumanTasks humanTasks;
    private final BusinessClock clock;
    private final ZoneId zone;

    MakeupService(MakeupRequestRepository requests, MakeupObligationRepository obligations, HardshipPolicy policy,
            RecognitionService recognition, ProgressService progress, UnitFilingRepository filings,
            EvidenceStore evidence, Directory directory, RuntimeService runtime, TaskService tasks,
            cn.xueshi.task.HumanTasks humanTasks, BusinessClock clock) {
        this.humanTasks = humanTasks;
        this.requests = requests;
        this.obligations = obligations;
        this.policy = policy;
        this.recognition = recognition;
        this.progress = progress;
        this.filings = filings;
        this.evidence = evidence;
        this.directory = directory;
        this.runtime = runtime;
        this.tasks = tasks;
        this.clock = clock;
        this.zone = clock.zone();
    }

    /** The current year on the engine's clock. */
    public int currentYear() {
        return clock.today().getYear();
    }

    /**
     * Checks the form for the person's unit; problems go to their fields in Chinese. Returns the
     * policy row when the request may go ahead. {@code supplementing} is the request being completed
     * after a return (its own pending state is no reason to refuse), or null for a new one.
     */
    public Optional<HardshipPolicy.Decision> validate(MakeupForm form, CurrentUser me, Unit unit, Errors errors,
            Long supplementing) {
        if (form.getYear() == null || form.getYear() > currentYear() || form.getYear() < currentYear() - 5) {
            errors.rejectValue("year", "makeup.error.year");
            return Optional.empty();
        }
        int year = form.getYear();
        Optional<String> ruleSet = recognition.ruleSetFor(unit, year);
        if (ruleSet.isEmpty()) {
            errors.rejectValue("year", "claim.error.year.noRuleSet", new Object[] {String.valueOf(year)}, null);
            return Optional.empty();
        }
        if (form.getReason() == null) {
            errors.rejectValue("reason", "makeup.error.reason");
        }
        if (form.getRemedy() == null) {
            errors.rejectValue("remedy", "makeup.error.remedy");
        }
        if (form.getPeriodStart() == null) {
            errors.rejectValue("periodStart", "makeup.error.period.missing");
        }
        if (form.getPeriodEnd() == null) {
            errors.rejectValue("periodEnd", "makeup.error.period.missing");
        }
        if (form.getPeriodStart() != null && form.getPeriodEnd() != null) {
            if (form.getPeriodEnd().isBefore(form.getPeriodStart())) {
                errors.rejectValue("periodEnd", "claim.error.date.endBeforeStart");
            } else if (form.getPeriodEnd().getYear() < year || form.getPeriodStart().getYear() > year) {
                errors.rejectValue("periodStart", "makeup.error.period.year", new Object[] {String.valueOf(year)}, null);
            }
        }
        if (form.getDescription() == null || form.getDescription().isBlank()) {
            errors.rejectValue("description", "makeup.error.description");
        } else if (form.getDescription().length() > 2000) {
            errors.rejectValue("description", "claim.error.description.tooLong", new Object[] {"2000"}, null);
        }
        if (filings.findByUnitIdAndYear(unit.getId(), year).filter(f -> f.getStatus() == FilingStatus.FILED).isPresent()) {
            errors.rejectValue("year", "makeup.error.filed", new Object[] {String.valueOf(year)}, null);
        }
        if (!requests.findByClaimantAndYearAndStatusIn(me.userId(), year,
                List.of(MakeupRequest.Status.APPROVED)).isEmpty()) {
            errors.rejectValue("year", "makeup.error.approvedExists", new Object[] {String.valueOf(year)}, null);
        } else if (requests.findByClaimantAndYearAndStatusIn(me.userId(), year,
                List.of(MakeupRequest.Status.IN_REVIEW, MakeupRequest.Status.RETURNED)).stream()
                .anyMatch(r -> !r.getId().equals(supplementing))) {
            errors.rejectValue("year", "makeup.error.pending", new Object[] {String.valueOf(year)}, null);
        }
        if (errors.hasErrors()) {
            return Optional.empty();
        }
        HardshipPolicy.Decision decision = policy.of(ruleSet.get(), form.getReason(), form.getRemedy());
        if (!decision.allowed()) {
            errors.rejectValue("remedy", "makeup.error.notOffered", new Object[] {decision.basis()}, null);
            return Optional.empty();
        }
        if (form.getRemedy() == MakeupRequest.Remedy.REDUCTION) {
            if (decision.prorated()) {
                Hours prorated = prorated(ruleSet.get(), year, decision, form.getPeriodStart(), form.getPeriodEnd());
                if (prorated.isZero()) {
                    errors.rejectValue("periodEnd", "makeup.error.tooShort", new Object[] {decision.basis()}, null);
                    return Optional.empty();
                }
                form.setRequestedPublic(prorated.publicHours());
                form.setRequestedProfessional(prorated.professionalHours());
            } else {
                checkHours(form.getRequestedPublic(), "requestedPublic", errors);
                checkHours(form.getRequestedProfessional(), "requestedProfessional", errors);
                if (!errors.hasErrors() && form.getRequestedPublic().add(form.getRequestedProfessional()).signum() == 0) {
                    errors.rejectValue("requestedProfessional", "makeup.error.hours.zero");
                }
            }
        }
        return errors.hasErrors() ? Optional.empty() : Optional.of(decision);
    }

    private static void checkHours(BigDecimal value, String field, Errors errors) {
        if (value == null) {
            errors.rejectValue(field, "review.error.hours.missing");
        } else if (value.signum() < 0 || value.compareTo(MAX_HOURS) > 0 || value.scale() > 1) {
            errors.rejectValue(field, "review.error.hours.range");
        }
    }

    /** Months of the period within the year, a started month counting whole (按月份比例). */
    static int monthsWithin(int year, LocalDate start, LocalDate end) {
        LocalDate from = start.isBefore(LocalDate.of(year, 1, 1)) ? LocalDate.of(year, 1, 1) : start;
        LocalDate to = end.isAfter(LocalDate.of(year, 12, 31)) ? LocalDate.of(year, 12, 31) : end;
        if (to.isBefore(from)) {
            return 0;
        }
        return (int) ChronoUnit.MONTHS.between(from.withDayOfMonth(1), to.withDayOfMonth(1)) + 1;
    }

    /** The reduction the rule set's LONG_ABSENCE row credits for the period (Qingdao 四（四）4). */
    Hours prorated(String ruleSet, int year, HardshipPolicy.Decision decision, LocalDate start, LocalDate end) {
        int months = monthsWithin(year, start, end);
        RecognitionResult r = recognition.evaluate(new RecognitionRequest(ruleSet, year, List.of(Map.of(
                "activityType", "LONG_ABSENCE", "reason", decision.absenceReason(), "months", months))));
        return new Hours(r.items().get(0).publicHours(), r.items().get(0).professionalHours());
    }

    /**
     * Stores the request with its evidence and starts its process. A repeated submission key (a double
     * click) is a {@code Conflict("makeup.submit.duplicate")}; nothing is stored twice.
     */
    @Transactional
    public MakeupRequest submit(MakeupForm form, HardshipPolicy.Decision decision, CurrentUser me, Unit unit,
            List<org.springframework.web.multipart.MultipartFile> files) {
        Optional<MakeupRequest> earlier = requests.findBySubmissionKey(form.getSubmissionKey());
        if (earlier.isPresent()) {
            if (!earlier.get().getClaimant().equals(me.userId())) {
                throw new NotFound();
            }
            // the same form again: the controller says it was not stored twice
            throw new cn.xueshi.system.Conflict("makeup.submit.duplicate");
        }
        String ruleSet = recognition.ruleSetFor(unit, form.getYear()).orElseThrow();
        MakeupRequest request = new MakeupRequest(me.userId(), unit.getId(), ruleSet, form.getYear(),
                form.getSubmissionKey());
        describe(request, form, decision);
        try {
            request = requests.saveAndFlush(request);
        } catch (org.springframework.dao.DataIntegrityViolationException e) {
            // the same form a moment earlier, still committing (a double click): this one is the duplicate
            throw new cn.xueshi.system.Conflict("makeup.submit.duplicate");
        }
        if (files != null) {
            evidence.keepForMakeup(request.getId(), files, me.userId());
        }
        List<String> reviewers = directory.reviewersOf(unit.getId());
        String instance = runtime.startProcessInstanceByKey(PROCESS_KEY, String.valueOf(request.getId()),
                Variables.createVariables()
                        .putValue("requestId", request.getId())
                        .putValue("claimant", me.userId())
                        .putValue("reviewers", ProcessVariables.candidates(reviewers))
                        .putValue("remedy", request.getRemedy().name())
                        .putValue("jurisdiction", unit.getJurisdiction()))
                .getId();
        request.startedAs(instance);
        return requests.save(request);
    }

    private static void describe(MakeupRequest request, MakeupForm form, HardshipPolicy.Decision decision) {
        boolean reduction = form.getRemedy() == MakeupRequest.Remedy.REDUCTION;
        request.describe(form.getReason(), form.getPeriodStart(), form.getPeriodEnd(), form.getDescription().trim(),
                form.getRemedy(), reduction ? form.getRequestedPublic() : null,
                reduction ? form.getRequestedProfessional() : null, decision.basis());
    }

    /** The request already made from this form (same submission key) by this person, if any. */
    public Optional<MakeupRequest> submittedWith(String submissionKey, CurrentUser me) {
        return requests.findBySubmissionKey(submissionKey).filter(r -> r.getClaimant().equals(me.userId()));
    }

    /** The request if {@code me} may see it: the requester, the unit's reviewers, the bureau there, admins. */
    public MakeupRequest viewable(long id, CurrentUser me) {
        MakeupRequest r = requests.findById(id).orElseThrow(NotFound::new);
        if (r.getClaimant().equals(me.userId()) || me.isIn(Groups.ADMIN)
                || (me.isIn(Groups.REVIEWER) && me.reviews(r.getUnitId()))
                || (me.isIn(Groups.BUREAU) && me.oversees(jurisdictionOf(r)))) {
            return r;
        }
        throw new NotFound();
    }

    private String jurisdictionOf(MakeupRequest r) {
        return directory.unitJurisdiction(r.getUnitId()).orElse("");
    }

    public Task reviewTask(String taskId, CurrentUser me) {
        return humanTasks.find(taskId, REVIEW_TASK, me.userId());
    }

    /** The request behind the task; a task that ended meanwhile is a conflict (someone else decided), not a 500. */
    public MakeupRequest requestOf(Task task) {
        Long id = (Long) humanTasks.variable(task, "requestId")
                .orElseThrow(() -> new cn.xueshi.system.Conflict("review.conflict.done"));
        return requests.findById(id).orElseThrow(NotFound::new);
    }

    public List<Task> reviewTasks(CurrentUser me) {
        return humanTasks.open(REVIEW_TASK, me.userId());
    }

    /** A review task with its request. */
    public record PendingReview(Task task, MakeupRequest request) {
    }

    /**
     * The employer's open review tasks with their requests, read in one query each; a task another
     * reviewer completed while the list was read is left out.
     */
    public List<PendingReview> pendingReviews(CurrentUser me) {
        List<Task> open = reviewTasks(me);
        Map<String, Object> idOfInstance = humanTasks.processVariable(open, "requestId");
        Map<Long, MakeupRequest> byId = new java.util.HashMap<>();
        requests.findAllById(idOfInstance.values().stream().map(Long.class::cast).toList())
                .forEach(r -> byId.put(r.getId(), r));
        List<PendingReview> pending = new ArrayList<>();
        for (Task t : open) {
            MakeupRequest r = byId.get((Long) idOfInstance.get(t.getProcessInstanceId()));
            if (r != null) {
                pending.add(new PendingReview(t, r));
            }
        }
        return pending;
    }

    public void validateDecision(MakeupDecisionForm form, MakeupRequest request, Errors errors) {
        if (form.getDecision() == null) {
            errors.rejectValue("decision", "review.error.decision");
            return;
        }
        if (form.getDecision() != MakeupDecisionForm.Decision.APPROVE
                && (form.getComment() == null || form.getComment().isBlank())) {
            errors.rejectValue("comment", "review.error.reason");
        }
        if (form.getComment() != null && form.getComment().length() > 1000) {
            errors.rejectValue("comment", "review.error.reason.tooLong");
        }
        if (form.getDecision() == MakeupDecisionForm.Decision.APPROVE_DIFFERENT) {
            if (request.getRemedy() != MakeupRequest.Remedy.REDUCTION) {
                errors.rejectValue("decision", "makeup.error.differentOnlyForReduction");
            } else {
                checkHours(form.getApprovedPublic(), "approvedPublic", errors);
                checkHours(form.getApprovedProfessional(), "approvedProfessional", errors);
            }
        }
    }

    /** The employer's decision, completed with the task in one transaction. */
    @Transactional
    public void decide(String taskId, CurrentUser me, MakeupDecisionForm form) {
        Task t;
        try {
            t = reviewTask(taskId, me);
        } catch (NotFound e) {
            // the form was shown, so the task was there: another decision was faster
            throw new cn.xueshi.system.Conflict("review.conflict.done");
        }
        MakeupRequest request = requestOf(t);
        if (request.getStatus() != MakeupRequest.Status.IN_REVIEW) {
            throw new cn.xueshi.system.Conflict("review.conflict.done");
        }
        BigDecimal pub = request.getRequestedPublic();
        BigDecimal prof = request.getRequestedProfessional();
        if (form.getDecision() == MakeupDecisionForm.Decision.APPROVE_DIFFERENT) {
            pub = form.getApprovedPublic();
            prof = form.getApprovedProfessional();
        }
        String comment = form.getComment() == null || form.getComment().isBlank() ? null : form.getComment().trim();
        humanTasks.complete(taskId, Variables.createVariables()
                .putValue("decision", form.getDecision() == MakeupDecisionForm.Decision.APPROVE_DIFFERENT
                        ? "APPROVE" : form.getDecision().name())
                .putValue("decidedBy", me.userId())
                .putValue("decisionComment", comment)
                .putValue("approvedPublic", ProcessVariables.hours(pub))
                .putValue("approvedProfessional", ProcessVariables.hours(prof)));
    }

    public Optional<Task> supplementTask(MakeupRequest request, CurrentUser me) {
        if (request.getProcessInstanceId() == null || !request.getClaimant().equals(me.userId())) {
            return Optional.empty();
        }
        return Optional.ofNullable(tasks.createTaskQuery().processInstanceId(request.getProcessInstanceId())
                .taskDefinitionKey(SUPPLEMENT_TASK).taskAssignee(me.userId()).singleResult());
    }

    /** More evidence and a corrected description after a return; back to the employer's review. */
    @Transactional
    public void supplement(long requestId, MakeupForm form, HardshipPolicy.Decision decision, CurrentUser me,
            List<org.springframework.web.multipart.MultipartFile> files) {
        MakeupRequest request = viewable(requestId, me);
        Task task = supplementTask(request, me).orElseThrow(cn.xueshi.task.NotYourTask::new);
        describe(request, form, decision);
        requests.save(request);
        if (files != null) {
            evidence.keepForMakeup(request.getId(), files, me.userId());
        }
        tasks.complete(task.getId());
    }

    public List<MakeupRequest> mine(CurrentUser me) {
        return requests.findByClaimantOrderByCreatedAtDesc(me.userId());
    }

    public List<MakeupObligation> myObligations(CurrentUser me) {
        return obligations.findByClaimantOrderByYearDesc(me.userId());
    }

    public List<MakeupObligation> unitObligations(CurrentUser me) {
        List<Long> units = me.reviewedUnits().stream().map(Unit::getId).toList();
        return units.isEmpty() ? List.of()
                : obligations.findByUnitIdInAndStatusOrderByDueDate(units, MakeupObligation.Status.OPEN);
    }

    /** What {@code year} still lacks (public, professional) after registered and make-up claims; zero when met. */
    public Hours shortfall(String claimant, int year, String ruleSet) {
        YearProgress p = progress.of(claimant, year, ruleSet).orElseThrow();
        BigDecimal pub = p.requirement().publicMin().subtract(p.publicHours()).max(BigDecimal.ZERO);
        BigDecimal prof = p.requirement().professionalMin().subtract(p.professionalHours()).max(BigDecimal.ZERO);
        BigDecimal total = p.requirement().total().subtract(p.totalHours()).max(BigDecimal.ZERO);
        // a total gap beyond the subject gaps is owed in professional hours
        BigDecimal extra = total.subtract(pub.add(prof)).max(BigDecimal.ZERO);
        return new Hours(pub, prof.add(extra));
    }
}
