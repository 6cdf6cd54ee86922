package cn.xueshi.collective;

import cn.xueshi.claim.Claim;
import cn.xueshi.claim.ClaimForm;
import cn.xueshi.claim.ClaimRepository;
import cn.xueshi.claim.ClaimService;
import cn.xueshi.claim.ClaimStatus;
import cn.xueshi.claim.ClaimValidation;
import cn.xueshi.claim.AuditLog;
import cn.xueshi.evidence.EvidenceFile;
import cn.xueshi.evidence.EvidenceStore;
import cn.xueshi.identity.CurrentUser;
import cn.xueshi.identity.Groups;
import cn.xueshi.identity.UnitOrganisers;
import cn.xueshi.identity.Unit;
import cn.xueshi.identity.UnitRepository;
import cn.xueshi.importing.RowClaims;
import cn.xueshi.review.ReviewForm;
import cn.xueshi.review.ReviewService;
import cn.xueshi.system.Conflict;
import cn.xueshi.system.NotFound;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.multipart.MultipartFile;

/**
 * 单位组织的学习活动: the organiser (a reviewer of the unit) creates it once; each person put on the roster gets one
 * claim through the form's own path ({@link ClaimValidation}, {@link ClaimService}: DMN proposal by the attendee's
 * rule set, routing, audit, one process instance each). The organiser approves the activity's claims as a batch
 * (each still its own review decision); removing someone from the roster rejects only that person's claim, and an
 * attendee may decline (声明未参加), which the batch turns into a rejection.
 */
@Service
public class ActivityService {

    public static final String ORIGIN = "ACTIVITY_ROSTER";

    private final UnitActivityRepository activities;
    private final AttendanceRepository attendances;
    private final UnitRepository units;
    private final ClaimValidation validation;
    private final ClaimService claimService;
    private final ClaimRepository claims;
    private final ReviewService review;
    private final TaskService tasks;
    private final AuditLog audit;
    private final MessageSource messages;
    private final ObjectMapper json;
    private final UnitOrganisers organisers;
    private final EvidenceStore evidence;

    ActivityService(UnitActivityRepository activities, AttendanceRepository attendances, UnitRepository units,
            ClaimValidation validation, ClaimService claimService, ClaimRepository claims, ReviewService review,
            TaskService tasks, AuditLog audit, MessageSource messages, ObjectMapper json, UnitOrganisers organisers,
            EvidenceStore evidence) {
        this.organisers = organisers;
        this.evidence = evidence;
        this.activities = activities;
        this.attendances = attendances;
        this.units = units;
        this.validation = validation;
        this.claimService = claimService;
        this.claims = claims;
        this.review = review;
        this.tasks = tasks;
        this.audit = audit;
        this.messages = messages;
        this.json = json;
    }

    /**
     * The units whose activities this person organises: the units they review, and for a 单位活动组织者 (group
     * organiser) the one unit an admin granted. Organising is creating activities and keeping rosters; reviewing
     * (roster corrections that reject a claim, batch approval) stays with the reviewers.
     */
    public List<Unit> organisedUnits(CurrentUser me) {
        List<Unit> out = new java.util.ArrayList<>(me.reviewedUnits());
        if (me.isIn(Groups.ORGANISER)) {
            organisers.unitOf(me.userId()).filter(u -> out.stream().noneMatch(r -> r.getId().equals(u.getId())))
                    .ifPresent(out::add);
        }
        return out;
    }

    public boolean mayOrganise(CurrentUser me, long unitId) {
        return me.reviews(unitId) || (me.isIn(Groups.ORGANISER)
                && organisers.unitOf(me.userId()).filter(u -> u.getId() == unitId).isPresent());
    }

    public boolean organisesAny(CurrentUser me) {
        return !organisedUnits(me).isEmpty();
    }

    private static void requireReviewer(UnitActivity activity, CurrentUser me) {
        if (!me.reviews(activity.getUnitId())) {
            throw new ActivityRefused("userId", "activity.error.reviewersOnly");
        }
    }

    /** The activity's fields as the organiser typed them. */
    public record ActivityDraft(Long unitId, String title, String activityType, Map<String, String> params,
            LocalDate date, String organiser) {
    }

    /** Creates the activity after checking it as one attendee's claim would be checked in its unit. */
    @Transactional
    public UnitActivity create(ActivityDraft d, CurrentUser me) {
        if (d.unitId() == null || !mayOrganise(me, d.unitId())) {
            throw new ActivityRefused("unitId", "activity.error.unit");
        }
        Unit unit = units.findById(d.unitId()).orElseThrow(NotFound::new);
        require("title", d.title(), 300);
        require("organiser", d.organiser(), 300);
        require("activityType", d.activityType(), 40);
        if (d.date() == null) {
            throw new ActivityRefused("date", "activity.error.required");
        }
        ClaimForm form = form(d.title().trim(), d.activityType().trim(), d.date(), d.params(), "check");
        BeanPropertyBindingResult errors = new BeanPropertyBindingResult(form, "claimForm");
        validation.validate(form, unit, errors);
        if (errors.hasErrors()) {
            FieldError e = errors.getFieldError();
            String field = e == null ? "title" : e.getField().contains("activityDate") || e.getField().equals("year")
                    ? "date" : e.getField().contains("activityType") ? "activityType" : "params";
            throw new ActivityRefused(field, "activity.error.rules", text(errors));
        }
        return activities.save(new UnitActivity(d.unitId(), d.title().trim(), d.activityType().trim(),
                write(clean(d.params())), d.date(), d.organiser().trim(), me.userId()));
    }

    /** The activity, if this person organises activities of its unit (404 otherwise). */
    public UnitActivity activity(long id, CurrentUser me) {
        return activities.findById(id).filter(a -> mayOrganise(me, a.getUnitId())).orElseThrow(NotFound::new);
    }

    public List<UnitActivity> activitiesOf(CurrentUser me) {
        return activities.findByUnitIdInOrderByActivityDateDescIdDesc(
                organisedUnits(me).stream().map(Unit::getId).toList());
    }

    public List<Attendance> roster(UnitActivity activity) {
        return attendances.findByActivityIdOrderByUserId(activity.getId());
    }

    /** The claims of the roster by id, for the roster table. */
    public Map<Long, Claim> claimsOf(List<Attendance> roster) {
        Map<Long, Claim> byId = new LinkedHashMap<>();
        claims.findByIdIn(roster.stream().map(Attendance::getClaimId).filter(java.util.Objects::nonNull).toList())
                .forEach(c -> byId.put(c.getId(), c));
        return byId;
    }

    /** Why one person cannot be put on the roster (empty: they can), without writing anything. */
    public Optional<String> refusal(UnitActivity activity, String userId, Unit unit, Map<String, String> own,
            CurrentUser me) {
        if (unit == null || !mayOrganise(me, unit.getId())) {
            return Optional.of(messages.getMessage("activity.error.notYourUnit", new Object[] {userId},
                    LocaleContextHolder.getLocale()));
        }
        ClaimForm form = form(activity, own, "check");
        BeanPropertyBindingResult errors = new BeanPropertyBindingResult(form, "claimForm");
        validation.validate(form, unit, errors);
        return errors.hasErrors() ? Optional.of(text(errors)) : Optional.empty();
    }

    /** The persons on the roster now (not removed), in one query. */
    public java.util.Set<String> onRoster(UnitActivity activity) {
        return attendances.findByActivityIdOrderByUserId(activity.getId()).stream()
                .filter(a -> a.getStatus() != Attendance.Status.REMOVED).map(Attendance::getUserId)
                .collect(java.util.stream.Collectors.toSet());
    }

    /** Every roster line of the activity (removed ones too) by person, for a commit of many. */
    Map<String, Attendance> attendanceByUser(UnitActivity activity) {
        Map<String, Attendance> out = new java.util.HashMap<>();
        attendances.findByActivityIdOrderByUserId(activity.getId()).forEach(a -> out.put(a.getUserId(), a));
        return out;
    }

    public boolean onRoster(UnitActivity activity, String userId) {
        return attendances.findByActivityIdAndUserId(activity.getId(), userId)
                .filter(a -> a.getStatus() != Attendance.Status.REMOVED).isPresent();
    }

    /**
     * Puts one person on the roster and makes their claim, priced by their own unit's rule set; in the caller's
     * transaction (the roster import holds all of them in one). Refused (409) for someone already on it.
     */
    @Transactional
    public Claim enroll(UnitActivity activity, String userId, Unit unit, Map<String, String> own, CurrentUser me) {
        if (unit == null || !mayOrganise(me, unit.getId())) {
            throw new ActivityRefused("userId", "activity.error.notYourUnit", userId);
        }
        Optional<Attendance> earlier = attendances.findByActivityIdAndUserId(activity.getId(), userId);
        // checked once here, exactly as the form would be (the rules of this person's own unit)
        ClaimForm check = form(activity, own, "check");
        BeanPropertyBindingResult errors = new BeanPropertyBindingResult(check, "claimForm");
        Optional<String> ruleSet = validation.validate(check, unit, errors);
        if (errors.hasErrors() || ruleSet.isEmpty()) {
            throw new ActivityRefused("userId", "activity.error.rules", text(errors));
        }
        Claim claim = enrollChecked(activity, userId, unit, own, ruleSet.get(), earlier.orElse(null), me);
        shareEvidence(activity, List.of(claim.getId()));
        return claim;
    }

    /**
     * Evidence of the activity (notice, sign-in sheet), checked as any evidence is and stored once; every
     * attendee's claim on the roster references it, and the audit of each says which files were added by whom.
     * People put on the roster later get it with their claim.
     */
    @Transactional
    public List<EvidenceFile> addEvidence(UnitActivity activity, List<MultipartFile> files, CurrentUser me) {
        if (!mayOrganise(me, activity.getUnitId())) {
            throw new NotFound();
        }
        List<Long> ids = evidence.keepForActivity(activity.getId(), files, me.userId());
        List<EvidenceFile> added = evidence.forActivity(activity.getId()).stream()
                .filter(f -> ids.contains(f.id())).toList();
        List<Long> onRoster = roster(activity).stream()
                .filter(a -> a.getStatus() != Attendance.Status.REMOVED && a.getClaimId() != null)
                .map(Attendance::getClaimId).toList();
        evidence.share(ids, onRoster);
        String names = String.join("、", added.stream().map(EvidenceFile::fileName).toList());
        for (Long claimId : onRoster) {
            audit.record(claimId, me.userId(), "EVIDENCE_SHARED", names, null);
        }
        return added;
    }

    public List<EvidenceFile> evidenceOf(UnitActivity activity) {
        return evidence.forActivity(activity.getId());
    }

    /** Lets the claims reference all of the activity's evidence (a roster commit: once for all its claims). */
    void shareEvidence(UnitActivity activity, List<Long> claimIds) {
        evidence.share(activity.getId(), claimIds);
    }

    /** One person for {@link #enrollAll}: their unit, own parameters and the rule set their check answered. */
    record Checked(String userId, Unit unit, Map<String, String> own, String ruleSet) {
    }

    /**
     * Puts many people on the roster whose forms the caller has just checked (a roster import's commit), in the
     * caller's transaction: their claims through {@link ClaimService#submitManyOnBehalf} (one query for repeats, the
     * process starts in one engine command), the roster read once, the activity's evidence shared once. Answers
     * the claims made.
     */
    @Transactional
    public List<Claim> enrollAll(UnitActivity activity, List<Checked> people, CurrentUser me) {
        Map<String, Attendance> earlier = attendanceByUser(activity);
        List<ClaimService.OnBehalf> requests = new java.util.ArrayList<>(people.size());
        String source = activity.getOrganiser() + "：" + activity.getTitle();
        for (Checked p : people) {
            if (p.unit() == null || !mayOrganise(me, p.unit().getId())) {
                throw new ActivityRefused("userId", "activity.error.notYourUnit", p.userId());
            }
            Attendance before = earlier.get(p.userId());
            if (before != null && before.getStatus() != Attendance.Status.REMOVED) {
                throw new Conflict("activity.conflict.onRoster");
            }
            String again = before == null ? "" : String.valueOf(before.getClaimId());
            requests.add(new ClaimService.OnBehalf(form(activity, p.own(), key(activity.getId() + "|" + p.userId()
                    + "|" + again)), p.ruleSet(), p.unit(), p.userId(), me.userId(), ORIGIN, source));
        }
        List<Claim> made = claimService.submitManyOnBehalf(requests).stream().map(ClaimService.Submission::claim)
                .toList();
        List<Attendance> lines = new java.util.ArrayList<>(people.size());
        for (int i = 0; i < people.size(); i++) {
            Checked p = people.get(i);
            Attendance a = earlier.get(p.userId());
            if (a == null) {
                a = new Attendance(activity.getId(), p.userId(), write(clean(p.own())), me.userId());
            }
            a.change(Attendance.Status.ON_ROSTER, me.userId());
            a.claimed(made.get(i).getId());
            lines.add(a);
        }
        attendances.saveAll(lines);
        shareEvidence(activity, made.stream().map(Claim::getId).toList());
        return made;
    }

    /**
     * Puts one person on the roster whose form the caller has just checked ({@code ruleSet} is that check's
     * answer). {@code earlier}: their roster line, if any. The claim's process starts with its hour proposal as the
     * first job, so this writes claim, audit, instance and job only; the job executor prices it after the commit.
     */
    private Claim enrollChecked(UnitActivity activity, String userId, Unit unit, Map<String, String> own, String ruleSet,
            Attendance earlier, CurrentUser me) {
        if (unit == null || !mayOrganise(me, unit.getId())) {
            throw new ActivityRefused("userId", "activity.error.notYourUnit", userId);
        }
        if (earlier != null && earlier.getStatus() != Attendance.Status.REMOVED) {
            throw new Conflict("activity.conflict.onRoster");
        }
        // a person removed and added again gets a new claim: the key names the removed one
        String again = earlier == null ? "" : String.valueOf(earlier.getClaimId());
        ClaimForm form = form(activity, own, key(activity.getId() + "|" + userId + "|" + again));
        Claim claim = claimService.submitOnBehalf(form, ruleSet, unit, userId, me.userId(), ORIGIN,
                activity.getOrganiser() + "：" + activity.getTitle()).claim();
        Attendance a = earlier != null ? earlier : new Attendance(activity.getId(), userId, write(clean(own)), me.userId());
        a.change(Attendance.Status.ON_ROSTER, me.userId());
        a.claimed(claim.getId());
        attendances.save(a);
        return claim;
    }

    /**
     * Roster correction: takes the person off and rejects their claim (still in review) with the reason, through
     * the review decision, so the audit shows who and why; nobody else's claim changes.
     */
    @Transactional
    public void remove(UnitActivity activity, String userId, CurrentUser me) {
        requireReviewer(activity, me);
        Attendance a = attendances.findByActivityIdAndUserId(activity.getId(), userId)
                .filter(x -> x.getStatus() != Attendance.Status.REMOVED).orElseThrow(NotFound::new);
        Claim claim = claims.findById(a.getClaimId()).orElseThrow(NotFound::new);
        Task task = reviewTask(claim).orElseThrow(() -> new Conflict(claim.getStatus() == ClaimStatus.SUBMITTED
                ? "activity.conflict.computing" : "activity.conflict.decided"));
        ReviewForm form = new ReviewForm();
        form.setDecision(ReviewForm.Decision.REJECT);
        form.setComment(messages.getMessage("activity.removed.reason", new Object[] {activity.getTitle()},
                LocaleContextHolder.getLocale()));
        review.decide(task.getId(), me, form);
        a.change(Attendance.Status.REMOVED, me.userId());
        attendances.save(a);
        audit.record(claim.getId(), me.userId(), "ROSTER_REMOVED", null, null);
    }

    /** The attendee says they did not attend: recorded now; the organiser's batch approval rejects the claim. */
    @Transactional
    public void decline(long claimId, CurrentUser me) {
        Attendance a = attendances.findByClaimId(claimId).filter(x -> x.getUserId().equals(me.userId()))
                .orElseThrow(NotFound::new);
        Claim claim = claims.findById(claimId).orElseThrow(NotFound::new);
        if (a.getStatus() != Attendance.Status.ON_ROSTER
                || (claim.getStatus() != ClaimStatus.SUBMITTED && claim.getStatus() != ClaimStatus.IN_REVIEW)) {
            throw new Conflict("activity.conflict.decided");
        }
        a.change(Attendance.Status.DECLINED, me.userId());
        attendances.save(a);
        audit.record(claimId, me.userId(), "DECLINED", null, null);
    }

    /** The activities this person is on the roster of (for 我的单位活动). */
    public List<Attendance> attendancesOf(String userId) {
        return attendances.findByUserIdOrderByIdDesc(userId);
    }

    public Optional<UnitActivity> find(long id) {
        return activities.findById(id);
    }

    /** What the batch did: approved, rejected as declined, left (still being computed or already decided). */
    public record BatchResult(int approved, int rejected, int left) implements java.io.Serializable {
    }

    /** Approves the activity's claims in review as one batch: one review decision per claim, each its own commit. */
    public BatchResult approveAll(UnitActivity activity, CurrentUser me) {
        requireReviewer(activity, me);
        int approved = 0;
        int rejected = 0;
        int left = 0;
        for (Attendance a : roster(activity)) {
            if (a.getStatus() == Attendance.Status.REMOVED || a.getClaimId() == null) {
                continue;
            }
            Optional<Task> task = claims.findById(a.getClaimId()).flatMap(this::reviewTask);
            if (task.isEmpty()) {
                left++;
                continue;
            }
            ReviewForm form = new ReviewForm();
            boolean declined = a.getStatus() == Attendance.Status.DECLINED;
            form.setDecision(declined ? ReviewForm.Decision.REJECT : ReviewForm.Decision.APPROVE);
            form.setComment(messages.getMessage(declined ? "activity.declined.reason" : "activity.batch.comment",
                    new Object[] {activity.getTitle()}, LocaleContextHolder.getLocale()));
            try {
                review.decide(task.get().getId(), me, form);
                if (declined) {
                    rejected++;
                } else {
                    approved++;
                }
            } catch (Conflict | NotFound | org.springframework.dao.ConcurrencyFailureException
                    | org.camunda.bpm.engine.OptimisticLockingException e) {
                left++; // decided by someone else meanwhile: the others still go through
            }
        }
        return new BatchResult(approved, rejected, left);
    }

    private Optional<Task> reviewTask(Claim claim) {
        if (claim.getProcessInstanceId() == null || claim.getStatus() != ClaimStatus.IN_REVIEW) {
            return Optional.empty();
        }
        return tasks.createTaskQuery().processInstanceId(claim.getProcessInstanceId())
                .taskDefinitionKey(ReviewService.REVIEW_TASK).list().stream().findFirst();
    }

    /** The attendee's claim form: the activity's parameters, their own values over them. */
    public ClaimForm claimForm(UnitActivity activity, Map<String, String> own, String key) {
        return form(activity, own, key);
    }

    private ClaimForm form(UnitActivity activity, Map<String, String> own, String key) {
        Map<String, String> params = new LinkedHashMap<>(read(activity.getParamsJson()));
        params.putAll(clean(own));
        return form(activity.getTitle(), activity.getActivityType(), activity.getActivityDate(), params, key);
    }

    private static ClaimForm form(String title, String type, LocalDate date, Map<String, String> params, String key) {
        return RowClaims.form(key, title, type, date, params);
    }

    private static Map<String, String> clean(Map<String, String> params) {
        Map<String, String> out = new LinkedHashMap<>();
        if (params != null) {
            params.forEach((k, v) -> {
                if (k != null && !k.isBlank() && v != null && !v.isBlank()) {
                    out.put(k.trim(), v.trim());
                }
            });
        }
        return out;
    }

    private String text(BeanPropertyBindingResult errors) {
        return errors.getAllErrors().stream().map(e -> messages.getMessage(e, LocaleContextHolder.getLocale()))
                .findFirst().orElse("");
    }

    private static void require(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new ActivityRefused(field, "activity.error.required");
        }
        if (value.trim().length() > max) {
            throw new ActivityRefused(field, "activity.error.tooLong", max);
        }
    }

    private static String key(String s) {
        return cn.xueshi.importing.RowReports.submissionKey("act", s);
    }

    private String write(Map<String, String> m) {
        try {
            return json.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    Map<String, String> read(String s) {
        try {
            return json.readValue(s, new TypeReference<LinkedHashMap<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
