package cn.xueshi.title;

import cn.xueshi.identity.CurrentUser;
import cn.xueshi.identity.Directory;
import cn.xueshi.identity.Groups;
import cn.xueshi.identity.Unit;
import cn.xueshi.identity.UnitRepository;
import cn.xueshi.rules.RecognitionService;
import cn.xueshi.system.Conflict;
import cn.xueshi.system.NotFound;
import cn.xueshi.system.RequestLimits;
import cn.xueshi.task.HumanTasks;
import cn.xueshi.variable.ProcessVariables;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 继续教育学习证明 (bpmn/title-proof.bpmn): the employee requests a proof for an application year; who checks and
 * issues it is the review-routing table's answer for the unit (the unit's reviewers; the local bureau for Anhui
 * non-public units, social organisations and freelancers, art. 14); they issue it (the check as it stands then is
 * frozen on the proof under a verification code) or refuse it with a reason.
 */
@Service
public class TitleProofs {

    static final String PROCESS_KEY = "title-proof";
    static final String CHECK_TASK = "checkProof";
    private static final String ROUTING = "review-routing";
    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    /** Proof codes: "ZC" and 18 characters of an alphabet without look-alikes (0/O, 1/I). */
    static final int CODE_LENGTH = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TitleProofRepository proofs;
    private final TitleCheck check;
    private final Directory directory;
    private final UnitRepository units;
    private final RecognitionService recognition;
    private final RuntimeService runtime;
    private final HumanTasks humanTasks;
    private final RequestLimits limits;
    private final ObjectMapper json;
    private final HistoryService history;
    private final cn.xueshi.clock.BusinessClock clock;
    private final cn.xueshi.rules.PolicyRuleSets policyRuleSets;

    TitleProofs(HistoryService history, TitleProofRepository proofs, TitleCheck check, Directory directory, UnitRepository units,
            RecognitionService recognition, RuntimeService runtime, HumanTasks humanTasks, RequestLimits limits,
            ObjectMapper json, cn.xueshi.clock.BusinessClock clock, cn.xueshi.rules.PolicyRuleSets policyRuleSets) {
        this.clock = clock;
        this.policyRuleSets = policyRuleSets;
        this.proofs = proofs;
        this.check = check;
        this.directory = directory;
        this.units = units;
        this.recognition = recognition;
        this.runtime = runtime;
        this.humanTasks = humanTasks;
        this.limits = limits;
        this.json = json;
        this.history = history;
    }

    /** A proof, the record that issued it and what it states (null snapshot until issued). */
    public record Issued(TitleProof proof, ProofSnapshot snapshot) {
    }

    /** Requests a proof for {@code year}; one open request per person and year. */
    @Transactional
    public TitleProof request(CurrentUser me, int year, String submissionKey) {
        return request(me, year, null, submissionKey);
    }

    /**
     * Requests a proof for {@code year} with the date the application is filed on ({@code null}: not stated), which
     * must lie in the application year and not before today.
     */
    @Transactional
    public TitleProof request(CurrentUser me, int year, java.time.LocalDate applicationDate, String submissionKey) {
        Unit unit = me.unit().orElseThrow(NotFound::new);
        if (!limits.yearAllowed(year)) {
            throw new TitleInputRejected("year", "title.error.year", limits.minYear(), limits.maxYear());
        }
        if (applicationDate != null && (applicationDate.getYear() != year || applicationDate.isBefore(clock.today()))) {
            throw new TitleInputRejected("applicationDate", "title.error.applicationDate", String.valueOf(year),
                    clock.today().toString());
        }
        Optional<TitleProof> same = proofs.findBySubmissionKey(submissionKey);
        if (same.isPresent()) {
            if (!same.get().getClaimant().equals(me.userId())) {
                throw new NotFound();
            }
            return same.get();
        }
        if (!proofs.findByClaimantAndYearAndStatusIn(me.userId(), year, List.of(TitleProof.Status.REQUESTED))
                .isEmpty()) {
            throw new Conflict("title.proof.conflict.open");
        }
        TitleProof.Issuer issuer = issuerKind(unit, year);
        List<String> issuers = issuers(unit, issuer);
        if (issuers.isEmpty()) {
            throw new TitleInputRejected("year", "title.proof.error.noIssuer");
        }
        TitleProof proof = new TitleProof(me.userId(), unit.getId(), year, issuer, submissionKey);
        proof.filedOn(applicationDate);
        try {
            proof = proofs.saveAndFlush(proof);
        } catch (DataIntegrityViolationException e) {
            throw new Conflict("title.proof.conflict.duplicate");
        }
        String instance = runtime.startProcessInstanceByKey(PROCESS_KEY, String.valueOf(proof.getId()),
                Variables.createVariables()
                        .putValue("proofId", proof.getId())
                        .putValue("claimant", me.userId())
                        .putValue("issuers", ProcessVariables.candidates(issuers))
                        .putValue("jurisdiction", unit.getJurisdiction()))
                .getId();
        proof.startedAs(instance);
        return proofs.save(proof);
    }

    /** UNIT or BUREAU for the unit's type under the application year's rule set (dmn/review-routing.dmn, no series). */
    TitleProof.Issuer issuerKind(Unit unit, int year) {
        Map<String, Object> in = new HashMap<>();
        in.put("ruleSet", policyRuleSets.of(recognition.ruleSetFor(unit, year).orElse(null)));
        in.put("unitType", unit.getUnitType().name());
        // the proof certifies the unit's registered hours for a title application: the unit (or for the bureau's
        // cases, the bureau) issues it, whoever reviewed the single claims; a DEPARTMENT row (青人社字〔2023〕14号 五)
        // is about who recognises the hours, so title proofs read the table without a series and stay UNIT/BUREAU
        in.put("titleSeries", "");
        String kind = recognition.firstRow(ROUTING, in).map(r -> (String) r.get("reviewerKind")).orElse("UNIT");
        return "BUREAU".equals(kind) ? TitleProof.Issuer.BUREAU : TitleProof.Issuer.UNIT;
    }

    /** The people who may issue a proof of {@code unit}. */
    List<String> issuers(Unit unit, TitleProof.Issuer kind) {
        return kind == TitleProof.Issuer.BUREAU ? directory.overseers(unit.getJurisdiction(), Groups.BUREAU)
                : directory.reviewersOf(unit.getId());
    }

    List<String> issuers(TitleProof proof) {
        return issuers(unit(proof), proof.getIssuer());
    }

    Unit unit(TitleProof proof) {
        return units.findById(proof.getUnitId()).orElseThrow(NotFound::new);
    }

    /** The proof if {@code me} requested it or may issue it; otherwise not found. */
    public Issued viewable(long id, CurrentUser me) {
        TitleProof p = proofs.findById(id).orElseThrow(NotFound::new);
        if (!p.getClaimant().equals(me.userId()) && !issuers(p).contains(me.userId())) {
            throw new NotFound();
        }
        return issued(p);
    }

    /** An issued proof by its verification code (the public page). */
    public Optional<Issued> byCode(String code) {
        if (code == null || code.length() != CODE_LENGTH || !code.startsWith("ZC")) {
            return Optional.empty();
        }
        return proofs.findByCode(code).filter(p -> p.getStatus() == TitleProof.Status.ISSUED).map(this::issued);
    }

    public List<TitleProof> mine(CurrentUser me) {
        return proofs.findByClaimantOrderByRequestedAtDesc(me.userId());
    }

    /** A check task with its proof. */
    public record Pending(Task task, TitleProof proof) {
    }

    /** Open check tasks of {@code me}; tasks that ended while the list was read are left out. */
    public List<Pending> pending(CurrentUser me) {
        List<Task> open = humanTasks.open(CHECK_TASK, me.userId());
        Map<String, Object> ids = humanTasks.processVariable(open, "proofId");
        List<Pending> list = new ArrayList<>();
        for (Task t : open) {
            Object id = ids.get(t.getProcessInstanceId());
            if (id instanceof Long l) {
                proofs.findById(l).ifPresent(p -> list.add(new Pending(t, p)));
            }
        }
        return list;
    }

    public Task task(String taskId, CurrentUser me) {
        return humanTasks.find(taskId, CHECK_TASK, me.userId());
    }

    /** The proof behind the task, by the product's own link to the instance; a task gone meanwhile is a conflict. */
    public TitleProof proofOf(Task task) {
        Long id = (Long) humanTasks.variable(task, "proofId").orElseThrow(() -> new Conflict("title.proof.conflict.done"));
        TitleProof p = proofs.findById(id).orElseThrow(NotFound::new);
        if (!task.getProcessInstanceId().equals(p.getProcessInstanceId())) {
            throw new NotFound();
        }
        return p;
    }

    /** The check as it stands now, for the issuer to look at before deciding. */
    public TitleApplication currentCheck(TitleProof p) {
        return check.check(p.getClaimant(), unit(p), p.getYear(), null, null);
    }

    /**
     * The task to decide: a task that ended meanwhile is a conflict (another issuer was faster) when {@code me} is
     * one of its proof's issuers; anyone else's task, open or not, is not found.
     */
    public Task decisionTask(String taskId, CurrentUser me) {
        try {
            return task(taskId, me);
        } catch (NotFound e) {
            HistoricTaskInstance ended = history.createHistoricTaskInstanceQuery().taskId(taskId)
                    .taskDefinitionKey(CHECK_TASK).singleResult();
            if (ended != null && proofs.findByProcessInstanceId(ended.getProcessInstanceId())
                    .filter(p -> issuers(p).contains(me.userId())).isPresent()) {
                throw new Conflict("title.proof.conflict.done");
            }
            throw e;
        }
    }

    /** Issue (ISSUE) or refuse with a reason (REFUSE); the task and the proof in one transaction. */
    @Transactional
    public void decide(String taskId, CurrentUser me, String decision, String reason) {
        Task t = decisionTask(taskId, me);
        TitleProof p = proofOf(t);
        if (p.getStatus() != TitleProof.Status.REQUESTED) {
            throw new Conflict("title.proof.conflict.done");
        }
        humanTasks.complete(taskId, Variables.createVariables().putValue("decision", decision)
                .putValue("decidedBy", me.userId()).putValue("refusalReason", reason));
    }

    /** Freezes the check on the proof under a new code (called by the issue step). */
    void issue(TitleProof p, String by) {
        Unit unit = unit(p);
        TitleApplication t = check.check(p.getClaimant(), unit, p.getYear(), null, null);
        String snapshot;
        try {
            snapshot = json.writeValueAsString(ProofSnapshot.of(t));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String issuerName = p.getIssuer() == TitleProof.Issuer.BUREAU ? unit.getCompetentDepartment() : unit.getName();
        p.issue(by, newCode(), t.name(), directory.familyName(p.getClaimant()), unit.getName(),
                issuerName == null || issuerName.isBlank() ? unit.getName() : issuerName, t, snapshot);
        proofs.save(p);
    }

    private Issued issued(TitleProof p) {
        if (p.getSnapshot() == null) {
            return new Issued(p, null);
        }
        try {
            return new Issued(p, json.readValue(p.getSnapshot(), ProofSnapshot.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable snapshot of title proof " + p.getId(), e);
        }
    }

    static String newCode() {
        char[] code = new char[CODE_LENGTH - 2];
        for (int i = 0; i < code.length; i++) {
            code[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return "ZC" + new String(code);
    }
}
