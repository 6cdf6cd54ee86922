package cn.xueshi.hierarchy;

import cn.xueshi.hierarchy.DerivedRuleSet.OwnerKind;
import cn.xueshi.hierarchy.RuleSetVersion.Status;
import cn.xueshi.rules.DraftRecognition;
import cn.xueshi.rules.RecognitionService;
import cn.xueshi.rules.RuleSetHierarchy;
import cn.xueshi.rules.RuleSetStandards;
import cn.xueshi.system.Conflict;
import cn.xueshi.system.NotFound;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Derived rule sets (行业办法, 单位实施细则) as deltas over a parent version: created on a filed parent (or a
 * jurisdiction's reference), edited while in draft or returned, checked against the guardrails table, and — once
 * filed — materialised as a DRD of their own and deployed under their own key. Nothing else ever deploys them, so
 * only filed versions price claims. Permission checks are the caller's ({@link MaintainerScope}).
 */
@Service
public class Derivations {

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9-]{2,63}");

    private final DerivedRuleSetRepository sets;
    private final RuleSetVersionRepository versions;
    private final RepositoryService repository;
    private final RecognitionService recognition;
    private final DraftRecognition drafts;
    private final RuleSetHierarchy hierarchy;
    private final Guardrails guardrails;
    private final HierarchyAudit audit;
    private final OwnCases ownCases;
    private final MessageSource messages;
    private final ObjectMapper json = new ObjectMapper();

    Derivations(DerivedRuleSetRepository sets, RuleSetVersionRepository versions, RepositoryService repository,
            RecognitionService recognition, DraftRecognition drafts, RuleSetHierarchy hierarchy, Guardrails guardrails,
            HierarchyAudit audit, OwnCases ownCases, MessageSource messages) {
        this.sets = sets;
        this.versions = versions;
        this.repository = repository;
        this.recognition = recognition;
        this.drafts = drafts;
        this.hierarchy = hierarchy;
        this.guardrails = guardrails;
        this.audit = audit;
        this.ownCases = ownCases;
        this.messages = messages;
    }

    // ---------------------------------------------------------------- creating and reading

    /** A new derived set with an empty first draft over the parent's version in force now. */
    @Transactional
    public DerivedRuleSet create(String key, String nameZh, OwnerKind kind, String ownerCode, String parentKey,
            String by) {
        String k = key == null ? "" : key.trim();
        if (!KEY.matcher(k).matches()) {
            throw refusal("key", "hierarchy.error.key.format", k);
        }
        if (sets.existsById(k) || recognition.standards(k).isPresent()) {
            throw refusal("key", "hierarchy.error.key.taken", k);
        }
        if (nameZh == null || nameZh.isBlank() || nameZh.trim().length() > 100) {
            throw refusal("nameZh", "hierarchy.error.name");
        }
        String parent = parentKey == null ? "" : parentKey.trim();
        checkParent(k, parent);
        RuleSetStandards parentStandards = recognition.standards(parent).orElseThrow();
        DerivedRuleSet set = sets.save(new DerivedRuleSet(k, nameZh.trim(), kind, ownerCode, parentStandards.jurisdiction(),
                parent, by));
        RuleSetVersion v = versions.save(new RuleSetVersion(k, 1, parentDecisionVersion(parent), write(Delta.empty()), by));
        audit.record(k, v.getVersion(), by, "CREATED", "基于 " + parent + " v" + v.getParentVersion());
        return set;
    }

    /** A parent must exist and be a reference set or a filed derived set, and must not lead back to the child. */
    void checkParent(String child, String parent) {
        // a cycle first: following it would never reach a reference set
        Set<String> seen = new HashSet<>();
        String current = parent;
        while (current != null && seen.add(current)) {
            if (current.equals(child)) {
                throw refusal("parentKey", "hierarchy.error.parent.cycle", parent, child);
            }
            current = hierarchy.parentOf(current).orElse(null);
        }
        if (current != null) {
            throw refusal("parentKey", "hierarchy.error.parent.cycle", parent, child);
        }
        if (parent.isEmpty() || recognition.standards(parent).isEmpty()) {
            Optional<DerivedRuleSet> unfiled = sets.findById(parent);
            throw unfiled.isPresent() ? refusal("parentKey", "hierarchy.error.parent.notFiled", parent)
                    : refusal("parentKey", "hierarchy.error.parent.unknown", parent);
        }
        if (sets.existsById(parent) && hierarchy.filed(parent).isEmpty()) {
            throw refusal("parentKey", "hierarchy.error.parent.notFiled", parent);
        }
    }

    public DerivedRuleSet set(String key) {
        return sets.findById(key).orElseThrow(NotFound::new);
    }

    public List<DerivedRuleSet> all() {
        return sets.findAll();
    }

    public List<DerivedRuleSet> ownedBy(OwnerKind kind, String code) {
        return sets.findByOwnerKindAndOwnerCode(kind.name(), code);
    }

    public List<RuleSetVersion> versions(String key) {
        return versions.findByRuleSetKeyOrderByVersionDesc(key);
    }

    public Optional<RuleSetVersion> versionByInstance(String processInstanceId) {
        return versions.findByProcessInstanceId(processInstanceId);
    }

    public RuleSetVersion version(long id) {
        return versions.findById(id).orElseThrow(NotFound::new);
    }

    /** The newest version (any status). */
    public RuleSetVersion latest(String key) {
        return versions(key).stream().findFirst().orElseThrow(NotFound::new);
    }

    public Delta delta(RuleSetVersion v) {
        try {
            return json.readValue(v.getDeltaJson(), Delta.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable delta of " + v.getRuleSetKey() + " v" + v.getVersion(), e);
        }
    }

    String write(Delta delta) {
        try {
            return json.writeValueAsString(delta);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- editing

    /**
     * Changes the open draft (DRAFT or RETURNED; a new draft after the last filed version when there is none).
     * The changed delta must still apply to the parent version (no row or column it names may be missing).
     */
    @Transactional
    public RuleSetVersion edit(String key, UnaryOperator<Delta> change, String by, String what) {
        DerivedRuleSet set = set(key);
        RuleSetVersion open = openDraft(set, by);
        Delta next = change.apply(delta(open));
        build(set, open.getParentVersion(), next, LocalDate.of(recognition.standards(set.getParentKey())
                .map(RuleSetStandards::firstYear).orElse(2000), 1, 1));
        open.edit(write(next), open.getParentVersion());
        audit.record(key, open.getVersion(), by, "EDITED", what);
        return versions.save(open);
    }

    RuleSetVersion openDraft(DerivedRuleSet set, String by) {
        RuleSetVersion latest = latest(set.getKey());
        return switch (latest.getStatus()) {
            case DRAFT, RETURNED -> latest;
            case FILING -> throw new Conflict("hierarchy.error.inFiling");
            case FILED -> versions.save(new RuleSetVersion(set.getKey(), latest.getVersion() + 1,
                    latest.getParentVersion(), latest.getDeltaJson(), by));
        };
    }

    // ---------------------------------------------------------------- the effective model

    /** The parent's DRD at a version, as deployed. */
    String parentXml(String parentKey, int version) {
        DecisionDefinition d = repository.createDecisionDefinitionQuery().decisionDefinitionKey(parentKey + "-facts")
                .decisionDefinitionVersion(version).singleResult();
        if (d == null) {
            throw refusal("parentKey", "hierarchy.error.parent.version", parentKey, version);
        }
        try (InputStream in = repository.getResourceAsStream(d.getDeploymentId(), d.getResourceName())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The version of the parent in force now (its facts decision's latest version). */
    public int parentDecisionVersion(String parentKey) {
        DecisionDefinition d = repository.createDecisionDefinitionQuery().decisionDefinitionKey(parentKey + "-facts")
                .latestVersion().singleResult();
        if (d == null) {
            throw refusal("parentKey", "hierarchy.error.parent.unknown", parentKey);
        }
        return d.getVersion();
    }

    String build(DerivedRuleSet set, int parentVersion, Delta delta, LocalDate effectiveFrom) {
        try {
            return DerivedModelBuilder.build(parentXml(set.getParentKey(), parentVersion), set.getParentKey(),
                    set.getKey(), set.getNameZh(), effectiveFrom.getYear(), delta);
        } catch (DerivedModelBuilder.MissingInParent e) {
            throw refusal("delta", "hierarchy.error.delta.missing", e.table, e.rule);
        }
    }

    /** The effective DRD of a version (its delta applied to its parent version). */
    public String effectiveXml(RuleSetVersion v) {
        DerivedRuleSet set = set(v.getRuleSetKey());
        return build(set, v.getParentVersion(), delta(v), effectiveOr(v));
    }

    LocalDate effectiveOr(RuleSetVersion v) {
        if (v.getEffectiveFrom() != null) {
            return v.getEffectiveFrom();
        }
        int first = recognition.standards(set(v.getRuleSetKey()).getParentKey()).map(RuleSetStandards::firstYear)
                .orElse(2000);
        return LocalDate.of(first, 1, 1);
    }

    /** A recognition service that prices by this version as if it were filed (regression, impact preview). */
    public RecognitionService preview(RuleSetVersion v) {
        return previewOf(v, effectiveXml(v));
    }

    /** As {@link #preview}, for an effective model of this version that is being changed (the typed editor). */
    public RecognitionService previewOf(RuleSetVersion v, String effectiveXml) {
        DerivedRuleSet set = set(v.getRuleSetKey());
        LocalDate from = effectiveOr(v);
        RuleSetHierarchy.Filed asIf = new RuleSetHierarchy.Filed(set.getKey(), set.getNameZh(),
                set.getOwnerKind().name(), set.getOwnerCode(), set.getJurisdiction(), set.getParentKey(),
                v.getParentVersion(), v.getVersion(), from, null);
        return drafts.withDerivedDraft(effectiveXml, -v.getVersion(), asIf);
    }

    /** The guardrails of a version against its parent version (dmn/derivation-guardrails.dmn). */
    public List<Guardrails.Result> guardrails(RuleSetVersion v) {
        DerivedRuleSet set = set(v.getRuleSetKey());
        String parent = parentXml(set.getParentKey(), v.getParentVersion());
        return guardrails.check(set.getJurisdiction(), DerivedModelBuilder.rows(parent, set.getParentKey()),
                DerivedModelBuilder.rows(effectiveXml(v), set.getKey()));
    }

    /** Refuses (field {@code delta}) when a guardrail refuses; names the first. */
    void requireGuardrails(RuleSetVersion v) {
        guardrails(v).stream().filter(r -> !r.allowed()).findFirst().ifPresent(r -> {
            throw new HierarchyRefusal("delta", messages.getMessage("hierarchy.error.guardrail",
                    new Object[] {r.message(), plain(r.parentValue()), plain(r.childValue()), r.basis()},
                    LocaleContextHolder.getLocale()));
        });
    }

    private static String plain(java.math.BigDecimal n) {
        return n == null ? "—" : n.stripTrailingZeros().toPlainString();
    }

    // ---------------------------------------------------------------- filing

    /** Hands the open draft to filing: guardrails must pass and a newer parent version must have been merged. */
    @Transactional
    public RuleSetVersion submit(String key, String reason, String documentRef, LocalDate effectiveFrom, String by) {
        DerivedRuleSet set = set(key);
        RuleSetVersion v = latest(key);
        if (v.getStatus() == Status.FILING) {
            throw new Conflict("hierarchy.error.inFiling");
        }
        if (v.getStatus() == Status.FILED) {
            throw refusal("delta", "hierarchy.error.nothingToFile");
        }
        if (reason == null || reason.isBlank() || reason.length() > 2000) {
            throw refusal("reason", "hierarchy.error.reason");
        }
        if (documentRef == null || documentRef.isBlank() || documentRef.length() > 300) {
            throw refusal("documentRef", "hierarchy.error.documentRef");
        }
        int parentFirst = recognition.standards(set.getParentKey()).map(RuleSetStandards::firstYear).orElse(0);
        if (effectiveFrom == null || effectiveFrom.getYear() < parentFirst) {
            throw refusal("effectiveFrom", "hierarchy.error.effectiveFrom", parentFirst);
        }
        requireNotBeforePrevious(key, effectiveFrom);
        if (parentDecisionVersion(set.getParentKey()) != v.getParentVersion()) {
            throw refusal("delta", "hierarchy.error.mergeFirst", set.getParentKey());
        }
        // the set's own regression cases must pass against the draft (the maintainer fixes the case or the draft)
        ownCases.requirePassing(key, preview(v));
        v.submit(reason.trim(), documentRef.trim(), effectiveFrom, by);
        requireGuardrails(v);
        audit.record(key, v.getVersion(), by, "SUBMITTED", reason.trim() + "（" + documentRef.trim() + "，自 "
                + effectiveFrom + " 起）");
        return versions.save(v);
    }

    /** 备案: deploys the effective DRD under the set's own key; from then on it prices claims from its date. */
    @Transactional
    public RuleSetVersion file(long versionId, LocalDate effectiveFrom, String comments, String by) {
        RuleSetVersion v = version(versionId);
        if (v.getStatus() != Status.FILING) {
            throw new Conflict("hierarchy.error.notInFiling");
        }
        DerivedRuleSet set = set(v.getRuleSetKey());
        LocalDate from = effectiveFrom != null ? effectiveFrom : v.getEffectiveFrom();
        int parentFirst = recognition.standards(set.getParentKey()).map(RuleSetStandards::firstYear).orElse(0);
        if (from == null || from.getYear() < parentFirst) {
            throw refusal("effectiveFrom", "hierarchy.error.effectiveFrom", parentFirst);
        }
        requireNotBeforePrevious(set.getKey(), from);
        requireGuardrails(v);
        String xml = build(set, v.getParentVersion(), delta(v), from);
        repository.createDeployment().name("备案 " + set.getKey() + " v" + v.getVersion())
                .addString(set.getKey() + ".dmn", xml).deploy();
        DecisionDefinition deployed = repository.createDecisionDefinitionQuery()
                .decisionDefinitionKey(set.getKey() + "-facts").latestVersion().singleResult();
        v.file(from, deployed.getVersion(), by, comments == null ? null : comments.trim());
        audit.record(set.getKey(), v.getVersion(), by, "FILED", "自 " + from + " 起执行"
                + (comments == null || comments.isBlank() ? "" : "；" + comments.trim()));
        return versions.save(v);
    }

    /**
     * A new version applies from its date on, the filed one before it up to that date; a date before the previous
     * version's would leave that version no day to apply, so it is refused (the day itself is allowed: the newer
     * version then replaces it outright).
     */
    private void requireNotBeforePrevious(String key, LocalDate from) {
        hierarchy.history().stream().filter(f -> f.key().equals(key)).map(RuleSetHierarchy.Filed::effectiveFrom)
                .max(LocalDate::compareTo).filter(from::isBefore).ifPresent(previous -> {
                    throw refusal("effectiveFrom", "hierarchy.error.effectiveFrom.beforePrevious", previous);
                });
    }

    /** 退回: back to the submitter with comments (required). */
    @Transactional
    public RuleSetVersion returnVersion(long versionId, String comments, String by) {
        RuleSetVersion v = version(versionId);
        if (v.getStatus() != Status.FILING) {
            throw new Conflict("hierarchy.error.notInFiling");
        }
        if (comments == null || comments.isBlank() || comments.length() > 2000) {
            throw refusal("comments", "hierarchy.error.comments");
        }
        v.returnWith(comments.trim(), by);
        audit.record(v.getRuleSetKey(), v.getVersion(), by, "RETURNED", comments.trim());
        return versions.save(v);
    }

    /** The submitter hands a returned version back to the authority (after revising it). */
    @Transactional
    public RuleSetVersion resubmit(long versionId, String reason, String by) {
        RuleSetVersion v = version(versionId);
        if (v.getStatus() != Status.RETURNED) {
            throw new Conflict("hierarchy.error.notReturned");
        }
        if (reason == null || reason.isBlank() || reason.length() > 2000) {
            throw refusal("reason", "hierarchy.error.reason");
        }
        DerivedRuleSet set = set(v.getRuleSetKey());
        requireNotBeforePrevious(v.getRuleSetKey(), v.getEffectiveFrom());
        if (parentDecisionVersion(set.getParentKey()) != v.getParentVersion()) {
            throw refusal("delta", "hierarchy.error.mergeFirst", set.getParentKey());
        }
        ownCases.requirePassing(v.getRuleSetKey(), preview(v));
        v.submit(reason.trim(), v.getDocumentRef(), v.getEffectiveFrom(), by);
        requireGuardrails(v);
        audit.record(v.getRuleSetKey(), v.getVersion(), by, "RESUBMITTED", reason.trim());
        return versions.save(v);
    }

    void started(RuleSetVersion v, String processInstanceId) {
        v.started(processInstanceId);
        versions.save(v);
    }

    public List<HierarchyAudit.Entry> auditOf(String key) {
        return audit.of(key);
    }

    // ---------------------------------------------------------------- merging a newer parent version

    /** A cell both the parent (between two of its versions) and the child changed, or a row the parent dropped. */
    public record MergeConflict(String table, String rule, String column, String parentBefore, String parentAfter,
            String mine) {
        public String id() {
            return table + "/" + rule + "/" + (column == null ? "" : column);
        }
    }

    /** What merging the parent's version in force now would meet: empty when nothing conflicts. */
    public List<MergeConflict> mergeConflicts(String key) {
        DerivedRuleSet set = set(key);
        RuleSetVersion v = latest(key);
        int now = parentDecisionVersion(set.getParentKey());
        if (now == v.getParentVersion()) {
            return List.of();
        }
        var before = DerivedModelBuilder.rows(parentXml(set.getParentKey(), v.getParentVersion()), set.getParentKey());
        var after = DerivedModelBuilder.rows(parentXml(set.getParentKey(), now), set.getParentKey());
        List<MergeConflict> conflicts = new java.util.ArrayList<>();
        Delta delta = delta(v);
        for (Delta.Change c : delta.changes()) {
            String old = cell(before, c.table(), c.rule(), c.column());
            String neu = cell(after, c.table(), c.rule(), c.column());
            if (neu == null || !neu.equals(old)) {
                conflicts.add(new MergeConflict(c.table(), c.rule(), c.column(), old, neu, c.value()));
            }
        }
        for (Delta.Removal r : delta.removals()) {
            Map<String, String> old = before.getOrDefault(r.table(), Map.of()).get(r.rule());
            Map<String, String> neu = after.getOrDefault(r.table(), Map.of()).get(r.rule());
            if (neu != null && !neu.equals(old)) {
                conflicts.add(new MergeConflict(r.table(), r.rule(), null, String.valueOf(old), String.valueOf(neu),
                        "（删除）"));
            }
        }
        return conflicts;
    }

    private static String cell(Map<String, Map<String, Map<String, String>>> rows, String table, String rule,
            String column) {
        Map<String, String> row = rows.getOrDefault(table, Map.of()).get(rule);
        return row == null ? null : row.get(column);
    }

    /**
     * Moves the open draft onto the parent's version in force now. Rows the child did not touch follow the parent
     * by construction; each conflict needs a resolution: MINE (keep the child's change) or PARENT (take the
     * parent's row). An unresolved conflict refuses the whole merge; nothing is half-saved.
     */
    @Transactional
    public RuleSetVersion merge(String key, Map<String, String> resolutions, String by) {
        DerivedRuleSet set = set(key);
        List<MergeConflict> conflicts = mergeConflicts(key);
        RuleSetVersion v = openDraft(set, by);
        int now = parentDecisionVersion(set.getParentKey());
        if (now == v.getParentVersion()) {
            throw refusal("merge", "hierarchy.error.merge.nothing", set.getParentKey());
        }
        Delta delta = delta(v);
        for (MergeConflict c : conflicts) {
            String choice = resolutions == null ? null : resolutions.get(c.id());
            if (!"MINE".equals(choice) && !"PARENT".equals(choice)) {
                throw refusal("merge", "hierarchy.error.merge.unresolved", conflicts.size(), c.id());
            }
            if ("MINE".equals(choice) && c.parentAfter() == null && c.column() != null) {
                throw refusal("merge", "hierarchy.error.merge.rowGone", c.id());
            }
            if ("PARENT".equals(choice)) {
                delta = drop(delta, c);
            }
        }
        build(set, now, delta, effectiveOr(v));
        int from = v.getParentVersion();
        v.edit(write(delta), now);
        audit.record(key, v.getVersion(), by, "MERGED", set.getParentKey() + " v" + from + " → v" + now + "，冲突 "
                + conflicts.size() + " 处已处理");
        return versions.save(v);
    }

    private static Delta drop(Delta delta, MergeConflict c) {
        if (c.column() == null) {
            return new Delta(delta.changes(), delta.removals().stream()
                    .filter(r -> !(r.table().equals(c.table()) && r.rule().equals(c.rule()))).toList(), delta.additions());
        }
        return new Delta(delta.changes().stream().filter(x -> !(x.table().equals(c.table()) && x.rule().equals(c.rule())
                && x.column().equals(c.column()))).toList(), delta.removals(), delta.additions());
    }

    HierarchyRefusal refusal(String field, String key, Object... args) {
        return new HierarchyRefusal(field, messages.getMessage(key, args, key, LocaleContextHolder.getLocale()));
    }
}
