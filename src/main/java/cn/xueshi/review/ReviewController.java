package cn.xueshi.review;

import cn.xueshi.claim.AuditLog;
import cn.xueshi.claim.Claim;
import cn.xueshi.claim.ClaimService;
import cn.xueshi.claim.ProgressService;
import cn.xueshi.evidence.EvidenceStore;
import cn.xueshi.identity.CurrentUser;
import cn.xueshi.identity.CurrentUserService;
import cn.xueshi.identity.Directory;
import cn.xueshi.rules.ActivityType;
import cn.xueshi.tasklist.TaskForms;
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

/** The reviewer's inbox and review form (the task's form key: forms/claim/review-claim.html); reviewers and the bureau only. */
@Controller
@RequestMapping("/review")
class ReviewController {

    static final String INBOX_VIEW = "review/inbox";

    private final ReviewService reviews;
    private final ClaimService claims;
    private final ProgressService progress;
    private final EvidenceStore evidence;
    private final CurrentUserService currentUsers;
    private final Directory directory;
    private final AuditLog audit;
    private final cn.xueshi.publicity.PublicityService publicity;
    private final TaskForms taskForms;

    ReviewController(ReviewService reviews, ClaimService claims, ProgressService progress, EvidenceStore evidence,
            CurrentUserService currentUsers, Directory directory, AuditLog audit,
            cn.xueshi.publicity.PublicityService publicity, TaskForms taskForms) {
        this.publicity = publicity;
        this.taskForms = taskForms;
        this.reviews = reviews;
        this.claims = claims;
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
        List<Map<String, Object>> objections = new java.util.ArrayList<>();
        for (var open : publicity.openObjections(me)) {
            var objection = open.objection();
            objections.add(Map.of("taskId", open.task().getId(), "claimId", objection.getClaimId(),
                    "reason", objection.getReason(), "raisedAt", objection.getRaisedAt()));
        }
        model.addAttribute("objections", objections);
        return INBOX_VIEW;
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
                .forEach(rs -> claims.activityTypes(rs).forEach(t -> names.putIfAbsent(t.code(), t.nameZh())));
        return names;
    }

    @PostMapping("/tasks/{taskId}/claim")
    String claimTask(@PathVariable String taskId, RedirectAttributes redirect) {
        try {
            reviews.claimTask(taskId, currentUsers.current());
        } catch (ReviewConflict e) {
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
        Task task;
        try {
            task = reviews.task(taskId, me);
        } catch (cn.xueshi.claim.ClaimNotFound e) {
            redirect.addFlashAttribute("error", "review.conflict.done");
            return "redirect:/review";
        }
        Claim claim = reviews.claimOf(task);
        reviews.validate(form, claim, errors);
        if (errors.hasErrors()) {
            return show(task, me, form, model);
        }
        try {
            reviews.decide(taskId, me, form);
        } catch (ReviewConflict e) {
            redirect.addFlashAttribute("error", e.messageKey());
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
        claims.activityTypes(claim.getRuleSet()).forEach(t -> types.put(t.code(), t));
        model.addAttribute("task", task);
        model.addAttribute("claim", claim);
        model.addAttribute("reviewForm", form);
        model.addAttribute("claimantName", directory.displayName(claim.getClaimant()));
        model.addAttribute("types", types);
        model.addAttribute("params", claim.getItems().stream().map(claims::params).toList());
        model.addAttribute("evidence", evidence.forClaim(claim.getId()));
        model.addAttribute("history", audit.of(claim.getId()));
        model.addAttribute("duplicates", reviews.duplicates(claim));
        model.addAttribute("policy", claims.policy(claim.getRuleSet()));
        progress.of(claim.getClaimant(), claim.getYear(), claim.getRuleSet())
                .ifPresent(p -> model.addAttribute("progress", p));
        model.addAttribute("mine", me.userId().equals(task.getAssignee()));
        return taskForms.view(task);
    }
}
