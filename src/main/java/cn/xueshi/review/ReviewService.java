package cn.xueshi.review;

import cn.xueshi.clock.BusinessClock;
import cn.xueshi.task.HumanTasks;
import cn.xueshi.paging.PageRequest;
import cn.xueshi.paging.ListPage;
import cn.xueshi.system.Conflict;
import cn.xueshi.claim.AuditLog;
import cn.xueshi.claim.Claim;
import cn.xueshi.claim.ClaimItem;
import cn.xueshi.claim.ClaimNotFound;
import cn.xueshi.claim.ClaimRepository;
import cn.xueshi.claim.RegistrationPolicy;
import cn.xueshi.claim.ClaimStatus;
import cn.xueshi.identity.CurrentUser;
import cn.xueshi.identity.Directory;
import cn.xueshi.identity.Unit;
import cn.xueshi.identity.UnitRepository;
import cn.xueshi.variable.ProcessVariables;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import cn.xueshi.claim.ProcessTrust;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.validation.Errors;

/**
 * 单位审核: the reviewer's inbox, claiming, and the decision on a claim. Every task is looked up
 * together with the signed-in reviewer, so a reviewer of unit A never reaches unit B's claims.
 */
@Service
public class ReviewService {

    public static final String REVIEW_TASK = "reviewClaim";
    static final BigDecimal MAX_ADJUSTED = new BigDecimal("1000");

    private final TaskService tasks;
    private final ClaimRepository claims;
    private final RegistrationPolicy policies;
    private final UnitRepository units;
    private final Directory directory;
    private final AuditLog audit;
    private final TransactionTemplate transaction;
    private final HumanTasks humanTasks;
    private final InboxQuery inboxQuery;
    private final HistoryService history;
    private final ProcessTrust trust;

    ReviewService(TaskService tasks, ClaimRepository claims, RegistrationPolicy policies, UnitRepository units,
            Directory directory, AuditLog audit, PlatformTransactionManager transactionManager, HumanTasks humanTasks,
            InboxQuery inboxQuery, HistoryService history, ProcessTrust trust) {
        this.history = history;
        this.trust = trust;
        this.inboxQuery = inboxQuery;
        this.humanTasks = humanTasks;
        this.transaction = new TransactionTemplate(transactionManager);
        this.tasks = tasks;
        this.claims = claims;
        this.policies = policies;
        this.units = units;
        this.directory = directory;
        this.audit = audit;
    }

    /**
     * One page of the review tasks the reviewer may act on, overdue first, then by due date, filtered and paged
     * in the database by one query ({@link InboxQuery}); a task another reviewer completed meanwhile is simply
     * not on the page. A page beyond the last one shows the first page instead (the caller says so).
     */
    public ListPage<ReviewRow> inbox(CurrentUser me, InboxFilter filter, PageRequest request) {
        ListPage<ReviewRow> page = inboxQuery.page(REVIEW_TASK, me.userId(), filter, request, BusinessClock.now());
        if (page.isEmpty() && request.page() > 1) {
            return inboxQuery.page(REVIEW_TASK, me.userId(), filter,
                    new PageRequest(1, request.size(), request.typedPage(), request.typedSize(), request.errors()),
                    BusinessClock.now());
        }
        return page;
    }

    /** The review task if the reviewer may act on it; otherwise not found. */
    public Task task(String taskId, CurrentUser me) {
        return humanTasks.findAsCandidate(taskId, REVIEW_TASK, me.userId());
    }

    /** The claim behind the task; a task that ended meanwhile is a conflict (someone else decided), not a 500. */
    public Claim claimOf(Task task) {
        // the variable only tells whether the task still exists; which claim it is comes from the claim's own
        // link to its process instance, so a tampered variable can never show or decide another claim
        if (humanTasks.variable(task, "claimId").isEmpty()) {
            throw new Conflict("review.conflict.done");
        }
        return claims.findByProcessInstanceId(task.getProcessInstanceId())
                .orElseThrow(() -> new Conflict("review.conflict.done"));
    }

    @Transactional
    public void claimTask(String taskId, CurrentUser me) {
        Task t = task(taskId, me);
        if (t.getAssignee() != null && !t.getAssignee().equals(me.userId())) {
            throw new Conflict("review.conflict.claimedByOther");
        }
        try {
            tasks.claim(taskId, me.userId());
        } catch (ProcessEngineException e) {
            throw new Conflict("review.conflict.claimedByOther");
        }
    }

    @Transactional
    public void unclaimTask(String taskId, CurrentUser me) {
        Task t = task(taskId, me);
        if (me.userId().equals(t.getAssignee())) {
            tasks.setAssignee(taskId, null);
        }
    }

    /** Field checks of a decision: reasons where required, adjusted hours present and in range. */
    public void validate(ReviewForm form, Claim claim, Errors errors) {
        if (form.getDecision() == null) {
            errors.rejectValue("decision", "review.error.decision");
            return;
        }
        boolean needsReason = form.getDecision() != ReviewForm.Decision.APPROVE;
        if (needsReason && (form.getComment() == null || form.getComment().isBlank())) {
            errors.rejectValue("comment", "review.error.reason");
        }
        if (form.getComment() != null && form.getComment().length() > 1000) {
            errors.rejectValue("comment", "review.error.reason.tooLong");
        }
        if (form.getDecision() == ReviewForm.Decision.RETURN && !policies.of(claim.getRuleSet()).correctable()) {
            errors.rejectValue("decision", "review.error.notCorrectable");
        }
        if (form.getDecision() == ReviewForm.Decision.ADJUST) {
            checkHours(form.getAdjustedPublic(), "adjustedPublic", errors);
            checkHours(form.getAdjustedProfessional(), "adjustedProfessional", errors);
        }
    }

    private static void checkHours(BigDecimal value, String field, Errors errors) {
        if (value == null) {
            errors.rejectValue(field, "review.error.hours.missing");
        } else if (value.signum() < 0 || value.compareTo(MAX_ADJUSTED) > 0 || value.scale() > 1) {
            errors.rejectValue(field, "review.error.hours.range");
        }
    }

    /**
     * Records the decision and completes the task in one transaction: the audit line, the claim's new
     * state (by the process's service tasks) and the task end commit together or not at all.
     */
    @Transactional
    public void decide(String taskId, CurrentUser me, ReviewForm form) {
        HumanTasks.Actionable t = decidable(taskId, me);
        record(t, inReview(t), me, form);
    }

    /**
     * The reviewer's POST in one transaction: the task and its claim are read once, the form is checked, and when
     * it passes the decision is recorded as {@link #decide(String, CurrentUser, ReviewForm)} does. Returns false,
     * with nothing written, when the form has field errors. (The form's checks and the decision used to read the
     * task, its variable and the claim twice, in five transactions: a third of the decision's cost.)
     */
    @Transactional
    public boolean decide(String taskId, CurrentUser me, ReviewForm form, Errors errors) {
        HumanTasks.Actionable t = decidable(taskId, me);
        Claim claim = inReview(t);
        validate(form, claim, errors);
        if (errors.hasErrors()) {
            return false;
        }
        record(t, claim, me, form);
        return true;
    }

    /**
     * The task the reviewer may decide: theirs to act on and not claimed by someone else ({@link #task}'s rule,
     * in one query: {@link HumanTasks#actionable}).
     */
    private HumanTasks.Actionable decidable(String taskId, CurrentUser me) {
        HumanTasks.Actionable t;
        try {
            t = humanTasks.actionable(taskId, REVIEW_TASK, me.userId());
        } catch (cn.xueshi.system.NotFound e) {
            // the form was shown, so the task was there: another decision was faster, or the claimant withdrew
            throw gone(taskId, me);
        }
        if (t.assignee() != null && !t.assignee().equals(me.userId())) {
            throw new Conflict("review.conflict.claimedByOther");
        }
        return t;
    }

    /**
     * The claim of a task found in this transaction, still in review. The task's variable is not read again (as
     * {@link #claimOf} does for a task from a list): the task query a moment ago in this transaction said it is
     * open, and a decision racing this one fails at the completion (a conflict) or at the status check.
     */
    private Claim inReview(HumanTasks.Actionable t) {
        Claim claim = claims.findByProcessInstanceId(t.processInstanceId())
                .orElseThrow(() -> new Conflict("review.conflict.done"));
        if (claim.getStatus() == ClaimStatus.WITHDRAWN) {
            throw new Conflict("review.conflict.withdrawn");
        }
        if (claim.getStatus() != ClaimStatus.IN_REVIEW) {
            throw new Conflict("review.conflict.done");
        }
        return claim;
    }

    /**
     * Why a review task the reviewer had open is gone: the claimant withdrew the claim (撤回), or another decision was
     * faster. Only a reviewer who may decide that claim learns that it was withdrawn; anyone else hears "done".
     */
    public Conflict gone(String taskId, CurrentUser me) {
        HistoricTaskInstance ended = history.createHistoricTaskInstanceQuery().taskId(taskId)
                .taskDefinitionKey(REVIEW_TASK).singleResult();
        boolean withdrawn = ended != null && claims.findByProcessInstanceId(ended.getProcessInstanceId())
                .filter(c -> c.getStatus() == ClaimStatus.WITHDRAWN)
                .filter(c -> trust.deciders(c).contains(me.userId()))
                .isPresent();
        return new Conflict(withdrawn ? "review.conflict.withdrawn" : "review.conflict.done");
    }

    private void record(HumanTasks.Actionable t, Claim claim, CurrentUser me, ReviewForm form) {
        String comment = form.getComment() == null || form.getComment().isBlank() ? null : form.getComment().trim();
        String detail = form.getDecision() == ReviewForm.Decision.ADJUST
                ? "公需 " + form.getAdjustedPublic() + " / 专业 " + form.getAdjustedProfessional()
                        + (comment == null ? "" : "；" + comment)
                : comment;
        audit.record(claim.getId(), me.userId(), "REVIEW_" + form.getDecision().name(), detail, t.id());
        humanTasks.complete(t.id(), Variables.createVariables()
                .putValue("decision", form.getDecision().name())
                .putValue("reviewer", me.userId())
                .putValue("reviewComment", comment)
                .putValue("adjustedPublic", ProcessVariables.hours(form.getAdjustedPublic()))
                .putValue("adjustedProfessional", ProcessVariables.hours(form.getAdjustedProfessional())));
    }

    /** Possible duplicates in the unit: same title, or same activity type on the same date. */
    public List<ClaimItem> duplicates(Claim claim) {
        List<ClaimItem> found = new ArrayList<>();
        for (ClaimItem item : claim.getItems()) {
            // stored titles are never empty, so "" matches nothing
            List<String> titles = item.getTitle() == null ? List.of("") : List.of(item.getTitle().toLowerCase());
            found.addAll(claims.possibleDuplicates(claim.getUnitId(), claim.getId(), titles, item.getActivityType(),
                    item.getActivityDate()));
        }
        return found.stream().filter(Objects::nonNull).distinct().toList();
    }

    /** A claim simple enough to approve in a batch: one item, hours proposed, no possible duplicate. */
    public boolean simple(Claim claim) {
        return claim.getItems().size() == 1 && claim.getProposedHours() != null && duplicates(claim).isEmpty();
    }

    /** Approves each selected simple claim; returns how many were approved (the rest stay in the inbox). */
    public int batchApprove(List<String> taskIds, CurrentUser me) {
        int approved = 0;
        for (String taskId : taskIds) {
            try {
                Task t = task(taskId, me);
                if (!simple(claimOf(t))) {
                    continue;
                }
                ReviewForm form = new ReviewForm();
                form.setDecision(ReviewForm.Decision.APPROVE);
                form.setComment("批量审核通过");
                // each claim in its own transaction, like a single decision
                transaction.executeWithoutResult(status -> decide(taskId, me, form));
                approved++;
            } catch (cn.xueshi.system.NotFound | Conflict | org.springframework.dao.ConcurrencyFailureException
                    | org.camunda.bpm.engine.OptimisticLockingException e) {
                // someone else took it (or decided it while this one committed), or it is not this reviewer's:
                // leave it, the others still go through
            }
        }
        return approved;
    }
}
