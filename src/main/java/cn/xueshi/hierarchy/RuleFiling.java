package cn.xueshi.hierarchy;

import cn.xueshi.calendar.WorkingDayCalendar;
import cn.xueshi.clock.BusinessClock;
import cn.xueshi.identity.CurrentUser;
import cn.xueshi.notification.Notifications;
import cn.xueshi.system.Conflict;
import cn.xueshi.system.NotFound;
import cn.xueshi.task.HumanTasks;
import cn.xueshi.variable.ProcessVariables;
import java.time.LocalDate;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Filing (备案) as {@code bpmn/rule-filing.bpmn}: the maintainer submits the draft with reason, document and effective
 * date → the filing authority reviews the diff against the parent, the guardrails and the sample results → files it
 * (deployed, effective from the date) or returns it with comments → the submitter revises and resubmits. Every step is
 * audited (xs_rule_set_audit); the record (the version) links the instance, so a task is always found by it.
 */
@Service
public class RuleFiling {

    static final String PROCESS = "rule-filing";
    static final String REVIEW = "reviewRuleFiling";
    static final String REVISE = "reviseRuleFiling";

    private final Derivations derivations;
    private final FilingAuthority authority;
    private final MaintainerScope scope;
    private final RuntimeService runtime;
    private final HumanTasks tasks;
    private final Notifications notifications;
    private final WorkingDayCalendar calendar;
    private final BusinessClock clock;
    private final FilingDocuments documents;

    RuleFiling(Derivations derivations, FilingAuthority authority, MaintainerScope scope, RuntimeService runtime,
            HumanTasks tasks, Notifications notifications, WorkingDayCalendar calendar, BusinessClock clock,
            FilingDocuments documents) {
        this.documents = documents;
        this.derivations = derivations;
        this.authority = authority;
        this.scope = scope;
        this.runtime = runtime;
        this.tasks = tasks;
        this.notifications = notifications;
        this.calendar = calendar;
        this.clock = clock;
    }

    /**
     * Submits the open draft of a set the person maintains with its supporting document (备案文件, required) and
     * starts its filing.
     */
    @Transactional
    public RuleSetVersion submit(CurrentUser me, String key, String reason, String documentRef, LocalDate effectiveFrom,
            SupportingDocument document) {
        DerivedRuleSet set = scope.maintained(me, derivations.set(key));
        // the form's own fields first (a refusal beside the field), then who can file it; one transaction either way,
        // so a refusal after the document was kept keeps nothing
        RuleSetVersion v = derivations.submit(key, reason, documentRef, effectiveFrom, me.userId());
        documents.keep(v, documents.check(document), me.userId(), documents.of(v).isPresent());
        List<String> deciders = authority.usersOf(set);
        if (deciders.isEmpty()) {
            throw derivations.refusal("delta", "hierarchy.error.noAuthority");
        }
        Map<String, Object> vars = new HashMap<>();
        vars.put("versionId", v.getId());
        vars.put("ruleSetKey", key);
        // comma-separated strings (ProcessVariables.candidates), not JSON lists: no Spin deserialization on each read
        vars.put("authorities", ProcessVariables.candidates(deciders));
        vars.put("submitters", ProcessVariables.candidates(List.of(me.userId())));
        vars.put("reminderAt", reminderAt(set));
        ProcessInstance instance = runtime.startProcessInstanceByKey(PROCESS, key + ":" + v.getVersion(), vars);
        derivations.started(v, instance.getId());
        notifications.send(deciders, "RULE_FILING_SUBMITTED", null, set.getNameZh() + " v" + v.getVersion());
        return v;
    }

    private Date reminderAt(DerivedRuleSet set) {
        LocalDate day = calendar.addWorkingDays(clock.today(), authority.route(set).reminderWorkingDays());
        return Date.from(day.atStartOfDay(clock.zone()).toInstant());
    }

    /** The open task of this step the person may act on; 404 for anyone else. */
    public Task task(CurrentUser me, String taskId) {
        Task t;
        try {
            t = tasks.find(taskId, REVIEW, me.userId());
        } catch (NotFound e) {
            t = tasks.find(taskId, REVISE, me.userId());
        }
        return t;
    }

    /** The version a task's instance carries, by the product's own link (never a task variable). */
    public RuleSetVersion versionOf(Task task) {
        return derivations.versionByInstance(task.getProcessInstanceId()).orElseThrow(NotFound::new);
    }

    /** 备案 or 退回, by a member of the filing authority only. */
    @Transactional
    public RuleSetVersion decide(CurrentUser me, String taskId, boolean file, LocalDate effectiveFrom, String comments) {
        Task t = tasks.find(taskId, REVIEW, me.userId());
        RuleSetVersion v = versionOf(t);
        DerivedRuleSet set = derivations.set(v.getRuleSetKey());
        if (!authority.usersOf(set).contains(me.userId())) {
            throw derivations.refusal("decision", "hierarchy.error.authority");
        }
        RuleSetVersion done = file ? derivations.file(v.getId(), effectiveFrom, comments, me.userId())
                : derivations.returnVersion(v.getId(), comments, me.userId());
        tasks.complete(t.getId(), Map.of("filed", file));
        notifications.send(List.of(v.getSubmittedBy()), file ? "RULE_FILING_FILED" : "RULE_FILING_RETURNED", null,
                set.getNameZh() + " v" + v.getVersion() + (comments == null || comments.isBlank() ? "" : "：" + comments));
        return done;
    }

    /** The submitter hands the revised version back to the authority. */
    @Transactional
    public RuleSetVersion resubmit(CurrentUser me, String taskId, String reason) {
        return resubmit(me, taskId, reason, null);
    }

    /** As {@link #resubmit(CurrentUser, String, String)}, replacing the supporting document when one is given. */
    @Transactional
    public RuleSetVersion resubmit(CurrentUser me, String taskId, String reason, SupportingDocument replacement) {
        Task t = tasks.find(taskId, REVISE, me.userId());
        RuleSetVersion v = versionOf(t);
        DerivedRuleSet set = scope.maintained(me, derivations.set(v.getRuleSetKey()));
        FilingDocuments.Checked doc = replacement == null ? null : documents.check(replacement);
        RuleSetVersion again = derivations.resubmit(v.getId(), reason, me.userId());
        if (doc != null) {
            documents.keep(again, doc, me.userId(), documents.of(again).isPresent());
        }
        List<String> deciders = authority.usersOf(set);
        if (deciders.isEmpty()) {
            throw derivations.refusal("delta", "hierarchy.error.noAuthority");
        }
        tasks.complete(t.getId(),
                Map.of("authorities", ProcessVariables.candidates(deciders), "reminderAt", reminderAt(set)));
        notifications.send(deciders, "RULE_FILING_SUBMITTED", null, set.getNameZh() + " v" + v.getVersion());
        return again;
    }

    /** The open review task of a version, for links (null when none or the person may not act on it). */
    public Task openTask(CurrentUser me, RuleSetVersion v) {
        if (v.getProcessInstanceId() == null) {
            return null;
        }
        return tasks.ofInstance(v.getProcessInstanceId(), me.userId());
    }

    void conflictUnlessFiling(RuleSetVersion v) {
        if (v.getStatus() != RuleSetVersion.Status.FILING) {
            throw new Conflict("hierarchy.error.notInFiling");
        }
    }
}
