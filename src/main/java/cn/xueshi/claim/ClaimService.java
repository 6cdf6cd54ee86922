package cn.xueshi.claim;

import cn.xueshi.evidence.EvidenceStore;
import cn.xueshi.identity.CurrentUser;
import cn.xueshi.identity.Groups;
import cn.xueshi.identity.Unit;
import cn.xueshi.identity.UnitRepository;
import cn.xueshi.rules.ActivityType;
import cn.xueshi.rules.ItemResult;
import cn.xueshi.rules.RecognitionException;
import cn.xueshi.rules.RecognitionRequest;
import cn.xueshi.rules.RecognitionResult;
import cn.xueshi.rules.RecognitionService;
import cn.xueshi.system.RequestLimits;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.Errors;

/**
 * Registration (学时登记): checks a claim form against the person's rule set, stores the claim and
 * starts its process, handles corrections, and answers who may see which claim.
 */
@Service
public class ClaimService {

    public static final String PROCESS_KEY = "claim-lifecycle";
    static final int MAX_DESCRIPTION = 2000;
    static final int MAX_TITLE = 300;
    private static final Pattern ITEM_FIELD = Pattern.compile("items\\[(\\d+)\\](?:\\.(\\w+))?");

    private final ClaimRepository claims;
    private final RecognitionService recognition;
    private final RegistrationPolicy policies;
    private final RuntimeService runtime;
    private final TaskService tasks;
    private final UnitRepository units;
    private final AuditLog audit;
    private final EvidenceStore evidence;
    private final ObjectMapper json;
    private final ZoneId zone;
    private final JdbcTemplate jdbc;
    private final HardshipAdjustments hardship;
    private final RequestLimits limits;

    ClaimService(ClaimRepository claims, RecognitionService recognition, RegistrationPolicy policies,
            RuntimeService runtime, TaskService tasks, UnitRepository units, AuditLog audit, EvidenceStore evidence,
            ObjectMapper json, JdbcTemplate jdbc, HardshipAdjustments hardship, RequestLimits limits,
            @Value("${xueshi.time-zone:Asia/Shanghai}") String zone) {
        this.hardship = hardship;
        this.limits = limits;
        this.jdbc = jdbc;
        this.claims = claims;
        this.recognition = recognition;
        this.policies = policies;
        this.runtime = runtime;
        this.tasks = tasks;
        this.units = units;
        this.audit = audit;
        this.evidence = evidence;
        this.json = json;
        this.zone = ZoneId.of(zone);
    }

    /** Today on the engine's clock (tests move it with ClockUtil), in China Standard Time. */
    public LocalDate today() {
        return LocalDate.ofInstant(org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime().toInstant(), zone);
    }

    /** The rule set that governs the person's hours for {@code year}, by their unit's jurisdiction. */
    public Optional<String> ruleSetFor(Unit unit, int year) {
        return recognition.ruleSetFor(unit.getJurisdiction(), year);
    }

    public List<ActivityType> activityTypes(String ruleSet) {
        return recognition.activityTypes(ruleSet);
    }

    /**
     * Checks the form; every problem is reported against its field in {@code errors}, in Chinese.
     * Returns the rule set that applies when the form is valid so far.
     */
    public Optional<String> validate(ClaimForm form, Unit unit, Errors errors) {
        if (form.getYear() == null) {
            errors.rejectValue("year", "claim.error.year.missing");
            return Optional.empty();
        }
        int year = form.getYear();
        if (year > today().getYear() || year < limits.minYear()) {
            errors.rejectValue("year", "claim.error.year.range", new Object[] {String.valueOf(today().getYear())}, null);
            return Optional.empty();
        }
        Optional<String> ruleSet = ruleSetFor(unit, year);
        if (ruleSet.isEmpty()) {
            errors.rejectValue("year", "claim.error.year.noRuleSet", new Object[] {String.valueOf(year)}, null);
            return Optional.empty();
        }
        if (form.getDescription() != null && form.getDescription().length() > MAX_DESCRIPTION) {
            errors.rejectValue("description", "claim.error.description.tooLong", new Object[] {MAX_DESCRIPTION}, null);
        }
        if (!form.isPledge()) {
            errors.rejectValue("pledge", "claim.error.pledge");
        }
        if (form.getItems().isEmpty()) {
            errors.rejectValue("items", "claim.error.items.empty");
            return ruleSet;
        }
        for (int i = 0; i < form.getItems().size(); i++) {
            ItemForm item = form.getItems().get(i);
            String prefix = "items[" + i + "].";
            if (item.getActivityType() == null || item.getActivityType().isBlank()) {
                errors.rejectValue(prefix + "activityType", "claim.error.activityType.missing");
            }
            if (item.getActivityDate() == null) {
                errors.rejectValue(prefix + "activityDate", "claim.error.date.missing");
            } else if (item.getActivityDate().getYear() != year) {
                errors.rejectValue(prefix + "activityDate", "claim.error.date.year", new Object[] {String.valueOf(year)}, null);
            } else if (item.getActivityDate().isAfter(today())) {
                errors.rejectValue(prefix + "activityDate", "claim.error.date.future");
            }
            if (item.getActivityEnd() != null && item.getActivityDate() != null
                    && item.getActivityEnd().isBefore(item.getActivityDate())) {
                errors.rejectValue(prefix + "activityEnd", "claim.error.date.endBeforeStart");
            }
            if (item.getTitle() != null && item.getTitle().length() > MAX_TITLE) {
                errors.rejectValue(prefix + "title", "claim.error.title.tooLong", new Object[] {MAX_TITLE}, null);
            }
        }
        if (errors.hasFieldErrors("items*")) {
            return ruleSet;
        }
        try {
            recognition.evaluate(new RecognitionRequest(ruleSet.get(), year, requestItems(form, ruleSet.get())));
        } catch (RecognitionException e) {
            errors.rejectValue(formField(e.field()), "claim.error.rules", new Object[] {e.getMessage()}, e.getMessage());
        }
        return ruleSet;
    }

    /** A claim may count for the previous year only while the person has an open make-up obligation for it. */
    public void validateMakeup(ClaimForm form, String claimant, Errors errors) {
        Integer makeup = form.getMakeupForYear();
        if (makeup == null) {
            return;
        }
        if (form.getYear() == null || makeup != form.getYear() - 1 || !hardship.openMakeup(claimant, makeup)) {
            errors.rejectValue("makeupForYear", "claim.error.makeup", new Object[] {String.valueOf(makeup)}, null);
        }
    }

    /** The earlier year the person may make up with this year's claims, if any. */
    public Optional<Integer> makeupYearFor(String claimant, int year) {
        return hardship.openMakeup(claimant, year - 1) ? Optional.of(year - 1) : Optional.empty();
    }

    /** Maps a recognition-API field (items[2].rank) to the form field that shows it (items[2].params[rank]). */
    static String formField(String apiField) {
        if (apiField == null || apiField.isBlank() || apiField.equals("ruleSet")) {
            return "items";
        }
        Matcher m = ITEM_FIELD.matcher(apiField);
        if (m.matches()) {
            String param = m.group(2);
            if (param == null || param.equals("activityType")) {
                return "items[" + m.group(1) + "].activityType";
            }
            return "items[" + m.group(1) + "].params[" + param + "]";
        }
        return apiField.equals("year") ? "year" : "items";
    }

    /** The form's items as recognition-API items: blank values left out, numbers as numbers. */
    List<Map<String, Object>> requestItems(ClaimForm form, String ruleSet) {
        List<ActivityType> types = recognition.activityTypes(ruleSet);
        List<Map<String, Object>> items = new ArrayList<>();
        for (ItemForm f : form.getItems()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("activityType", f.getActivityType());
            ActivityType type = types.stream().filter(t -> t.code().equals(f.getActivityType())).findFirst().orElse(null);
            f.getParams().forEach((name, raw) -> {
                if (raw == null || raw.isBlank() || type == null || type.parameter(name) == null) {
                    return;
                }
                item.put(name, typed(type.parameter(name), raw.trim()));
            });
            items.add(item);
        }
        return items;
    }

    private static Object typed(ActivityType.Parameter p, String raw) {
        if (p.kind() == ActivityType.Kind.ENUM) {
            return raw;
        }
        try {
            return new BigDecimal(raw);
        } catch (NumberFormatException e) {
            return raw; // the rules answer with a message naming the field
        }
    }

    /**
     * Stores the claim and starts its process, in one transaction. A repeated submission key (a
     * double click) returns the claim already made; a second annual declaration is refused.
     */
    @Transactional
    public Claim submit(ClaimForm form, String ruleSet, Unit unit, CurrentUser me) {
        return submitOnce(form, ruleSet, unit, me).claim();
    }

    /** A claim made by a submission, and whether it was made by an earlier submission of the same form. */
    public record Submission(Claim claim, boolean duplicate) {
    }

    /**
     * Like {@link #submit}, saying whether this was a repeat of the form; a repeat racing the first one
     * while it commits is a {@code ReviewConflict("claim.submit.duplicate")}.
     */
    @Transactional
    public Submission submitOnce(ClaimForm form, String ruleSet, Unit unit, CurrentUser me) {
        Optional<Claim> earlier = claims.findBySubmissionKey(form.getSubmissionKey());
        if (earlier.isPresent()) {
            if (!earlier.get().getClaimant().equals(me.userId())) {
                throw new ClaimNotFound();
            }
            return new Submission(earlier.get(), true);
        }
        RegistrationPolicy.Policy policy = policies.of(ruleSet);
        Claim claim = new Claim(me.userId(), unit.getId(), ruleSet, form.getYear(), blankToNull(form.getDescription()),
                form.getSubmissionKey());
        claim.replaceItems(items(form, ruleSet), blankToNull(form.getDescription()));
        claim.countFor(form.getMakeupForYear());
        try {
            claim = claims.saveAndFlush(claim);
        } catch (DataIntegrityViolationException e) {
            // the same form a moment earlier, still committing (a double click): this one is the duplicate;
            // this transaction is spoilt by the failed insert, so it ends here as a conflict
            throw new cn.xueshi.review.ReviewConflict("claim.submit.duplicate");
        }
        if (policy.annualDeclaration()) {
            declareOnce(claim);
        }
        evidence.attachPending(form.getSubmissionKey(), me.userId(), claim.getId());
        audit.record(claim.getId(), me.userId(), "SUBMITTED", claim.getDescription(), null);
        String instance = runtime.startProcessInstanceByKey(PROCESS_KEY, String.valueOf(claim.getId()),
                Variables.createVariables()
                        .putValue("claimId", claim.getId())
                        .putValue("claimant", me.userId())
                        .putValue("ruleSet", ruleSet)
                        .putValue("unitType", unit.getUnitType().name())
                        .putValue("jurisdiction", unit.getJurisdiction()))
                .getId();
        claim.startedAs(instance);
        return new Submission(claim, false);
    }

    private void declareOnce(Claim claim) {
        Integer existing = jdbc.queryForObject(
                "SELECT COUNT(*) FROM xs_annual_declaration WHERE claimant = ? AND claim_year = ?", Integer.class,
                claim.getClaimant(), claim.getYear());
        if (existing != null && existing > 0) {
            throw new AlreadyDeclared(claim.getYear());
        }
        try {
            jdbc.update("INSERT INTO xs_annual_declaration (claimant, claim_year, claim_id) VALUES (?, ?, ?)",
                    claim.getClaimant(), claim.getYear(), claim.getId());
        } catch (DataIntegrityViolationException e) {
            throw new AlreadyDeclared(claim.getYear());
        }
    }

    /** The claim already made from this form (same submission key) by this person, if any. */
    public Optional<Claim> submittedWith(String submissionKey, CurrentUser me) {
        return claims.findBySubmissionKey(submissionKey).filter(c -> c.getClaimant().equals(me.userId()));
    }

    /** Whether the person has already made this year's one declaration (rule sets that allow only one). */
    public boolean hasDeclared(String claimant, int year, String ruleSet) {
        if (!policies.of(ruleSet).annualDeclaration()) {
            return false;
        }
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM xs_annual_declaration WHERE claimant = ? AND claim_year = ?",
                Integer.class, claimant, year);
        return n != null && n > 0;
    }

    public RegistrationPolicy.Policy policy(String ruleSet) {
        return policies.of(ruleSet);
    }

    private List<ClaimItem> items(ClaimForm form, String ruleSet) {
        List<Map<String, Object>> requestItems = requestItems(form, ruleSet);
        List<ClaimItem> items = new ArrayList<>();
        for (int i = 0; i < form.getItems().size(); i++) {
            ItemForm f = form.getItems().get(i);
            Map<String, Object> params = new LinkedHashMap<>(requestItems.get(i));
            params.remove("activityType");
            items.add(new ClaimItem(f.getActivityType(), toJson(params), blankToNull(f.getTitle()), f.getActivityDate(),
                    f.getActivityEnd()));
        }
        return items;
    }

    /** The open correction task of a returned claim, if the signed-in claimant has one. */
    public Optional<Task> correctionTask(Claim claim, CurrentUser me) {
        if (claim.getProcessInstanceId() == null || !claim.getClaimant().equals(me.userId())) {
            return Optional.empty();
        }
        return Optional.ofNullable(tasks.createTaskQuery().processInstanceId(claim.getProcessInstanceId())
                .taskDefinitionKey("correctClaim").taskAssignee(me.userId()).singleResult());
    }

    /** Replaces the items of a returned claim and sends it back to review, in the correction task's transaction. */
    @Transactional
    public void correct(long claimId, ClaimForm form, String ruleSet, CurrentUser me) {
        Claim claim = claims.findById(claimId).orElseThrow(ClaimNotFound::new);
        Task task = correctionTask(claim, me).orElseThrow(NotYourTask::new);
        claim.replaceItems(items(form, ruleSet), blankToNull(form.getDescription()));
        claim.resubmitted();
        evidence.attachPending(form.getSubmissionKey(), me.userId(), claim.getId());
        audit.record(claim.getId(), me.userId(), "CORRECTED", claim.getDescription(), task.getId());
        claims.saveAndFlush(claim);
        tasks.complete(task.getId());
    }

    /** The form pre-filled from a claim (for its correction). */
    public ClaimForm formOf(Claim claim) {
        ClaimForm form = new ClaimForm();
        form.setYear(claim.getYear());
        form.setDescription(claim.getDescription());
        for (ClaimItem item : claim.getItems()) {
            ItemForm f = new ItemForm();
            f.setActivityType(item.getActivityType());
            f.setTitle(item.getTitle());
            f.setActivityDate(item.getActivityDate());
            f.setActivityEnd(item.getActivityEnd());
            params(item).forEach((k, v) -> f.getParams().put(k, v == null ? "" : String.valueOf(v)));
            form.getItems().add(f);
        }
        return form;
    }

    /** The rules' proposal for the claim's items, frozen on each item with decision version and rule (delegate). */
    @Transactional
    public Claim proposeHours(long claimId) {
        Claim claim = claims.findById(claimId).orElseThrow(ClaimNotFound::new);
        RecognitionResult result = recognition.evaluate(new RecognitionRequest(claim.getRuleSet(), claim.getYear(),
                requestItems(claim)));
        for (int i = 0; i < claim.getItems().size(); i++) {
            ItemResult r = result.items().get(i);
            claim.getItems().get(i).recognized(r);
        }
        claim.proposed(result.totalHours(), result.publicHours(), result.professionalHours());
        return claims.save(claim);
    }

    public List<Map<String, Object>> requestItems(Claim claim) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (ClaimItem item : claim.getItems()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("activityType", item.getActivityType());
            m.putAll(params(item));
            items.add(m);
        }
        return items;
    }

    public Map<String, Object> params(ClaimItem item) {
        try {
            return json.readValue(item.getParamsJson(), new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable parameters of claim item " + item.getId(), e);
        }
    }

    private String toJson(Map<String, Object> params) {
        try {
            return json.writeValueAsString(params);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The claim, if {@code me} may see it; otherwise not found (never reveal that it exists). */
    public Claim viewable(long claimId, CurrentUser me) {
        Claim claim = claims.findById(claimId).orElseThrow(ClaimNotFound::new);
        if (!canView(claim, me)) {
            throw new ClaimNotFound();
        }
        return claim;
    }

    /** Claimant, the claim's reviewers, the bureau of its jurisdiction, supervisors there, and admins. */
    public boolean canView(Claim claim, CurrentUser me) {
        return canSeeEvidence(claim, me) || (me.isIn(Groups.SUPERVISOR) && me.oversees(jurisdictionOf(claim)));
    }

    /** Evidence: the claimant, the claim's reviewers, the bureau of its jurisdiction and admins. */
    public boolean canSeeEvidence(Claim claim, CurrentUser me) {
        if (claim.getClaimant().equals(me.userId()) || me.isIn(Groups.ADMIN)) {
            return true;
        }
        if (me.isIn(Groups.BUREAU) && me.oversees(jurisdictionOf(claim))) {
            return true;
        }
        return me.isIn(Groups.REVIEWER) && !"BUREAU".equals(claim.getReviewerKind()) && me.reviews(claim.getUnitId());
    }

    private String jurisdictionOf(Claim claim) {
        return units.findById(claim.getUnitId()).map(Unit::getJurisdiction).orElse("");
    }

    public List<Claim> mine(CurrentUser me) {
        return claims.findByClaimantOrderBySubmittedAtDesc(me.userId());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
