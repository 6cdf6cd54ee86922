package cn.xueshi.claim;

import cn.xueshi.rules.RecognitionService;
import cn.xueshi.clock.BusinessClock;
import cn.xueshi.task.NotYourTask;
import cn.xueshi.evidence.EvidenceRejected;
import cn.xueshi.evidence.EvidenceStore;
import cn.xueshi.identity.CurrentUser;
import cn.xueshi.identity.CurrentUserService;
import cn.xueshi.identity.Directory;
import cn.xueshi.identity.Unit;
import cn.xueshi.rules.ActivityType;
import cn.xueshi.selfstudy.SelfStudyRule;
import cn.xueshi.system.Conflict;
import cn.xueshi.system.Conflicts;
import cn.xueshi.system.RequestLimits;
import cn.xueshi.task.TaskForms;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The employee's pages: my claims with the year's progress, a new claim, its detail and its correction. */
@Controller
@RequestMapping("/claims")
class ClaimController {

    static final String LIST_VIEW = "claim/my-claims";
    static final String DETAIL_VIEW = "claim/claim-detail";
    static final String SUBMIT_FORM = "claim/submit-claim";    // forms/claim/submit-claim.html

    private final ClaimService claims;
    private final ClaimValidation validation;
    private final ClaimAccess access;
    private final AnnualDeclarations declarations;
    private final ItemParameters parameters;
    private final RecognitionService recognition;
    private final RegistrationPolicy policies;
    private final BusinessClock clock;
    private final ProgressService progress;
    private final EvidenceStore evidence;
    private final CurrentUserService currentUsers;
    private final Directory directory;
    private final AuditLog audit;
    private final RequestLimits limits;
    private final TaskForms taskForms;
    private final AchievementIdentity achievements;
    private final SelfStudyRule selfStudy;
    private final ClaimWithdrawal withdrawal;
    private final Conflicts conflicts;

    ClaimController(ClaimService claims, ClaimValidation validation, ClaimAccess access,
            AnnualDeclarations declarations, ItemParameters parameters, RecognitionService recognition,
            RegistrationPolicy policies, BusinessClock clock, ProgressService progress, EvidenceStore evidence,
            CurrentUserService currentUsers, Directory directory, AuditLog audit, RequestLimits limits, TaskForms taskForms,
            AchievementIdentity achievements, SelfStudyRule selfStudy, ClaimWithdrawal withdrawal, Conflicts conflicts) {
        this.selfStudy = selfStudy;
        this.withdrawal = withdrawal;
        this.conflicts = conflicts;
        this.achievements = achievements;
        this.taskForms = taskForms;
        this.validation = validation;
        this.access = access;
        this.declarations = declarations;
        this.parameters = parameters;
        this.recognition = recognition;
        this.policies = policies;
        this.clock = clock;
        this.limits = limits;
        this.claims = claims;
        this.progress = progress;
        this.evidence = evidence;
        this.currentUsers = currentUsers;
        this.directory = directory;
        this.audit = audit;
    }

    /**
     * My claims and the chosen year's progress. The selector offers only the years a rule set covers
     * for my unit; a year none covers (typed into the URL) shows a message instead of the progress.
     */
    @GetMapping
    String myClaims(@RequestParam(required = false) Integer year, Model model) {
        CurrentUser me = currentUsers.current();
        int y = year == null ? clock.year() : year;
        model.addAttribute("year", y);
        model.addAttribute("claims", access.mine(me));
        Optional<Unit> unit = me.unit();
        // the year's rule set is that of the person's membership for the year (a past year before a move: the old unit's)
        Optional<String> ruleSet = unit.flatMap(u -> progress.ruleSetOf(me.userId(), y));
        ruleSet.flatMap(rs -> progress.ofPerson(me.userId(), y)).ifPresent(p -> model.addAttribute("progress", p));
        model.addAttribute("uncovered", unit.isPresent() && ruleSet.isEmpty());
        model.addAttribute("years", unit.map(u -> coveredYears(me.userId())).orElse(List.of()));
        return LIST_VIEW;
    }

    /** The years from this one back {@code xueshi.limits.years-back} that a rule set covers for the unit, newest first. */
    private List<Integer> coveredYears(Unit unit) {
        int now = clock.year();
        List<Integer> years = new ArrayList<>();
        for (int y = now; y >= now - limits.yearsBack(); y--) {
            if (recognition.ruleSetFor(unit, y).isPresent()) {
                years.add(y);
            }
        }
        return years;
    }

    /** The same for my year view: by my membership of each year (a year before a move: the old unit's rules). */
    private List<Integer> coveredYears(String userId) {
        int now = clock.year();
        List<Integer> years = new ArrayList<>();
        for (int y = now; y >= now - limits.yearsBack(); y--) {
            if (progress.ruleSetOf(userId, y).isPresent()) {
                years.add(y);
            }
        }
        return years;
    }

    @GetMapping("/new")
    String newClaim(@RequestParam(required = false) Integer year, Model model) {
        CurrentUser me = currentUsers.current();
        ClaimForm form = new ClaimForm();
        form.setSubmissionKey(UUID.randomUUID().toString());
        form.setYear(year == null ? clock.year() : year);
        form.getItems().add(new ItemForm());
        return showForm(SUBMIT_FORM, form, unit(me), model);
    }

    @PostMapping
    String submit(@ModelAttribute("claimForm") ClaimForm form, BindingResult errors,
            @RequestParam(name = "files", required = false) List<MultipartFile> files,
            @RequestParam(name = "addItem", required = false) String addItem,
            @RequestParam(name = "removeItem", required = false) Integer removeItem, Model model,
            RedirectAttributes redirect) {
        CurrentUser me = currentUsers.current();
        Unit unit = unit(me);
        ensureSubmissionKey(form);
        Optional<Claim> done = claims.submittedWith(form.getSubmissionKey(), me);
        if (done.isPresent()) {
            // the same form again (double click, back button): nothing is stored twice
            redirect.addFlashAttribute("message", "claim.submit.duplicate");
            return "redirect:/claims/" + done.get().getId();
        }
        keepFiles(form, files, me, errors);
        if (editOnly(form, addItem, removeItem)) {
            return showForm(SUBMIT_FORM, form, unit, model);
        }
        Optional<String> ruleSet = validation.validate(form, unit, errors);
        validation.validateMakeup(form, me.userId(), errors);
        if (ruleSet.isPresent() && !errors.hasFieldErrors("items*")) {
            achievements.validate(form, ruleSet.get(), me.userId(), null, errors);
        }
        if (ruleSet.isPresent() && !errors.hasFieldErrors("year")
                && declarations.hasDeclared(me.userId(), form.getYear(), ruleSet.get())) {
            errors.rejectValue("year", "claim.error.alreadyDeclared", new Object[] {String.valueOf(form.getYear())}, null);
        }
        if (errors.hasErrors() || ruleSet.isEmpty()) {
            return showForm(SUBMIT_FORM, form, unit, model);
        }
        try {
            ClaimService.Submission submission = claims.submitOnce(form, ruleSet.get(), unit, me);
            redirect.addFlashAttribute("message", submission.duplicate() ? "claim.submit.duplicate" : "claim.submitted");
            return "redirect:/claims/" + submission.claim().getId();
        } catch (cn.xueshi.system.Conflict e) {
            // a double click whose first request committed meanwhile: show the claim it made
            Claim first = claims.submittedWith(form.getSubmissionKey(), me).orElseThrow(() -> e);
            redirect.addFlashAttribute("message", "claim.submit.duplicate");
            return "redirect:/claims/" + first.getId();
        } catch (AlreadyDeclared e) {
            errors.rejectValue("year", "claim.error.alreadyDeclared", new Object[] {String.valueOf(e.year())}, null);
            return showForm(SUBMIT_FORM, form, unit, model);
        } catch (AchievementIdentity.AlreadyCounted e) {
            // a concurrent submission of the same achievement committed first (the unique key decided)
            errors.rejectValue("items[" + e.item() + "].identifier", "claim.error.identifier.race");
            return showForm(SUBMIT_FORM, form, unit, model);
        }
    }

    @GetMapping("/{id}")
    String detail(@PathVariable long id, Model model) {
        CurrentUser me = currentUsers.current();
        Claim claim = access.viewable(id, me);
        return showDetail(claim, me, new WithdrawalForm(), model);
    }

    /**
     * 撤回: only the claimant (anyone else: 404), only while in review or correction; a reason beside the field when
     * missing or too long (what was typed stays); a refusal or a reviewer deciding at the same moment: a message.
     */
    @PostMapping("/{id}/withdraw")
    String withdraw(@PathVariable long id, @ModelAttribute("withdrawalForm") WithdrawalForm form, BindingResult errors,
            Model model, RedirectAttributes redirect) {
        CurrentUser me = currentUsers.current();
        Claim claim = withdrawal.own(id, me);
        Optional<Conflict> refused = withdrawal.refusal(claim);
        if (refused.isPresent()) {
            return refusedTo(refused.get(), id, redirect);
        }
        withdrawal.validate(form, errors);
        if (errors.hasErrors()) {
            return showDetail(claim, me, form, model);
        }
        try {
            withdrawal.withdraw(id, form, me);
        } catch (Conflict e) {
            return refusedTo(e, id, redirect);
        } catch (RuntimeException e) {
            if (!conflicts.isConflict(e)) {
                throw e;
            }
            // the reviewer's decision committed first (the engine's or the claim's optimistic lock said so)
            return refusedTo(new Conflict("claim.withdraw.raced"), id, redirect);
        }
        redirect.addFlashAttribute("message", "claim.withdrawn");
        return "redirect:/claims/" + id;
    }

    private static String refusedTo(Conflict refusal, long id, RedirectAttributes redirect) {
        redirect.addFlashAttribute("error", refusal.messageKey());
        redirect.addFlashAttribute("errorArgs", refusal.args());
        return "redirect:/claims/" + id;
    }

    private String showDetail(Claim claim, CurrentUser me, WithdrawalForm form, Model model) {
        long id = claim.getId();
        model.addAttribute("claim", claim);
        model.addAttribute("claimantName", directory.displayName(claim.getClaimant()));
        model.addAttribute("types", typeNames(claim.getRuleSet()));
        model.addAttribute("params", claim.getItems().stream().map(parameters::params).toList());
        model.addAttribute("evidence", access.canSeeEvidence(claim, me) ? evidence.forClaim(id) : List.of());
        model.addAttribute("history", audit.of(id));
        model.addAttribute("correctable", claims.correctionTask(claim, me).isPresent());
        if ("DEPARTMENT".equals(claim.getReviewerKind())) {
            // 青人社字〔2023〕14号 五: say which industry department reviews it (the code if it left the hierarchy)
            model.addAttribute("reviewerDepartment", directory.departmentName(claim.getReviewerDepartment())
                    .orElse(claim.getReviewerDepartment()));
        }
        model.addAttribute("withdrawable", withdrawal.offered(claim, me));
        model.addAttribute("withdrawalForm", form);
        model.addAttribute("maxReasonLength", withdrawal.maxReasonLength());
        return DETAIL_VIEW;
    }

    @GetMapping("/{id}/correct")
    String correctForm(@PathVariable long id, Model model) {
        CurrentUser me = currentUsers.current();
        Claim claim = access.viewable(id, me);
        Task task = claims.correctionTask(claim, me).orElseThrow(ClaimNotFound::new);
        ClaimForm form = claims.formOf(claim);
        form.setSubmissionKey(UUID.randomUUID().toString());
        model.addAttribute("claim", claim);
        model.addAttribute("history", audit.of(id));
        return showForm(taskForms.view(task), form, unit(me), model);
    }

    @PostMapping("/{id}/correct")
    String correct(@PathVariable long id, @ModelAttribute("claimForm") ClaimForm form, BindingResult errors,
            @RequestParam(name = "files", required = false) List<MultipartFile> files,
            @RequestParam(name = "addItem", required = false) String addItem,
            @RequestParam(name = "removeItem", required = false) Integer removeItem, Model model,
            RedirectAttributes redirect) {
        CurrentUser me = currentUsers.current();
        Claim claim = access.viewable(id, me);
        Optional<Task> task = claims.correctionTask(claim, me);
        if (task.isEmpty()) {
            redirect.addFlashAttribute("message", "claim.correct.gone");
            return "redirect:/claims/" + id;
        }
        Unit unit = unit(me);
        ensureSubmissionKey(form);
        form.setYear(claim.getYear()); // the year of a claim does not change
        model.addAttribute("claim", claim);
        model.addAttribute("history", audit.of(id));
        keepFiles(form, files, me, errors);
        if (editOnly(form, addItem, removeItem)) {
            return showForm(taskForms.view(task.get()), form, unit, model);
        }
        Optional<String> ruleSet = validation.validate(form, unit, errors);
        if (ruleSet.isPresent() && !errors.hasFieldErrors("items*")) {
            achievements.validate(form, ruleSet.get(), claim.getClaimant(), claim.getId(), errors);
        }
        if (errors.hasErrors() || ruleSet.isEmpty()) {
            return showForm(taskForms.view(task.get()), form, unit, model);
        }
        try {
            claims.correct(id, form, ruleSet.get(), me);
        } catch (NotYourTask e) {
            redirect.addFlashAttribute("message", "claim.correct.gone");
            return "redirect:/claims/" + id;
        } catch (AchievementIdentity.AlreadyCounted e) {
            errors.rejectValue("items[" + e.item() + "].identifier", "claim.error.identifier.race");
            return showForm(taskForms.view(task.get()), form, unit, model);
        }
        redirect.addFlashAttribute("message", "claim.corrected");
        return "redirect:/claims/" + id;
    }

    /** A form without a well-formed key (tampered or very old) gets a fresh one. */
    private static void ensureSubmissionKey(ClaimForm form) {
        if (form.getSubmissionKey() == null || !form.getSubmissionKey().matches("[0-9a-f-]{36}")) {
            form.setSubmissionKey(UUID.randomUUID().toString());
        }
    }

    /** Adds or removes an item row without validating: the rest of what was typed stays. */
    private boolean editOnly(ClaimForm form, String addItem, Integer removeItem) {
        if (addItem != null) {
            // as many rows as binding accepts (xueshi.limits.max-form-rows, RequestLimitsAdvice)
            if (form.getItems().size() < limits.maxFormRows()) {
                form.getItems().add(new ItemForm());
            }
            return true;
        }
        if (removeItem != null) {
            if (removeItem >= 0 && removeItem < form.getItems().size() && form.getItems().size() > 1) {
                form.getItems().remove((int) removeItem);
            }
            return true;
        }
        return false;
    }

    /** New files wait under the form's key even when the rest of the form has errors, so nothing is lost. */
    private void keepFiles(ClaimForm form, List<MultipartFile> files, CurrentUser me, BindingResult errors) {
        for (Long id : form.getRemoveEvidence()) {
            if (id != null) {
                evidence.discardPending(form.getSubmissionKey(), me.userId(), id);
            }
        }
        if (files == null || files.stream().noneMatch(EvidenceStore::chosen)) {
            return;
        }
        try {
            evidence.keepPending(form.getSubmissionKey(), files, me.userId());
        } catch (EvidenceRejected e) {
            errors.rejectValue("evidence", e.messageKey(), e.args(), e.messageKey());
        }
    }

    private String showForm(String view, ClaimForm form, Unit unit, Model model) {
        int year = form.getYear() == null ? clock.year() : form.getYear();
        Optional<String> ruleSet = recognition.ruleSetFor(unit, year);
        List<ActivityType> types = ruleSet.map(recognition::activityTypes).orElse(List.of());
        model.addAttribute("claimForm", form);
        model.addAttribute("ruleSet", ruleSet.orElse(null));
        model.addAttribute("policy", ruleSet.map(policies::of).orElse(null));
        model.addAttribute("activityTypes", types);
        // 吉林 附件 二（九）: the note beside a type that counts only while the unit keeps its self-study archive
        model.addAttribute("archiveNotes", ruleSet.map(rs -> selfStudy.notes(unit.getId(), rs,
                types.stream().map(ActivityType::code).toList())).orElse(java.util.Map.of()));
        model.addAttribute("pendingEvidence", evidence.pending(form.getSubmissionKey()));
        model.addAttribute("limits", evidence.limits());
        model.addAttribute("unit", unit);
        model.addAttribute("makeupYear", validation.makeupYearFor(currentUsers.current().userId(), year).orElse(null));
        List<Integer> years = coveredYears(unit);
        model.addAttribute("years", years);
        return view;
    }

    private java.util.Map<String, ActivityType> typeNames(String ruleSet) {
        java.util.Map<String, ActivityType> m = new java.util.LinkedHashMap<>();
        recognition.activityTypes(ruleSet).forEach(t -> m.put(t.code(), t));
        return m;
    }

    private static Unit unit(CurrentUser me) {
        return me.unit().orElseThrow(NoUnit::new);
    }
}
