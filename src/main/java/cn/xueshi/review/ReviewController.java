package cn.xueshi.review;

import cn.xueshi.system.Conflict;
import cn.xueshi.claim.AuditLog;
import cn.xueshi.claim.Claim;
import cn.xueshi.claim.ItemParameters;
import cn.xueshi.claim.RegistrationPolicy;
import cn.xueshi.rules.RecognitionService;
import cn.xueshi.claim.ProgressService;
import cn.xueshi.evidence.EvidenceStore;
import cn.xueshi.identity.CurrentUser;
import cn.xueshi.identity.CurrentUserService;
import cn.xueshi.identity.Directory;
import cn.xueshi.rules.ActivityType;
import cn.xueshi.task.InboxEntry;
import cn.xueshi.task.InboxSection;
import cn.xueshi.task.TaskForms;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The reviewer's inbox and review form (forms/claim/review-claim.html); reviewers and the bureau only. */
@Controller
@RequestMapping("/review")
class ReviewController {

    static final String INBOX_VIEW = "review/inbox";

    private final ReviewService reviews;
    private final ItemParameters parameters;
    private final RecognitionService recognition;
    private final RegistrationPolicy policies;
    private final ProgressService progress;
    private final EvidenceStore evidence;
    private final CurrentUserService currentUsers;
    private final Directory directory;
    private final AuditLog audit;
    private final List<InboxSection> sections;
    private final TaskForms taskForms;

    ReviewController(ReviewService reviews, ItemParameters parameters, RecognitionService recognition,
            RegistrationPolicy policies, ProgressService progress, EvidenceStore evidence,
            CurrentUserService currentUsers, Directory directory, AuditLog audit, List<InboxSection> sections, TaskForms taskForms) {
        this.taskForms = taskForms;
        this.sections = sections.stream().sorted(Comparator.comparingInt(InboxSection::order)).toList();
        this.reviews = reviews;
        this.parameters = parameters;
        this.recognition = recognition;
        this.policies = policies;
        this.progress = progress;
        this.evidence = evidence;
        this.currentUsers = currentUsers;
        this.directory = directory;
        this.audit = audit;
    }

    @GetMapping
    String inbox(@RequestParam(required = false) String status, @RequestParam(required = false) String type,
            @RequestParam(required = false) String person, Model model) {
        CurrentUser me = currentUsers.current();
        List<ReviewRow> rows = reviews.inbox(me).stream()
                .filter(r -> status == null || status.isBlank() || matchesStatus(r, status, me))
                .filter(r -> type == null || type.isBlank() || r.activityTypes().contains(type))
                .filter(r -> person == null || person.isBlank() || r.claimantName().contains(person.trim())
                        || r.claim().getClaimant().equalsIgnoreCase(person.trim()))
                .toList();
        model.addAttribute("rows", rows);
        model.addAttribute("status", status);
        model.addAttribute("type", type);
        model.addAttribute("person", person);
        model.addAttribute("typeNames", typeNames(rows));
        model.addAttribute("simple", rows.stream().filter(r -> reviews.simple(r.claim()))
                .map(ReviewRow::taskId).toList());
        model.addAttribute("sections", openSections(me));
        return INBOX_VIEW;
    }

    /** The other capabilities' open tasks of this person, section by section; empty sections are left out. */
    private List<OpenSection> openSections(CurrentUser me) {
        List<OpenSection> open = new ArrayList<>();
        for (InboxSection section : sections) {
            List<InboxEntry> entries = section.openFor(me);
            if (!entries.isEmpty()) {
                open.add(new OpenSection(section.id(), section.headingKey(), entries));
            }
        }
        return open;
    }

    record OpenSection(String id, String headingKey, List<InboxEntry> entries) {
    }

    private static boolean matchesStatus(ReviewRow r, String status, CurrentUser me) {
        return switch (status) {
            case "overdue" -> r.overdue();
            case "unclaimed" -> r.unclaimed();
            case "mine" -> me.userId().equals(r.assignee());
            default -> true;
        };
    }

    private Map<String, String> typeNames(List<ReviewRow> rows) {
        Map<String, String> names = new LinkedHashMap<>();
        rows.stream().map(r -> r.claim().getRuleSet()).distinct()
                .forEach(rs -> recognition.activityTypes(rs).forEach(t -> names.putIfAbsent(t.code(), t.nameZh())));
        return names;
    }

    @PostMapping("/tasks/{taskId}/claim")
    String claimTask(@PathVariable String taskId, RedirectAttributes redirect) {
        try {
            reviews.claimTask(taskId, currentUsers.current());
        } catch (Conflict e) {
            redirect.addFlashAttribute("error", e.messageKey());
        }
        return "redirect:/review/tasks/" + taskId;
    }

    @PostMapping("/tasks/{taskId}/unclaim")
    String unclaimTask(@PathVariable String taskId) {
        reviews.unclaimTask(taskId, currentUsers.current());
        return "redirect:/review";
    }

    @GetMapping("/tasks/{taskId}")
    String reviewForm(@PathVariable String taskId, Model model) {
        CurrentUser me = currentUsers.current();
        Task task = reviews.task(taskId, me);
        return show(task, me, new ReviewForm(), model);
    }

    @PostMapping("/tasks/{taskId}")
    String decide(@PathVariable String taskId, @ModelAttribute("reviewForm") ReviewForm form, BindingResult errors,
            Model model, RedirectAttributes redirect) {
        CurrentUser me = currentUsers.current();
        try {
            // finds the task and the claim, checks the form and decides in one transaction
            if (!reviews.decide(taskId, me, form, errors)) {
                return show(reviews.task(taskId, me), me, form, model);
            }
        } catch (Conflict | cn.xueshi.system.NotFound e) {
            // another decision was faster (or the task is not this reviewer's): back to the inbox with the message
            redirect.addFlashAttribute("error", e instanceof Conflict c ? c.messageKey() : "review.conflict.done");
            return "redirect:/review";
        }
        redirect.addFlashAttribute("message", "review.done." + form.getDecision().name());
        return "redirect:/review";
    }

    @PostMapping("/batch-approve")
    String batchApprove(@RequestParam(name = "taskIds", required = false) List<String> taskIds,
            RedirectAttributes redirect) {
        if (taskIds == null || taskIds.isEmpty()) {
            redirect.addFlashAttribute("error", "review.batch.none");
            return "redirect:/review";
        }
        int approved = reviews.batchApprove(taskIds, currentUsers.current());
        redirect.addFlashAttribute("message", "review.batch.done");
        redirect.addFlashAttribute("approvedCount", approved);
        redirect.addFlashAttribute("skippedCount", taskIds.size() - approved);
        return "redirect:/review";
    }

    private String show(Task task, CurrentUser me, ReviewForm form, Model model) {
        Claim claim = reviews.claimOf(task);
        Map<String, ActivityType> types = new LinkedHashMap<>();
        recognition.activityTypes(claim.getRuleSet()).forEach(t -> types.put(t.code(), t));
        model.addAttribute("task", task);
        model.addAttribute("claim", claim);
        model.addAttribute("reviewForm", form);
        model.addAttribute("claimantName", directory.displayName(claim.getClaimant()));
        model.addAttribute("types", types);
        model.addAttribute("params", claim.getItems().stream().map(parameters::params).toList());
        model.addAttribute("evidence", evidence.forClaim(claim.getId()));
        model.addAttribute("history", audit.of(claim.getId()));
        model.addAttribute("duplicates", reviews.duplicates(claim));
        model.addAttribute("policy", policies.of(claim.getRuleSet()));
        progress.of(claim.getClaimant(), claim.getYear(), claim.getRuleSet())
                .ifPresent(p -> model.addAttribute("progress", p));
        model.addAttribute("mine", me.userId().equals(task.getAssignee()));
        return taskForms.view(task);
    }
}
