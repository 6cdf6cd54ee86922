package cn.xueshi.makeup;

import cn.xueshi.system.NotFound;
import cn.xueshi.evidence.EvidenceFile;
import cn.xueshi.evidence.EvidenceRejected;
import cn.xueshi.evidence.EvidenceStore;
import cn.xueshi.identity.CurrentUser;
import cn.xueshi.identity.CurrentUserService;
import cn.xueshi.identity.Directory;
import cn.xueshi.identity.Unit;
import cn.xueshi.rules.RecognitionService;
import cn.xueshi.system.Conflict;
import cn.xueshi.task.TaskForms;
import cn.xueshi.task.InboxEntry;
import cn.xueshi.paging.PageRequest;
import cn.xueshi.task.TaskListProperties;
import cn.xueshi.paging.ListPage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.task.Task;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** 补学/减免 pages: the request (forms/makeup/submit-request.html), my obligations, the employer's review. */
@Controller
class MakeupController {

    static final String MINE_VIEW = "makeup/my-makeup";
    static final String DETAIL_VIEW = "makeup/request-detail";
    static final String UNIT_VIEW = "makeup/unit-obligations";
    static final String SUBMIT_FORM = "makeup/submit-request";

    private final MakeupService makeups;
    private final EvidenceStore evidence;
    private final CurrentUserService currentUsers;
    private final Directory directory;
    private final TaskForms taskForms;
    private final MakeupInbox inbox;
    private final TaskListProperties pageLimits;
    private final HardshipPolicy policy;
    private final RecognitionService recognition;

    MakeupController(MakeupService makeups, EvidenceStore evidence, CurrentUserService currentUsers,
            Directory directory, TaskForms taskForms, MakeupInbox inbox, TaskListProperties pageLimits,
            HardshipPolicy policy, RecognitionService recognition) {
        this.policy = policy;
        this.recognition = recognition;
        this.inbox = inbox;
        this.pageLimits = pageLimits;
        this.taskForms = taskForms;
        this.makeups = makeups;
        this.evidence = evidence;
        this.currentUsers = currentUsers;
        this.directory = directory;
    }

    @GetMapping("/makeup")
    String mine(Model model) {
        CurrentUser me = currentUsers.current();
        model.addAttribute("requests", makeups.mine(me));
        model.addAttribute("obligations", makeups.myObligations(me));
        return MINE_VIEW;
    }

    @GetMapping("/makeup/new")
    String newRequest(Model model) {
        CurrentUser me = currentUsers.current();
        unit(me);
        MakeupForm form = new MakeupForm();
        form.setSubmissionKey(UUID.randomUUID().toString());
        form.setYear(makeups.currentYear());
        return showForm(SUBMIT_FORM, form, unit(me), model);
    }

    @PostMapping("/makeup")
    String submit(@ModelAttribute("makeupForm") MakeupForm form, BindingResult errors,
            @RequestParam(name = "files", required = false) List<MultipartFile> files, Model model,
            RedirectAttributes redirect) {
        CurrentUser me = currentUsers.current();
        Unit unit = unit(me);
        if (form.getSubmissionKey() == null || !form.getSubmissionKey().matches("[0-9a-f-]{36}")) {
            form.setSubmissionKey(UUID.randomUUID().toString());
        }
        Optional<MakeupRequest> done = makeups.submittedWith(form.getSubmissionKey(), me);
        if (done.isPresent()) {
            // the same form again (double click, back button): nothing is stored twice
            redirect.addFlashAttribute("message", "makeup.submit.duplicate");
            return "redirect:/makeup/" + done.get().getId();
        }
        Optional<HardshipPolicy.Decision> decision = makeups.validate(form, me, unit, errors, null);
        checkFiles(files, 0, evidenceDemanded(form, unit, decision), errors);
        if (errors.hasErrors() || decision.isEmpty()) {
            return showForm(SUBMIT_FORM, form, unit, model);
        }
        MakeupRequest request;
        try {
            request = makeups.submit(form, decision.get(), me, unit, files);
        } catch (Conflict e) {
            // a double click whose first request committed meanwhile: show the request it made
            MakeupRequest first = makeups.submittedWith(form.getSubmissionKey(), me).orElseThrow(() -> e);
            redirect.addFlashAttribute("message", "makeup.submit.duplicate");
            return "redirect:/makeup/" + first.getId();
        }
        redirect.addFlashAttribute("message", "makeup.submitted");
        return "redirect:/makeup/" + request.getId();
    }

    /**
     * Checks the uploaded files; when the rule set's text asks for proof (hardship-policy evidenceRequired)
     * and neither this form nor the request ({@code kept}: files it already has) brings a file, says so beside
     * the upload field, citing the row's basis.
     */
    private void checkFiles(List<MultipartFile> files, int kept, Optional<HardshipPolicy.Decision> demanded,
            BindingResult errors) {
        List<byte[]> chosen;
        try {
            chosen = evidence.check(files == null ? List.of() : files, 0);
        } catch (EvidenceRejected e) {
            errors.rejectValue("evidence", e.messageKey(), e.args(), e.messageKey());
            return;
        }
        if (chosen.isEmpty() && kept == 0 && demanded.isPresent()) {
            errors.rejectValue("evidence", "makeup.error.evidenceRequired", new Object[] {demanded.get().basis()},
                    null);
        }
    }

    /**
     * The policy row that demands proof for what the form asks, if it does. The validated row when there is
     * one; otherwise (other fields wrong) the row for the year, reason and remedy as typed, so the missing
     * file is reported together with the other errors instead of after they are put right.
     */
    private Optional<HardshipPolicy.Decision> evidenceDemanded(MakeupForm form, Unit unit,
            Optional<HardshipPolicy.Decision> validated) {
        if (validated.isPresent()) {
            return validated.filter(HardshipPolicy.Decision::demandsEvidence);
        }
        if (form.getYear() == null || form.getReason() == null || form.getRemedy() == null) {
            return Optional.empty();
        }
        return recognition.ruleSetFor(unit, form.getYear())
                .map(ruleSet -> policy.of(ruleSet, form.getReason(), form.getRemedy()))
                .filter(HardshipPolicy.Decision::demandsEvidence);
    }

    private String showForm(String view, MakeupForm form, Unit unit, Model model) {
        model.addAttribute("makeupForm", form);
        // told before the person submits: the person's rule set for the form's year asks for 证明材料
        model.addAttribute("evidenceDemanded", form.getYear() == null ? null
                : recognition.ruleSetFor(unit, form.getYear()).flatMap(policy::evidenceDemanded)
                        .map(HardshipPolicy.Decision::basis).orElse(null));
        List<Integer> years = new ArrayList<>();
        for (int y = makeups.currentYear(); y >= makeups.currentYear() - 2; y--) {
            years.add(y);
        }
        model.addAttribute("years", years);
        model.addAttribute("reasons", MakeupRequest.Reason.values());
        model.addAttribute("remedies", MakeupRequest.Remedy.values());
        model.addAttribute("limits", evidence.limits());
        return view;
    }

    @GetMapping("/makeup/{id}")
    String detail(@PathVariable long id, Model model) {
        CurrentUser me = currentUsers.current();
        MakeupRequest request = makeups.viewable(id, me);
        model.addAttribute("request", request);
        model.addAttribute("claimantName", directory.displayName(request.getClaimant()));
        model.addAttribute("evidence", evidence.forMakeup(id));
        model.addAttribute("supplementable", makeups.supplementTask(request, me).isPresent());
        return DETAIL_VIEW;
    }

    @GetMapping("/makeup/{id}/evidence/{evidenceId}")
    ResponseEntity<byte[]> evidenceFile(@PathVariable long id, @PathVariable long evidenceId) {
        makeups.viewable(id, currentUsers.current());
        EvidenceFile file = evidence.findForMakeup(id, evidenceId).orElseThrow(NotFound::new);
        return cn.xueshi.evidence.InlineFile.of(file, evidence.content(evidenceId));
    }

    @GetMapping("/makeup/{id}/supplement")
    String supplementForm(@PathVariable long id, Model model) {
        CurrentUser me = currentUsers.current();
        MakeupRequest request = makeups.viewable(id, me);
        Task task = makeups.supplementTask(request, me).orElseThrow(NotFound::new);
        MakeupForm form = new MakeupForm();
        form.setSubmissionKey(UUID.randomUUID().toString());
        form.setYear(request.getYear());
        form.setReason(request.getReason());
        form.setRemedy(request.getRemedy());
        form.setPeriodStart(request.getPeriodStart());
        form.setPeriodEnd(request.getPeriodEnd());
        form.setDescription(request.getDescription());
        form.setRequestedPublic(request.getRequestedPublic());
        form.setRequestedProfessional(request.getRequestedProfessional());
        model.addAttribute("request", request);
        return showForm(taskForms.view(task), form, unit(me), model);
    }

    @PostMapping("/makeup/{id}/supplement")
    String supplement(@PathVariable long id, @ModelAttribute("makeupForm") MakeupForm form, BindingResult errors,
            @RequestParam(name = "files", required = false) List<MultipartFile> files, Model model,
            RedirectAttributes redirect) {
        CurrentUser me = currentUsers.current();
        MakeupRequest request = makeups.viewable(id, me);
        Optional<Task> task = makeups.supplementTask(request, me);
        if (task.isEmpty()) {
            throw new NotFound();
        }
        form.setYear(request.getYear());
        Unit unit = unit(me);
        Optional<HardshipPolicy.Decision> decision = makeups.validate(form, me, unit, errors, request.getId());
        // the files the request already has count: a supplement need not upload the proof again
        checkFiles(files, evidence.forMakeup(id).size(), evidenceDemanded(form, unit, decision), errors);
        if (errors.hasErrors() || decision.isEmpty()) {
            model.addAttribute("request", request);
            return showForm(taskForms.view(task.get()), form, unit, model);
        }
        makeups.supplement(id, form, decision.get(), me, files);
        redirect.addFlashAttribute("message", "makeup.supplemented");
        return "redirect:/makeup/" + id;
    }

    @GetMapping("/makeup/unit")
    String unit(@RequestParam(required = false) String page, @RequestParam(required = false) String size,
            Model model) {
        CurrentUser me = currentUsers.current();
        List<MakeupObligation> open = makeups.unitObligations(me);
        model.addAttribute("obligations", open);
        model.addAttribute("names", open.stream().map(MakeupObligation::getClaimant).distinct()
                .collect(java.util.stream.Collectors.toMap(c -> c, directory::displayName)));
        // the requests to review, paged in the database like the inbox's section (one query per page)
        PageRequest request = PageRequest.of(page, size, pageLimits.pageSize(), pageLimits.maxPageSize());
        ListPage<InboxEntry> pending = inbox.openFor(me, request);
        model.addAttribute("pending", pending);
        model.addAttribute("pageRequest", request);
        model.addAttribute("maxPageSize", pageLimits.maxPageSize());
        model.addAttribute("beyondLastPage", request.page() > 1 && pending.request().page() == 1);
        return UNIT_VIEW;
    }

    @GetMapping("/makeup/review/{taskId}")
    String reviewForm(@PathVariable String taskId, Model model) {
        Task task = makeups.reviewTask(taskId, currentUsers.current());
        return showReview(task, new MakeupDecisionForm(), model);
    }

    @PostMapping("/makeup/review/{taskId}")
    String review(@PathVariable String taskId, @ModelAttribute("decisionForm") MakeupDecisionForm form,
            BindingResult errors, Model model, RedirectAttributes redirect) {
        CurrentUser me = currentUsers.current();
        Task task;
        try {
            task = makeups.reviewTask(taskId, me);
        } catch (NotFound e) {
            redirect.addFlashAttribute("error", "review.conflict.done");
            return "redirect:/makeup/unit";
        }
        makeups.validateDecision(form, makeups.requestOf(task), errors);
        if (errors.hasErrors()) {
            return showReview(task, form, model);
        }
        try {
            makeups.decide(taskId, me, form);
        } catch (Conflict e) {
            redirect.addFlashAttribute("error", e.messageKey());
            return "redirect:/makeup/unit";
        }
        redirect.addFlashAttribute("message", "makeup.decided." + form.getDecision().name());
        return "redirect:/makeup/unit";
    }

    private String showReview(Task task, MakeupDecisionForm form, Model model) {
        MakeupRequest request = makeups.requestOf(task);
        model.addAttribute("task", task);
        model.addAttribute("request", request);
        model.addAttribute("claimantName", directory.displayName(request.getClaimant()));
        model.addAttribute("evidence", evidence.forMakeup(request.getId()));
        model.addAttribute("decisionForm", form);
        return taskForms.view(task);
    }

    private static Unit unit(CurrentUser me) {
        return me.unit().orElseThrow(cn.xueshi.claim.NoUnit::new);
    }
}
