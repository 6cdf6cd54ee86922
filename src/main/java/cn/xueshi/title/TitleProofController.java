package cn.xueshi.title;

import cn.xueshi.clock.BusinessClock;
import cn.xueshi.identity.CurrentUser;
import cn.xueshi.identity.CurrentUserService;
import cn.xueshi.system.NotFound;
import cn.xueshi.task.TaskForms;
import java.util.UUID;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * 继续教育学习证明 pages: {@code /title/proofs} (my requests and, for issuers, the proofs waiting for them), the
 * request, and the check step's form ({@code forms/title/check-proof.html}, the task's own form key).
 */
@Controller
class TitleProofController {

    static final String LIST_VIEW = "title/proofs";
    private static final int MAX_REASON = 1000;

    private final TitleProofs proofs;
    private final CurrentUserService currentUsers;
    private final TaskForms taskForms;
    private final BusinessClock clock;

    TitleProofController(TitleProofs proofs, CurrentUserService currentUsers, TaskForms taskForms,
            BusinessClock clock) {
        this.proofs = proofs;
        this.currentUsers = currentUsers;
        this.taskForms = taskForms;
        this.clock = clock;
    }

    @GetMapping("/title/proofs")
    String list(Model model) {
        ProofRequestForm form = new ProofRequestForm();
        form.setYear(String.valueOf(clock.year()));
        return showList(currentUsers.current(), form, model);
    }

    private String showList(CurrentUser me, ProofRequestForm form, Model model) {
        if (form.getSubmissionKey() == null) {
            form.setSubmissionKey(UUID.randomUUID().toString());
        }
        model.addAttribute("requestForm", form);
        model.addAttribute("mine", me.unit().isPresent() ? proofs.mine(me) : java.util.List.of());
        model.addAttribute("canRequest", me.unit().isPresent());
        model.addAttribute("pending", proofs.pending(me));
        return LIST_VIEW;
    }

    @PostMapping("/title/proofs")
    String request(@ModelAttribute("requestForm") ProofRequestForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        CurrentUser me = currentUsers.current();
        me.unit().orElseThrow(NotFound::new);
        String typed = form.getYear() == null ? "" : form.getYear().trim();
        if (!typed.matches("\\d{4}")) {
            errors.rejectValue("year", "title.error.yearFormat");
            return showList(me, form, model);
        }
        String typedDate = form.getApplicationDate() == null ? "" : form.getApplicationDate().strip();
        java.time.LocalDate applicationDate = null;
        if (!typedDate.isEmpty()) {
            try {
                applicationDate = java.time.LocalDate.parse(typedDate);
            } catch (java.time.format.DateTimeParseException e) {
                errors.rejectValue("applicationDate", "title.error.applicationDateFormat");
                return showList(me, form, model);
            }
        }
        String key = form.getSubmissionKey() != null && form.getSubmissionKey().matches("[0-9a-f-]{36}")
                ? form.getSubmissionKey() : UUID.randomUUID().toString();
        try {
            proofs.request(me, Integer.parseInt(typed), applicationDate, key);
        } catch (TitleInputRejected e) {
            errors.rejectValue(e.field(), e.messageKey(), e.args(), e.messageKey());
            return showList(me, form, model);
        }
        redirect.addFlashAttribute("message", "title.proof.requested");
        return "redirect:/title/proofs";
    }

    @GetMapping("/title/proofs/tasks/{taskId}")
    String task(@PathVariable String taskId, Model model) {
        CurrentUser me = currentUsers.current();
        Task task = proofs.task(taskId, me);
        return showTask(task, new ProofDecisionForm(), model);
    }

    private String showTask(Task task, ProofDecisionForm form, Model model) {
        TitleProof proof = proofs.proofOf(task);
        model.addAttribute("task", task);
        model.addAttribute("proof", proof);
        model.addAttribute("check", proofs.currentCheck(proof));
        model.addAttribute("decisionForm", form);
        return taskForms.view(task);
    }

    @PostMapping("/title/proofs/tasks/{taskId}")
    String decide(@PathVariable String taskId, @ModelAttribute("decisionForm") ProofDecisionForm form,
            BindingResult errors, Model model, RedirectAttributes redirect) {
        CurrentUser me = currentUsers.current();
        Task task = proofs.decisionTask(taskId, me);
        if (form.getDecision() == null) {
            errors.rejectValue("decision", "title.proof.error.decision");
        }
        String reason = form.getReason() == null ? "" : form.getReason().strip();
        if (form.getDecision() == ProofDecisionForm.Decision.REFUSE && reason.isEmpty()) {
            errors.rejectValue("reason", "title.proof.error.reason");
        }
        if (reason.length() > MAX_REASON) {
            errors.rejectValue("reason", "title.proof.error.reasonTooLong", new Object[] {MAX_REASON}, null);
        }
        if (errors.hasErrors()) {
            return showTask(task, form, model);
        }
        proofs.decide(taskId, me, form.getDecision().name(), reason.isEmpty() ? null : reason);
        redirect.addFlashAttribute("message", form.getDecision() == ProofDecisionForm.Decision.ISSUE
                ? "title.proof.issued" : "title.proof.refused");
        return "redirect:/title/proofs";
    }
}
