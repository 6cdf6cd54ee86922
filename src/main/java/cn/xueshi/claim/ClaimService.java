package cn.xueshi.claim;

import cn.xueshi.evidence.EvidenceStore;
import cn.xueshi.identity.CurrentUser;
import cn.xueshi.identity.Unit;
import cn.xueshi.rules.ItemResult;
import cn.xueshi.rules.RecognitionRequest;
import cn.xueshi.rules.RecognitionResult;
import cn.xueshi.rules.RecognitionService;
import cn.xueshi.task.NotYourTask;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registration (学时登记): stores a checked claim and starts its process, corrects a returned claim,
 * and freezes the rules' proposal on its items. Checking the form is {@link ClaimValidation}, who may
 * see a claim {@link ClaimAccess}, the one-declaration guard {@link AnnualDeclarations}, the items'
 * stored parameters {@link ItemParameters}.
 */
@Service
public class ClaimService {

    public static final String PROCESS_KEY = "claim-lifecycle";

    /**
     * How many process starts share one engine command (one flush, its rows in JDBC batches). Not all of a
     * roster: the engine orders a flush's inserts by their references in quadratic time (DbOperationManager
     * .sortByReferences), 40 % of the CPU of a 1,000-start flush; a hundred keeps that small and the flushes few.
     */
    private static final int STARTS_PER_COMMAND = 100;

    private final ClaimRepository claims;
    private final RecognitionService recognition;
    private final RegistrationPolicy policies;
    private final RuntimeService runtime;
    private final TaskService tasks;
    private final AuditLog audit;
    private final EvidenceStore evidence;
    private final AnnualDeclarations declarations;
    private final ItemParameters parameters;
    private final ClaimValidation validation;
    /** Runs several engine calls as one command: one flush, batched inserts (see submitManyOnBehalf). */
    private final org.camunda.bpm.engine.impl.interceptor.CommandExecutor engineCommands;
    private final ProcessStartGuard startGuard;
    private final AchievementIdentity achievements;

    ClaimService(ClaimRepository claims, RecognitionService recognition, RegistrationPolicy policies,
            RuntimeService runtime, TaskService tasks, AuditLog audit, EvidenceStore evidence,
            AnnualDeclarations declarations, ItemParameters parameters, ClaimValidation validation,
            org.camunda.bpm.engine.ProcessEngine engine, ProcessStartGuard startGuard, AchievementIdentity achievements) {
        this.startGuard = startGuard;
        this.achievements = achievements;
        this.engineCommands = ((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl)
                engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired();
        this.claims = claims;
        this.recognition = recognition;
        this.policies = policies;
        this.runtime = runtime;
        this.tasks = tasks;
        this.audit = audit;
        this.evidence = evidence;
        this.declarations = declarations;
        this.parameters = parameters;
        this.validation = validation;
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
     * while it commits is a {@code Conflict("claim.submit.duplicate")}.
     */
    @Transactional
    public Submission submitOnce(ClaimForm form, String ruleSet, Unit unit, CurrentUser me) {
        return submitAs(form, ruleSet, unit, me.userId(), me.userId(), null, null);
    }

    /**
     * A claim made for {@code claimant} by someone else: one attendee of a unit-organised activity (the organiser
     * files the roster) or one completion a training provider reports. The same path as the form (the caller has
     * run {@link ClaimValidation}): stored, audited, its own process instance; the attendee sees it in 我的学时.
     * The submission key makes it idempotent (the same attendee of the same activity is one claim).
     */
    @Transactional
    public Submission submitOnBehalf(ClaimForm form, String ruleSet, Unit unit, String claimant, String actor,
            String origin, String source) {
        return submitAs(form, ruleSet, unit, claimant, actor, origin, source);
    }

    /** One claim filed for someone else (see {@link #submitOnBehalf}), for {@link #submitManyOnBehalf}. */
    public record OnBehalf(ClaimForm form, String ruleSet, Unit unit, String claimant, String actor, String origin,
            String source) {
    }

    /**
     * Many claims filed for others in the caller's one transaction (a roster's commit): the same as
     * {@link #submitOnBehalf} for each, in order, but the repeats found with one query, the claims' audit lines
     * written as one batch, the pending-evidence and start-guard checks made with one query each, and the process
     * instances started a hundred to an engine command, so the engine writes their rows (instance, variables,
     * history, the hour proposal's job) in batches at a few flushes instead of one flush per claim. Each is still its own
     * {@code claim-lifecycle} instance whose first step is the asynchronous proposal; nothing is left unstarted:
     * the claims and their instances commit or roll back together.
     */
    @Transactional
    public List<Submission> submitManyOnBehalf(List<OnBehalf> requests) {
        Map<String, Claim> earlier = new java.util.HashMap<>();
        List<String> keys = requests.stream().map(r -> r.form().getSubmissionKey()).toList();
        for (List<String> part : cn.xueshi.system.InLists.parts(keys)) {
            claims.findBySubmissionKeyIn(part).forEach(c -> earlier.put(c.getSubmissionKey(), c));
        }
        List<Submission> out = new ArrayList<>(requests.size());
        List<Fresh> fresh = new ArrayList<>();
        for (OnBehalf r : requests) {
            Claim before = earlier.get(r.form().getSubmissionKey());
            if (before != null) {
                out.add(repeat(before, r.claimant()));
                continue;
            }
            Claim claim = newClaim(r);
            earlier.put(r.form().getSubmissionKey(), claim); // the same key twice in one batch is one claim
            fresh.add(new Fresh(claim, r));
            out.add(new Submission(claim, false));
        }
        try {
            claims.saveAll(fresh.stream().map(Fresh::claim).toList());
            claims.flush();
        } catch (DataIntegrityViolationException e) {
            throw duplicateRace();
        }
        registered(fresh);
        return out;
    }

    /** A claim just built from its form, not yet saved, with the request that made it. */
    private record Fresh(Claim claim, OnBehalf request) {
    }

    /** The answer to a form whose submission key made {@code earlier}: the same claim, for its own claimant only. */
    private static Submission repeat(Claim earlier, String claimant) {
        if (!earlier.getClaimant().equals(claimant)) {
            throw new ClaimNotFound();
        }
        return new Submission(earlier, true);
    }

    /**
     * The same form a moment earlier, still committing (a double click): this one is the duplicate; the
     * transaction is spoilt by the failed insert, so it ends here as a conflict.
     */
    private static cn.xueshi.system.Conflict duplicateRace() {
        return new cn.xueshi.system.Conflict("claim.submit.duplicate");
    }

    /** The claim a form makes ({@code origin} null: the claimant's own form), its items priced later. */
    private Claim newClaim(OnBehalf r) {
        ClaimForm form = r.form();
        Claim claim = new Claim(r.claimant(), r.unit().getId(), r.ruleSet(), form.getYear(),
                blankToNull(form.getDescription()), form.getSubmissionKey());
        claim.replaceItems(items(form, r.ruleSet()), blankToNull(form.getDescription()));
        claim.countFor(form.getMakeupForYear());
        if (r.origin() != null) {
            claim.importedFrom(r.origin(), r.source(), null);
        }
        return claim;
    }

    /**
     * What follows the save of new claims, for one form or a roster's many: the annual declaration where the rule
     * set allows one a year, the files uploaded with the form moved onto its claim (looked up for all in one query,
     * moved only where there are some), one audit line each (one batch), and each claim's own process instance
     * (the start guard's record check made for all at once, the starts {@link #STARTS_PER_COMMAND} to an engine
     * command, so few flushes).
     */
    private void registered(List<Fresh> fresh) {
        if (fresh.isEmpty()) {
            return;
        }
        Map<String, RegistrationPolicy.Policy> policyOf = new java.util.HashMap<>();
        Map<String, java.util.Set<String>> pendingBy = new java.util.HashMap<>();
        fresh.stream().collect(java.util.stream.Collectors.groupingBy(f -> f.request().actor(),
                java.util.stream.Collectors.mapping(f -> f.request().form().getSubmissionKey(),
                        java.util.stream.Collectors.toList())))
                .forEach((actor, keys) -> pendingBy.put(actor, evidence.withPending(keys, actor)));
        List<AuditEntry> lines = new ArrayList<>(fresh.size());
        for (Fresh f : fresh) {
            Claim claim = f.claim();
            OnBehalf r = f.request();
            achievements.record(claim); // the same achievement counts once (a race lost: AlreadyCounted, rolled back)
            if (policyOf.computeIfAbsent(r.ruleSet(), policies::of).annualDeclaration()) {
                declarations.declare(claim);
            }
            if (pendingBy.get(r.actor()).contains(r.form().getSubmissionKey())) {
                evidence.attachPending(r.form().getSubmissionKey(), r.actor(), claim.getId());
            }
            lines.add(new AuditEntry(claim.getId(), r.actor(), r.origin() == null ? "SUBMITTED" : "SUBMITTED_" + r.origin(),
                    r.origin() == null ? claim.getDescription() : r.source(), null));
        }
        audit.recordAll(lines);
        startGuard.checkAhead(PROCESS_KEY, fresh.stream().map(f -> f.claim().getId()).toList());
        for (int i = 0; i < fresh.size(); i += STARTS_PER_COMMAND) {
            List<Fresh> part = fresh.subList(i, Math.min(fresh.size(), i + STARTS_PER_COMMAND));
            engineCommands.execute(commandContext -> {
                for (Fresh f : part) {
                    OnBehalf r = f.request();
                    f.claim().startedAs(runtime.startProcessInstanceByKey(PROCESS_KEY,
                            String.valueOf(f.claim().getId()),
                            startVariables(f.claim(), r.claimant(), r.ruleSet(), r.unit())).getId());
                }
                return null;
            });
        }
    }

    private static org.camunda.bpm.engine.variable.VariableMap startVariables(Claim claim, String claimant,
            String ruleSet, Unit unit) {
        return Variables.createVariables()
                .putValue("claimId", claim.getId())
                .putValue("claimant", claimant)
                .putValue("ruleSet", ruleSet)
                .putValue("unitType", unit.getUnitType().name())
                .putValue("jurisdiction", unit.getJurisdiction());
    }

    private Submission submitAs(ClaimForm form, String ruleSet, Unit unit, String claimant, String actor,
            String origin, String source) {
        Optional<Claim> earlier = claims.findBySubmissionKey(form.getSubmissionKey());
        if (earlier.isPresent()) {
            return repeat(earlier.get(), claimant);
        }
        OnBehalf request = new OnBehalf(form, ruleSet, unit, claimant, actor, origin, source);
        Claim claim;
        try {
            claim = claims.saveAndFlush(newClaim(request));
        } catch (DataIntegrityViolationException e) {
            throw duplicateRace();
        }
        registered(List.of(new Fresh(claim, request)));
        return new Submission(claim, false);
    }

    /** The claim already made from this form (same submission key) by this person, if any. */
    public Optional<Claim> submittedWith(String submissionKey, CurrentUser me) {
        return claims.findBySubmissionKey(submissionKey).filter(c -> c.getClaimant().equals(me.userId()));
    }

    private List<ClaimItem> items(ClaimForm form, String ruleSet) {
        List<Map<String, Object>> requestItems = validation.requestItems(form, ruleSet);
        List<ClaimItem> items = new ArrayList<>();
        for (int i = 0; i < form.getItems().size(); i++) {
            ItemForm f = form.getItems().get(i);
            Map<String, Object> params = new LinkedHashMap<>(requestItems.get(i));
            params.remove("activityType");
            items.add(new ClaimItem(f.getActivityType(), parameters.toJson(params), blankToNull(f.getTitle()), f.getActivityDate(),
                    f.getActivityEnd()).identifiedBy(blankToNull(f.getIdentifier())));
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
        claims.saveAndFlush(claim);
        achievements.release(claim.getId()); // the corrected items' identifiers replace the old ones
        achievements.record(claim);
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
            f.setIdentifier(item.getIdentifier());
            f.setActivityDate(item.getActivityDate());
            f.setActivityEnd(item.getActivityEnd());
            parameters.params(item).forEach((k, v) -> f.getParams().put(k, v == null ? "" : String.valueOf(v)));
            form.getItems().add(f);
        }
        return form;
    }

    /** The rules' proposal for the claim's items, frozen on each item with decision version and rule (delegate). */
    @Transactional
    public Claim proposeHours(long claimId) {
        return claims.save(propose(claims.findById(claimId).orElseThrow(ClaimNotFound::new)));
    }

    /**
     * The proposal on a claim managed by the caller's transaction (the {@code proposeHours} delegate, with the claim
     * {@link ProcessTrust} found): written at that transaction's commit, without another lookup or a save.
     */
    public Claim propose(Claim claim) {
        RecognitionResult result = recognition.evaluate(new RecognitionRequest(claim.getRuleSet(), claim.getYear(),
                parameters.requestItems(claim)), null, claim.pricingDate());
        for (int i = 0; i < claim.getItems().size(); i++) {
            ItemResult r = result.items().get(i);
            claim.getItems().get(i).recognized(r);
        }
        claim.proposed(result.totalHours(), result.publicHours(), result.professionalHours());
        return claim;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
