package cn.xueshi.workbench;

import cn.xueshi.ruleedit.TableView;
import cn.xueshi.ruleedit.DecisionTables;
import cn.xueshi.ruleedit.Impact;
import cn.xueshi.ruleedit.ImpactPreview;
import cn.xueshi.rules.DraftRecognition;
import cn.xueshi.rules.FeelOnlyGuard;
import cn.xueshi.rules.RecognitionService;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 规则维护工作台: drafts of a rule set's DRD, their checks (validation, regression cases, impact on
 * approved items), and deploying or rolling back versions, every step audited. The policy tables
 * ({@link PolicyTable}: 审核分流, 登记政策, …) go through the same cycle under their key; their
 * regression cases evaluate the table itself, and they have no impact preview.
 */
@Service
class Workbench {

    private final RecognitionService recognition;
    private final DraftRecognition draftRecognition;
    private final RuleSetVersions versions;
    private final DraftRepository drafts;
    private final CaseRepository cases;
    private final CaseChangeRepository caseChanges;
    private final AnalystDeploymentRepository analystDeployments;
    private final DraftValidator validator;
    private final RegressionRunner regression;
    private final ImpactPreview impact;
    private final RuleAuditLog audit;

    Workbench(RecognitionService recognition, DraftRecognition draftRecognition, RuleSetVersions versions,
            DraftRepository drafts, CaseRepository cases, CaseChangeRepository caseChanges,
            AnalystDeploymentRepository analystDeployments, DraftValidator validator, RegressionRunner regression,
            ImpactPreview impact, RuleAuditLog audit) {
        this.recognition = recognition;
        this.draftRecognition = draftRecognition;
        this.versions = versions;
        this.drafts = drafts;
        this.cases = cases;
        this.caseChanges = caseChanges;
        this.analystDeployments = analystDeployments;
        this.validator = validator;
        this.regression = regression;
        this.impact = impact;
        this.audit = audit;
    }

    List<String> ruleSets() {
        return recognition.ruleSets();
    }

    /** Everything the workbench edits: the rule sets, then the policy tables. */
    List<String> models() {
        List<String> all = new java.util.ArrayList<>(ruleSets());
        all.addAll(PolicyTable.keys());
        return all;
    }

    /** A rule set's or policy table's key as given in a URL; anything else is 404. */
    String ruleSet(String ruleSet) {
        if (ruleSet == null || !models().contains(ruleSet)) {
            throw new WorkbenchNotFound();
        }
        return ruleSet;
    }

    Optional<PolicyTable> policy(String key) {
        return PolicyTable.of(key);
    }

    PolicyTable policyTable(String key) {
        return PolicyTable.of(key).orElseThrow(WorkbenchNotFound::new);
    }

    /** The page of a rule set or policy table. */
    static String page(String key) {
        return (PolicyTable.of(key).isPresent() ? "/workbench/tables/" : "/workbench/rule-sets/") + key;
    }

    // ---------------------------------------------------------------- drafts

    Optional<Draft> currentDraft(String ruleSet) {
        return drafts.latest(ruleSet(ruleSet));
    }

    Draft draft(long id) {
        return drafts.findById(id).orElseThrow(WorkbenchNotFound::new);
    }

    /** The rule set's open draft, or a new one copied from the active version. */
    @Transactional
    Draft openDraft(String ruleSet, String user) {
        return currentDraft(ruleSet).orElseGet(() -> {
            Draft d = drafts.save(new Draft(ruleSet, versions.activeVersion(ruleSet), versions.activeXml(ruleSet),
                    Draft.Origin.EDITED, user));
            audit.record(ruleSet, user, "DRAFT_CREATED", "v" + d.getBaseVersion(), null);
            return d;
        });
    }

    /**
     * A new draft copied from an earlier version (the way back when a plain roll-back is refused because
     * cases were updated since: the draft's check shows them and their expectation can be changed there).
     */
    @Transactional
    Draft draftFromVersion(String key, int version, String user) {
        String xml = versions.xmlOfVersion(ruleSet(key), version).orElseThrow(WorkbenchNotFound::new);
        if (currentDraft(key).isPresent()) {
            throw new WorkbenchRefusal("wb.refused.draftOpen");
        }
        Draft d = drafts.save(new Draft(key, versions.activeVersion(key), xml, Draft.Origin.EDITED, user));
        audit.record(key, user, "DRAFT_FROM_VERSION", "v" + version, null);
        return d;
    }

    /** Applies the posted cells, then the row operation ({@code add:ID}, {@code remove:ID}, {@code up:ID}, {@code down:ID}). */
    @Transactional
    void edit(long draftId, String decisionKey, java.util.Map<String, String> cells, String op, String user) {
        Draft draft = draft(draftId);
        DecisionTables tables = DecisionTables.parse(draft.getDmnXml());
        try {
            int changed = tables.applyCells(decisionKey, cells);
            String detail = decisionKey + ": " + changed;
            if (op != null && op.contains(":")) {
                String verb = op.substring(0, op.indexOf(':'));
                String ruleId = op.substring(op.indexOf(':') + 1);
                switch (verb) {
                    case "add" -> tables.addRule(decisionKey, ruleId.isEmpty() ? null : ruleId);
                    case "remove" -> tables.removeRule(decisionKey, ruleId);
                    case "up" -> tables.moveRule(decisionKey, ruleId, -1);
                    case "down" -> tables.moveRule(decisionKey, ruleId, 1);
                    default -> throw new WorkbenchRefusal("wb.refused.op");
                }
                detail += ", " + op;
            }
            requireFeelOnly(tables.model());
            draft.change(tables.xml(), Draft.Origin.EDITED);
            audit.record(draft.getRuleSet(), user, "DRAFT_EDITED", detail, null);
        } catch (IllegalArgumentException e) {
            throw new WorkbenchRefusal("wb.refused.op");
        }
    }

    /** A .dmn made in Camunda Modeler becomes the draft (replacing the open one's model). */
    @Transactional
    Draft upload(String ruleSet, byte[] content, String user, String comment) {
        requireComment(comment);
        String xml = new String(content, java.nio.charset.StandardCharsets.UTF_8);
        DecisionTables tables;
        try {
            tables = DecisionTables.parse(xml);
        } catch (IllegalArgumentException e) {
            throw new WorkbenchRefusal("wb.refused.upload", e.getMessage());
        }
        requireFeelOnly(tables.model());
        Draft draft = openDraft(ruleSet, user);
        draft.change(xml, Draft.Origin.UPLOADED);
        audit.record(ruleSet, user, "DRAFT_UPLOADED", content.length + " bytes", comment);
        return draft;
    }

    @Transactional
    void discard(long draftId, String user) {
        Draft draft = draft(draftId);
        caseChanges.deleteAll(caseChanges.findByDraftId(draftId));
        drafts.delete(draft);
        audit.record(draft.getRuleSet(), user, "DRAFT_DISCARDED", "v" + draft.getBaseVersion(), null);
    }

    // ---------------------------------------------------------------- checks

    List<Problem> validate(Draft draft) {
        return validator.validate(draft.getRuleSet(), draft.getDmnXml());
    }

    RecognitionService draftService(Draft draft) {
        return draftRecognition.with(draft.getDmnXml(), versions.activeVersion(draft.getRuleSet()) + 1);
    }

    List<CaseResult> regression(Draft draft) {
        List<CaseChange> changes = caseChanges.findByDraftId(draft.getId());
        Optional<PolicyTable> policy = policy(draft.getRuleSet());
        if (policy.isPresent()) {
            return regression.run(draft.getRuleSet(), regression.policy(policy.get(), draft.getDmnXml()), changes);
        }
        return regression.run(draft.getRuleSet(), draftService(draft), changes);
    }

    /** The regression cases against the active version (no draft). */
    List<CaseResult> regression(String ruleSet) {
        Optional<PolicyTable> policy = policy(ruleSet(ruleSet));
        if (policy.isPresent()) {
            return regression.run(ruleSet, regression.policy(policy.get(), versions.activeXml(ruleSet)), List.of());
        }
        return regression.run(ruleSet, recognition, List.of());
    }

    /** The regression cases against an earlier version, as a roll-back to it would make it active. */
    List<CaseResult> regression(String key, int version) {
        String xml = versions.xmlOfVersion(ruleSet(key), version).orElseThrow(WorkbenchNotFound::new);
        Optional<PolicyTable> policy = policy(key);
        if (policy.isPresent()) {
            return regression.run(key, regression.policy(policy.get(), xml), List.of());
        }
        return regression.run(key, draftRecognition.with(xml, version), List.of());
    }

    /** The impact on approved items; null for a policy table (it prices nothing: its regression cases say what changes). */
    Impact impact(Draft draft) {
        if (policy(draft.getRuleSet()).isPresent()) {
            return null;
        }
        return impact.preview(draft.getRuleSet(), draftService(draft));
    }

    List<CaseChange> caseChanges(long draftId) {
        return caseChanges.findByDraftId(draftId);
    }

    /** The analyst updates a case's expectation in the draft (applied on deploy); a comment is required. */
    @Transactional
    void changeCase(long draftId, long caseId, String expectJson, String comment, String user) {
        requireComment(comment);
        Draft draft = draft(draftId);
        RegressionCase c = cases.findById(caseId).filter(x -> x.getRuleSet().equals(draft.getRuleSet()))
                .orElseThrow(WorkbenchNotFound::new);
        if (regression.readObject(expectJson) == null) {
            throw new WorkbenchRefusal("wb.refused.expectJson");
        }
        String normalized = regression.pretty(regression.readObject(expectJson));
        CaseChange change = caseChanges.findByDraftIdAndCaseId(draftId, caseId).orElseGet(() -> new CaseChange(draftId, caseId));
        change.set(normalized, comment.trim(), user);
        caseChanges.save(change);
        audit.record(draft.getRuleSet(), user, "CASE_CHANGED", c.getName() + ": " + compact(c.getExpectJson())
                + " → " + compact(normalized), comment.trim());
    }

    /** A new regression case (request and expectation as in the API), audited. */
    @Transactional
    RegressionCase addCase(String ruleSet, String name, String requestJson, String expectJson, String comment, String user) {
        requireComment(comment);
        ruleSet(ruleSet);
        if (name != null && name.trim().length() > MAX_CASE_NAME) {
            throw new WorkbenchRefusal("wb.refused.case.nameTooLong", String.valueOf(MAX_CASE_NAME));
        }
        Optional<PolicyTable> policy = policy(ruleSet);
        if (name == null || name.isBlank() || regression.readObject(requestJson) == null
                || regression.readObject(expectJson) == null) {
            throw new WorkbenchRefusal(policy.isPresent() ? "wb.refused.policyCase" : "wb.refused.case");
        }
        if (policy.isPresent()) {
            List<String> unknown = new java.util.ArrayList<>();
            regression.readObject(requestJson).fieldNames().forEachRemaining(f -> {
                if (!policy.get().getVariables().contains(f)) {
                    unknown.add(f);
                }
            });
            if (!unknown.isEmpty()) {
                throw new WorkbenchRefusal("wb.refused.policyCase.input", String.join("、", unknown),
                        String.join("、", policy.get().getVariables()));
            }
        }
        RegressionCase c = cases.save(new RegressionCase(ruleSet, name.trim(), regression.pretty(regression.readObject(requestJson)),
                regression.pretty(regression.readObject(expectJson)), "ANALYST", user));
        audit.record(ruleSet, user, "CASE_ADDED", c.getName(), comment.trim());
        return c;
    }

    @Transactional
    void deleteCase(long caseId, String comment, String user) {
        requireComment(comment);
        RegressionCase c = cases.findById(caseId).orElseThrow(WorkbenchNotFound::new);
        cases.delete(c);
        audit.record(c.getRuleSet(), user, "CASE_DELETED", c.getName() + ": " + compact(c.getExpectJson()), comment.trim());
    }

    List<RegressionCase> cases(String ruleSet) {
        return cases.findByRuleSetOrderById(ruleSet(ruleSet));
    }

    // ---------------------------------------------------------------- deploy and roll back

    /**
     * Makes the draft the active version. Refused while the draft has errors or a regression case
     * fails (a case the analyst updated in this draft is judged by its new expectation).
     */
    @Transactional
    int deploy(long draftId, String comment, String user) {
        requireComment(comment);
        Draft draft = draft(draftId);
        if (validate(draft).stream().anyMatch(Problem::error)) {
            throw new WorkbenchRefusal("wb.refused.invalid");
        }
        List<CaseResult> failing = regression(draft).stream().filter(r -> !r.passed()).toList();
        if (!failing.isEmpty()) {
            throw new WorkbenchRefusal("wb.refused.regression", failing.size(),
                    String.join("、", failing.stream().map(r -> r.regressionCase().getName()).toList()));
        }
        requireFeelOnly(DecisionTables.parse(draft.getDmnXml()).model());
        String ruleSet = draft.getRuleSet();
        String before = versions.activeXml(ruleSet);
        int fromVersion = versions.activeVersion(ruleSet);
        String deploymentId = versions.deploy(ruleSet, draft.getDmnXml());
        for (CaseChange change : caseChanges.findByDraftId(draftId)) {
            cases.findById(change.getCaseId()).ifPresent(c -> {
                c.update(c.getName(), c.getRequestJson(), change.getExpectJson(), user);
                audit.record(ruleSet, user, "CASE_UPDATED", c.getName(), change.getComment());
            });
        }
        analystDeployments.save(new AnalystDeployment(ruleSet, deploymentId, AnalystDeployment.Kind.DEPLOY, fromVersion,
                user, comment.trim()));
        int version = versions.activeVersion(ruleSet);
        audit.record(ruleSet, user, "DEPLOYED", "v" + fromVersion + " → v" + version + "\n"
                + String.join("\n", TableDiff.describe(before, draft.getDmnXml())), comment.trim());
        caseChanges.deleteAll(caseChanges.findByDraftId(draftId));
        drafts.delete(draft);
        return version;
    }

    /**
     * Redeploys an earlier version as the new active one. Gated like a deploy: refused while a regression
     * case fails on that version (cases updated since then say what the earlier version no longer meets).
     */
    @Transactional
    int rollback(String ruleSet, int version, String comment, String user) {
        requireComment(comment);
        String xml = versions.xmlOfVersion(ruleSet(ruleSet), version).orElseThrow(WorkbenchNotFound::new);
        requireFeelOnly(DecisionTables.parse(xml).model());
        List<CaseResult> failing = regression(ruleSet, version).stream().filter(r -> !r.passed()).toList();
        if (!failing.isEmpty()) {
            throw new WorkbenchRefusal("wb.refused.rollback.regression", version, failing.size(),
                    String.join("、", failing.stream().map(r -> r.regressionCase().getName()).toList()));
        }
        int fromVersion = versions.activeVersion(ruleSet);
        String deploymentId = versions.deploy(ruleSet, xml);
        analystDeployments.save(new AnalystDeployment(ruleSet, deploymentId, AnalystDeployment.Kind.ROLLBACK, version,
                user, comment.trim()));
        int now = versions.activeVersion(ruleSet);
        audit.record(ruleSet, user, "ROLLED_BACK", "v" + fromVersion + " → v" + version + " (= v" + now + ")", comment.trim());
        return now;
    }

    List<VersionRow> versions(String ruleSet) {
        return versions.versions(ruleSet(ruleSet));
    }

    List<TableView> activeTables(String ruleSet) {
        return DecisionTables.parse(versions.activeXml(ruleSet(ruleSet))).views();
    }

    /**
     * Cells are FEEL and nothing else: a model naming another expression language or holding
     * {@code ${…}}/{@code #{…}} is refused before it is stored, evaluated or deployed.
     */
    private static void requireFeelOnly(DmnModelInstance model) {
        List<FeelOnlyGuard.Violation> unsafe = FeelOnlyGuard.check(model);
        if (!unsafe.isEmpty()) {
            throw new WorkbenchRefusal("wb.refused.notFeel", String.join("；",
                    unsafe.stream().map(u -> u.message(LocaleContextHolder.getLocale())).toList()));
        }
    }

    /** The columns that keep them (V20__workbench.sql): a longer text is refused with a message, not a failed write. */
    static final int MAX_COMMENT = 2000;
    static final int MAX_CASE_NAME = 300;

    private static void requireComment(String comment) {
        if (comment == null || comment.isBlank()) {
            throw new WorkbenchRefusal("wb.refused.comment");
        }
        if (comment.trim().length() > MAX_COMMENT) {
            throw new WorkbenchRefusal("wb.refused.comment.tooLong", String.valueOf(MAX_COMMENT));
        }
    }

    private static String compact(String jsonText) {
        return jsonText == null ? "" : jsonText.replaceAll("\\s+", "");
    }
}
