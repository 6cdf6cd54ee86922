package cn.xueshi.review;

import cn.xueshi.selfstudy.SelfStudyRule;
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
import cn.xueshi.paging.PageRequest;
import cn.xueshi.task.TaskListProperties;
import cn.xueshi.paging.ListPage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import cn.xueshi.identity.Unit;
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
    static final String SECTION_VIEW = "review/section";

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
    private final TaskListProperties pageLimits;
    private final int sectionPreview;
    private final SelfStudyRule selfStudy;
    private final cn.xueshi.system.Conflicts conflicts;

    ReviewController(ReviewService reviews, ItemParameters parameters, RecognitionService recognition,
            RegistrationPolicy policies, ProgressService progress, EvidenceStore evidence,
            CurrentUserService currentUsers, Directory directory, AuditLog audit, List<InboxSection> sections,
            TaskForms taskForms, TaskListProperties pageLimits, SelfStudyRule selfStudy,
            cn.xueshi.system.Conflicts conflicts) {
        this.selfStudy = selfStudy;
        this.conflicts = conflicts;
        this.pageLimits = pageLimits;
        this.sectionPreview = Math.min(pageLimits.sectionPreview(), pageLimits.maxPageSize());
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
            @RequestParam(required = false) String person, @RequestParam(required = false) String page,
            @RequestParam(required = false) String size, Model model) {
        CurrentUser me = currentUsers.current();
        PageRequest request = PageRequest.of(page, size, pageLimits.pageSize(), pageLimits.maxPageSize());
        ListPage<ReviewRow> rows = reviews.inbox(me, new InboxFilter(status, type, person), request);
        model.addAttribute("rows", rows.rows());
        model.addAttribute("pageOf", rows);
        model.addAttribute("pageRequest", request);
        model.addAttribute("maxPageSize", pageLimits.maxPageSize());
        model.addAttribute("beyondLastPage", request.page() > 1 && rows.request().page() == 1);
        model.addAttribute("status", status);
        model.addAttribute("type", type);
        model.addAttribute("person", person);
        model.addAttribute("typeNames", typeNames(rows.rows(), me));
        model.addAttribute("simple", rows.rows().stream().filter(ReviewRow::simple).map(ReviewRow::taskId).toList());
        model.addAttribute("sections", openSections(me));
        return INBOX_VIEW;
    }

    /**
     * The other capabilities' open tasks of this person, section by section, each its first page
     * (xueshi.task-list.section-preview entries, one query per section); empty sections are left out.
     */
    private List<OpenSection> openSections(CurrentUser me) {
        List<OpenSection> open = new ArrayList<>();
        for (InboxSection section : sections) {
            ListPage<InboxEntry> entries = section.openFor(me, PageRequest.first(sectionPreview));
            if (!entries.isEmpty()) {
                open.add(new OpenSection(section.id(), section.headingKey(), entries));
            }
        }
        return open;
    }

    record OpenSection(String id, String headingKey, ListPage<InboxEntry> page) {

        public List<InboxEntry> entries() {
            return page.rows();
        }
    }

    /** One section's tasks page by page (/review/sections/{id}); an unknown section is the 404 page. */
    @GetMapping("/sections/{id}")
    String section(@PathVariable String id, @RequestParam(required = false) String page,
            @RequestParam(required = false) String size, Model model) {
        InboxSection section = sections.stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(cn.xueshi.system.NotFound::new);
        PageRequest request = PageRequest.of(page, size, pageLimits.pageSize(), pageLimits.maxPageSize());
        ListPage<InboxEntry> entries = section.openFor(currentUsers.current(), request);
        model.addAttribute("section", new OpenSection(section.id(), section.headingKey(), entries));
        model.addAttribute("pageOf", entries);
        model.addAttribute("pageRequest", request);
        model.addAttribute("maxPageSize", pageLimits.maxPageSize());
        model.addAttribute("beyondLastPage", request.page() > 1 && entries.request().page() == 1);
        return SECTION_VIEW;
    }

    /**
     * The activity types to filter by: those of the rule sets of the reviewer's units (known with the signed-in
     * user, no query) and of the rule sets on the page (the bureau reviews units it does not belong to).
     */
    private Map<String, String> typeNames(List<ReviewRow> rows, CurrentUser me) {
        Map<String, String> names = new LinkedHashMap<>();
        Stream.concat(me.reviewedUnits().stream().map(Unit::getRuleSet), rows.stream().map(ReviewRow::ruleSet))
                .distinct()
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
    String reviewForm(@PathVariable String taskId, Model model, RedirectAttributes redirect) {
        CurrentUser me = currentUsers.current();
        Task task;
        try {
            task = reviews.task(taskId, me);
        } catch (cn.xueshi.system.NotFound e) {
            // a link to a task whose claim the claimant withdrew (a reminder mail, the browser's history): its deciders
            // are told so in the inbox; to anyone else the task is as unknown as an id that never existed
            if ("review.conflict.withdrawn".equals(reviews.gone(taskId, me).messageKey())) {
                redirect.addFlashAttribute("error", "review.conflict.withdrawn");
                return "redirect:/review";
            }
            throw e;
        }
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
            // another decision was faster, the claimant withdrew (or the task is not this reviewer's): back to the
            // inbox with the message
            String key = e instanceof Conflict c ? c.messageKey() : "review.conflict.done";
            redirect.addFlashAttribute("error", "review.conflict.done".equals(key)
                    ? reviews.gone(taskId, me).messageKey() : key);
            return "redirect:/review";
        } catch (RuntimeException e) {
            if (!conflicts.isConflict(e)) {
                throw e;
            }
            // lost at the commit (the claim's version): the claimant's withdrawal or another decision came first
            redirect.addFlashAttribute("error", reviews.gone(taskId, me).messageKey());
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
        // 吉林 附件 二（九）: whether the claimant's unit keeps the self-study archive the claim's items need
        if (claim.getUnitId() != null) {
            List<String> itemTypes = claim.getItems().stream().map(cn.xueshi.claim.ClaimItem::getActivityType).toList();
            selfStudy.statusFor(claim.getUnitId(), claim.getRuleSet(), itemTypes)
                    .ifPresent(m -> model.addAttribute("selfStudyArchive", m));
            // the archive may have been stopped from a day before an item since the claim was submitted
            model.addAttribute("selfStudyRefusals", selfStudy.itemRefusals(claim.getUnitId(), claim.getRuleSet(),
                    itemTypes, claim.getItems().stream().map(cn.xueshi.claim.ClaimItem::getActivityDate).toList()));
        }
        return taskForms.view(task);
    }
}
