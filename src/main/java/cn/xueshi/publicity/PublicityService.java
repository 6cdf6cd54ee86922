package cn.xueshi.publicity;

import cn.xueshi.clock.BusinessClock;
import cn.xueshi.claim.AuditLog;
import cn.xueshi.claim.Claim;
import cn.xueshi.claim.ClaimNotFound;
import cn.xueshi.claim.ClaimRepository;
import cn.xueshi.claim.ClaimStatus;
import cn.xueshi.identity.CurrentUser;
import cn.xueshi.identity.Unit;
import cn.xueshi.system.Conflict;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.Errors;

/**
 * 公示: the unit's publicity board, objections raised by unit members, and the reviewer's handling of
 * them. Only members and reviewers of the unit see its board.
 */
@Service
public class PublicityService {

    public static final String OBJECTION_TASK = "handleObjection";
    static final int MAX_REASON = 1000;

    private final ClaimRepository claims;
    private final ObjectionRepository objections;
    private final RuntimeService runtime;
    private final TaskService tasks;
    private final AuditLog audit;
    private final cn.xueshi.task.HumanTasks humanTasks;
    private final PublicityProperties limits;
    private final cn.xueshi.system.Conflicts conflicts;
    private final org.springframework.transaction.support.TransactionTemplate transaction;

    PublicityService(ClaimRepository claims, ObjectionRepository objections, RuntimeService runtime, TaskService tasks,
            AuditLog audit, cn.xueshi.task.HumanTasks humanTasks, PublicityProperties limits,
            cn.xueshi.system.Conflicts conflicts,
            org.springframework.transaction.PlatformTransactionManager transactionManager) {
        this.humanTasks = humanTasks;
        this.limits = limits;
        this.conflicts = conflicts;
        this.transaction = new org.springframework.transaction.support.TransactionTemplate(transactionManager);
        this.claims = claims;
        this.objections = objections;
        this.runtime = runtime;
        this.tasks = tasks;
        this.audit = audit;
    }

    /** The units whose boards the person sees: their own unit and the units they review. */
    public List<Long> boardUnits(CurrentUser me) {
        Set<Long> ids = new LinkedHashSet<>();
        me.unit().map(Unit::getId).ifPresent(ids::add);
        me.reviewedUnits().forEach(u -> ids.add(u.getId()));
        return List.copyOf(ids);
    }

    public List<Claim> board(CurrentUser me) {
        List<Long> units = boardUnits(me);
        return units.isEmpty() ? List.of() : claims.findByUnitIdInAndStatusOrderByPublicityEnd(units,
                ClaimStatus.IN_PUBLICITY);
    }

    /** A claim on a board the person may see; otherwise not found. */
    public Claim onBoard(long claimId, CurrentUser me) {
        Claim claim = claims.findById(claimId).orElseThrow(ClaimNotFound::new);
        if (claim.getStatus() != ClaimStatus.IN_PUBLICITY || !boardUnits(me).contains(claim.getUnitId())) {
            throw new ClaimNotFound();
        }
        return claim;
    }

    public void validateObjection(Claim claim, CurrentUser me, String reason, Errors errors) {
        if (claim.getClaimant().equals(me.userId())) {
            errors.rejectValue("reason", "publicity.error.ownClaim");
        } else if (reason == null || reason.isBlank()) {
            errors.rejectValue("reason", "publicity.error.reason");
        } else if (reason.length() > MAX_REASON) {
            errors.rejectValue("reason", "publicity.error.reason.tooLong");
        }
    }

    /**
     * Records the objection and opens the reviewer's task, in one transaction. One open objection per
     * person and claim (a unique constraint, so parallel requests cannot slip through) and at most
     * {@code xueshi.publicity.objection-limit} per person within the window; otherwise a conflict that
     * says so. The objection id goes to the scope the message triggers (one event sub-process instance
     * per objection), never to the shared publicity scope, where a second objection would overwrite it.
     */
    public Objection raise(long claimId, CurrentUser me, String reason) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.execute(status -> raiseOnce(claimId, me, reason));
            } catch (Conflict e) {
                throw e; // a rule said no (open already, too many): trying again would not change it
            } catch (RuntimeException e) {
                // another person's objection to the same claim changed the publicity scope at the same
                // moment; on the fresh state this one goes through
                if (attempt >= limits.raiseAttempts() || !conflicts.isConflict(e)) {
                    throw e;
                }
            }
        }
    }

    private Objection raiseOnce(long claimId, CurrentUser me, String reason) {
        Claim claim = onBoard(claimId, me);
        if (claim.getClaimant().equals(me.userId())) {
            throw new ClaimNotFound();
        }
        if (objections.existsByClaimIdAndOpenBy(claim.getId(), me.userId())) {
            throw new Conflict("publicity.error.alreadyOpen");
        }
        Instant since = BusinessClock.now().minus(limits.objectionWindow());
        if (objections.countByRaisedByAndRaisedAtAfter(me.userId(), since) >= limits.objectionLimit()) {
            throw new Conflict("publicity.error.tooMany", HttpStatus.TOO_MANY_REQUESTS,
                    limits.objectionLimit(), limits.objectionWindow().toMinutes());
        }
        Objection objection;
        try {
            objection = objections.saveAndFlush(new Objection(claim.getId(), me.userId(), reason.trim()));
        } catch (DataIntegrityViolationException e) {
            // the same person's request a moment earlier holds the open slot
            throw new Conflict("publicity.error.alreadyOpen");
        }
        // the claimant reads the audit trail: it names no objector
        audit.record(claim.getId(), "objector", "OBJECTION_RAISED", objection.getReason(), null);
        runtime.createMessageCorrelation("objectionRaised")
                .processInstanceId(claim.getProcessInstanceId())
                .setVariableToTriggeredScope("objectionId", objection.getId())
                .correlate();
        return objection;
    }

    public List<Objection> objectionsOf(long claimId) {
        return objections.findByClaimIdOrderByRaisedAt(claimId);
    }

    /** Objection tasks the reviewer may handle. */
    public List<Task> objectionTasks(CurrentUser me) {
        return humanTasks.open(OBJECTION_TASK, me.userId());
    }

    public Task objectionTask(String taskId, CurrentUser me) {
        return humanTasks.find(taskId, OBJECTION_TASK, me.userId());
    }

    /** An objection task with the objection it carries (the task's own sub-process scope holds the id). */
    public record ObjectionTask(Task task, Objection objection) {
    }

    /**
     * The reviewer's open objection tasks with their objections; a task someone else completed while
     * the list was read is left out rather than failing the page.
     */
    public List<ObjectionTask> openObjections(CurrentUser me) {
        List<Task> open = objectionTasks(me);
        Map<String, Long> idOfTask = new java.util.LinkedHashMap<>();
        for (Task t : open) {
            humanTasks.variable(t, "objectionId").ifPresent(id -> idOfTask.put(t.getId(), (Long) id));
        }
        Map<Long, Objection> byId = objections.findAllById(idOfTask.values()).stream()
                .collect(Collectors.toMap(Objection::getId, Function.identity()));
        return open.stream().filter(t -> byId.containsKey(idOfTask.get(t.getId())))
                .map(t -> new ObjectionTask(t, byId.get(idOfTask.get(t.getId())))).toList();
    }

    public Objection objectionOf(Task task) {
        Optional<Object> id = humanTasks.variable(task, "objectionId");
        return id.flatMap(i -> objections.findById((Long) i))
                .orElseThrow(() -> new Conflict("review.conflict.done"));
    }

    /** 异议处理: DISMISS (publicity goes on) or UPHOLD (back to review); a reason is always required. */
    @Transactional
    public void handle(String taskId, CurrentUser me, String decision, String comment) {
        Task t;
        try {
            t = objectionTask(taskId, me);
        } catch (cn.xueshi.system.NotFound e) {
            // the form was shown, so the task was there: someone else handled it meanwhile
            throw new Conflict("review.conflict.done");
        }
        Objection objection = objectionOf(t);
        if (objection.getStatus() != Objection.Status.OPEN) {
            throw new Conflict("review.conflict.done");
        }
        audit.record(objection.getClaimId(), me.userId(), "OBJECTION_" + decision, comment, taskId);
        // the decision stays in this objection's own scope: another open objection never sees it
        humanTasks.completeInOwnScope(t, Variables.createVariables()
                .putValue("objectionDecision", decision)
                .putValue("objectionHandler", me.userId())
                .putValue("objectionComment", comment));
    }
}
