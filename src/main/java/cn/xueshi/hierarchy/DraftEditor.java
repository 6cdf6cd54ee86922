package cn.xueshi.hierarchy;

import cn.xueshi.hierarchy.RuleSetVersion.Status;
import cn.xueshi.rules.RecognitionService;
import cn.xueshi.ruleedit.Condition;
import cn.xueshi.ruleedit.DecisionTables;
import cn.xueshi.ruleedit.FeelText;
import cn.xueshi.ruleedit.RowEdit;
import cn.xueshi.ruleedit.RowPreview;
import cn.xueshi.ruleedit.RuleEditProperties;
import cn.xueshi.ruleedit.TableView;
import cn.xueshi.ruleedit.TypedForm;
import cn.xueshi.system.Conflict;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A maintainer's edits of their derived set's draft with the analysts' typed editor ({@link RowEdit},
 * {@link RowPreview}): the editor works on the draft's effective model (the parent version with the delta applied),
 * and every saved form turns back into the {@link Delta} — a parent row's changed cells, a removed or restored parent
 * row, a row or activity type of the set's own. A cell set back to the parent's value leaves the delta, so the diff
 * stays what the set really changes. Only a draft (DRAFT, RETURNED) is edited: a version in filing or filed is a 409.
 * Everything goes through {@link Derivations#edit} (the delta must still build on the parent version; audited).
 * Permission checks are the caller's ({@link MaintainerScope}).
 */
@Service
class DraftEditor {

    /** Codes of activity types: as the reference sets write them (UPPER_SNAKE), within xs_claim_item.activity_type. */
    private static final Pattern TYPE_CODE = Pattern.compile("[A-Z][A-Z0-9_]{1,39}");
    private static final int MAX_NAME = 50;
    private static final int MAX_BASIS = 300;
    private static final List<String> TYPE_SUBJECTS = List.of("PUBLIC", "PROFESSIONAL");
    private static final Locale ZH = Locale.SIMPLIFIED_CHINESE;

    private final Derivations derivations;
    private final RuleEditProperties limits;
    private final OwnTypeProperties ownTypes;
    private final HierarchyAudit audit;
    private final Guardrails guardrails;
    private final MessageSource messages;

    DraftEditor(Derivations derivations, RuleEditProperties limits, OwnTypeProperties ownTypes,
            HierarchyAudit audit, Guardrails guardrails, MessageSource messages) {
        this.audit = audit;
        this.guardrails = guardrails;
        this.derivations = derivations;
        this.limits = limits;
        this.ownTypes = ownTypes;
        this.messages = messages;
    }

    // ---------------------------------------------------------------- which version

    /**
     * The open draft, when the form was opened on it ({@code opened}: its version number; null = whatever is open).
     * In filing or filed: a 409 with the reason; a newer draft than the form knew: a 409 as well (another tab saved).
     */
    RuleSetVersion draft(String key, Integer opened) {
        RuleSetVersion latest = derivations.latest(key);
        if (latest.getStatus() == Status.FILING) {
            throw new Conflict("hierarchy.error.inFiling");
        }
        if (latest.getStatus() == Status.FILED) {
            throw new Conflict("hierarchy.draft.error.filed", HttpStatus.CONFLICT, latest.getVersion());
        }
        if (opened != null && opened != latest.getVersion()) {
            throw new Conflict("hierarchy.draft.error.stale", HttpStatus.CONFLICT, opened, latest.getVersion());
        }
        return latest;
    }

    /** 新建草稿: a new draft after the last filed version (its delta copied); a 409 when a draft is already open. */
    @Transactional
    RuleSetVersion newDraft(String key, String by) {
        RuleSetVersion latest = derivations.latest(key);
        if (latest.getStatus() != Status.FILED) {
            throw new Conflict("hierarchy.draft.error.open", HttpStatus.CONFLICT, latest.getVersion());
        }
        RuleSetVersion draft = derivations.openDraft(derivations.set(key), by);
        audit.record(key, draft.getVersion(), by, "DRAFTED", msg("hierarchy.draft.audit.drafted", latest.getVersion()));
        return draft;
    }

    // ---------------------------------------------------------------- the model the editor sees

    /** The draft's effective model for the shared editor: literal cells only, priced as if filed. */
    RowPreview.Model model(RuleSetVersion v) {
        String key = v.getRuleSetKey();
        String xml = derivations.effectiveXml(v);
        return new RowPreview.Model() {
            @Override
            public String ruleSet() {
                return key;
            }

            @Override
            public String xml() {
                return xml;
            }

            @Override
            public List<RowPreview.CellProblem> problems(String changedXml, String ruleId) {
                return literalProblems(xml, changedXml, ruleId);
            }

            @Override
            public RecognitionService pricing(String changedXml) {
                return derivations.previewOf(v, changedXml);
            }
        };
    }

    /**
     * A maintainer writes FEEL literals only (参照…结合本行业特点: they adjust values, they do not program): a condition
     * is "-", quoted texts or numbers/ranges; a result is empty, a number within the editor's range, or a quoted text.
     * Only the cells the form changed are judged: what the parent wrote stays the parent's business.
     */
    List<RowPreview.CellProblem> literalProblems(String beforeXml, String xml, String ruleId) {
        Map<String, TableView.Row> before = new LinkedHashMap<>();
        for (TableView t : DecisionTables.parse(beforeXml).views()) {
            t.rows().stream().filter(r -> r.id().equals(ruleId)).forEach(r -> before.put(t.key(), r));
        }
        List<RowPreview.CellProblem> problems = new ArrayList<>();
        for (TableView t : DecisionTables.parse(xml).views()) {
            for (TableView.Row r : t.rows()) {
                if (!r.id().equals(ruleId)) {
                    continue;
                }
                TableView.Row was = before.get(t.key());
                for (int i = 0; i < t.inputs().size() && i < r.inputs().size(); i++) {
                    if (was != null && i < was.inputs().size() && was.inputs().get(i).trim().equals(r.inputs().get(i).trim())) {
                        continue;
                    }
                    if (Condition.parse(r.inputs().get(i)) instanceof Condition.Unknown) {
                        problems.add(new RowPreview.CellProblem(t.inputs().get(i).label(), msg("hierarchy.draft.error.literalCondition")));
                    }
                }
                for (int i = 0; i < t.outputs().size() && i < r.outputs().size(); i++) {
                    String cell = r.outputs().get(i).trim();
                    TableView.Column col = t.outputs().get(i);
                    boolean unchanged = was != null && i < was.outputs().size() && was.outputs().get(i).trim().equals(cell);
                    if (unchanged || cell.isEmpty() || FeelText.isString(cell)) {
                        continue;
                    }
                    if (!FeelText.isNumber(cell)) {
                        problems.add(new RowPreview.CellProblem(col.label(), msg("hierarchy.draft.error.literalResult")));
                        continue;
                    }
                    BigDecimal n = new BigDecimal(cell);
                    BigDecimal max = limits.maxOf(col.expression());
                    if (n.compareTo(limits.min()) < 0 || n.compareTo(max) > 0) {
                        problems.add(new RowPreview.CellProblem(col.label(), msg("hierarchy.draft.error.range",
                                FeelText.number(limits.min()), FeelText.number(max))));
                    }
                }
            }
        }
        return problems;
    }

    // ---------------------------------------------------------------- rows

    /** The part of the rule set's DRD a decision is ({@code items}, …), or null for a decision the delta cannot name. */
    static String part(String key, String decisionKey) {
        String prefix = key + "-";
        if (decisionKey == null || !decisionKey.startsWith(prefix)) {
            return null;
        }
        String part = decisionKey.substring(prefix.length());
        return Delta.TABLES.contains(part) ? part : null;
    }

    /** The delta's name of a column: an input by the name its id ends with (as {@link DrdTables#columns}), an output by name. */
    static String column(TableView.Column c, boolean input) {
        if (!input) {
            return c.expression();
        }
        int at = c.id() == null ? -1 : c.id().lastIndexOf("-in-");
        return at >= 0 ? c.id().substring(at + 4) : c.expression().trim();
    }

    /** Saves one typed form (cells {@code in:RULE:i}/{@code out:RULE:i}) into the draft's delta. */
    @Transactional
    RuleSetVersion saveRow(RuleSetVersion v, TableView table, String ruleId, Map<String, String> cells, String before,
            String after, String by) {
        String key = v.getRuleSetKey();
        String part = part(key, table.key());
        Map<String, String> byColumn = new LinkedHashMap<>();
        cells.forEach((cellKey, value) -> {
            String[] p = cellKey.split(":", 3);
            if (p.length == 3 && p[1].equals(ruleId) && (p[0].equals("in") || p[0].equals("out"))) {
                int i = Integer.parseInt(p[2]);
                boolean input = p[0].equals("in");
                byColumn.put(column((input ? table.inputs() : table.outputs()).get(i), input), value);
            }
        });
        Map<String, String> parentRow = parentRows(v).getOrDefault(part, Map.of()).get(ruleId);
        return derivations.edit(key, d -> {
            Delta.Addition own = d.additions().stream().filter(a -> a.table().equals(part) && a.rule().equals(ruleId))
                    .findFirst().orElse(null);
            if (own != null) {
                Map<String, String> next = new LinkedHashMap<>(own.cells());
                next.putAll(byColumn);
                return d.withAddition(new Delta.Addition(part, ruleId, own.description(), next));
            }
            Delta next = d;
            for (Map.Entry<String, String> c : byColumn.entrySet()) {
                String parentValue = parentRow == null ? null : parentRow.get(c.getKey());
                next = parentValue != null && parentValue.trim().equals(c.getValue().trim())
                        ? without(next, part, ruleId, c.getKey())
                        : next.withChange(new Delta.Change(part, ruleId, c.getKey(), c.getValue()));
            }
            return next;
        }, by, msg("hierarchy.draft.audit.row", before, after));
    }

    private static Delta without(Delta d, String table, String rule, String column) {
        return new Delta(d.changes().stream().filter(c -> !(c.table().equals(table) && c.rule().equals(rule)
                && c.column().equals(column))).toList(), d.removals(), d.additions());
    }

    /** 删除: a parent row leaves the set (restorable); an own row is dropped from the delta. */
    @Transactional
    RuleSetVersion remove(RuleSetVersion v, String part, String ruleId, String sentence, String by) {
        Delta delta = derivations.delta(v);
        boolean own = delta.additions().stream().anyMatch(a -> a.table().equals(part) && a.rule().equals(ruleId));
        if (own) {
            return derivations.edit(v.getRuleSetKey(), d -> new Delta(d.changes(), d.removals(), d.additions().stream()
                    .filter(a -> !(a.table().equals(part) && a.rule().equals(ruleId))).toList()), by,
                    msg("hierarchy.draft.audit.removedOwn", sentence));
        }
        if (!parentRows(v).getOrDefault(part, Map.of()).containsKey(ruleId)) {
            throw derivations.refusal("row", "hierarchy.draft.error.noRow");
        }
        return derivations.edit(v.getRuleSetKey(), d -> d.withRemoval(new Delta.Removal(part, ruleId)), by,
                msg("hierarchy.draft.audit.removed", sentence));
    }

    /** 恢复: a removed parent row is the parent's again (as the parent has it). */
    @Transactional
    RuleSetVersion restore(RuleSetVersion v, String part, String ruleId, String by) {
        Delta delta = derivations.delta(v);
        if (!delta.removes(part, ruleId)) {
            throw derivations.refusal("row", "hierarchy.draft.error.notRemoved");
        }
        return derivations.edit(v.getRuleSetKey(), d -> new Delta(d.changes(), d.removals().stream()
                .filter(r -> !(r.table().equals(part) && r.rule().equals(ruleId))).toList(), d.additions()), by,
                msg("hierarchy.draft.audit.restored", part, ruleId));
    }

    /**
     * 复制为本级新行: an own row with the cells of an existing one (then edited in the typed editor); an own item row
     * comes before the parent's, so under FIRST it wins where both apply (参考 三（三）从其规定).
     */
    @Transactional
    String copy(RuleSetVersion v, TableView table, String ruleId, String sentence, String by) {
        String part = part(v.getRuleSetKey(), table.key());
        TableView.Row row = table.rows().stream().filter(r -> r.id().equals(ruleId)).findFirst()
                .orElseThrow(() -> derivations.refusal("row", "hierarchy.draft.error.noRow"));
        Map<String, String> cells = new LinkedHashMap<>();
        for (int i = 0; i < table.inputs().size(); i++) {
            cells.put(column(table.inputs().get(i), true), row.inputs().get(i));
        }
        for (int i = 0; i < table.outputs().size(); i++) {
            cells.put(column(table.outputs().get(i), false), row.outputs().get(i));
        }
        Delta delta = derivations.delta(v);
        String id = freeId(delta, v.getRuleSetKey() + "-" + part + "-");
        derivations.edit(v.getRuleSetKey(), d -> d.withAddition(new Delta.Addition(part, id, row.description(), cells)), by,
                msg("hierarchy.draft.audit.copied", sentence));
        return id;
    }

    private static String freeId(Delta delta, String prefix) {
        int n = 1;
        while (true) {
            String id = prefix + n;
            if (delta.additions().stream().noneMatch(a -> a.rule().equals(id))) {
                return id;
            }
            n++;
        }
    }

    // ---------------------------------------------------------------- an activity type of the set's own

    /** What the 新增活动类型 form posts, as typed. */
    record TypeForm(String code, String nameZh, String subject, String measure, String rate, String cap, String basis) {

        Map<String, String> typed() {
            return TypedForm.echo(this);
        }
    }

    /** The units of measure the form offers (configured): measure → the item column of its rate. */
    Map<String, String> measures() {
        return ownTypes.measures();
    }

    /**
     * Checks the form field by field (messages by field, nothing saved on any error), then adds, as one edit, the
     * type row, its item row and — with a yearly cap — its cap row (cap group = the type's code).
     */
    @Transactional
    Map<String, String> addType(RuleSetVersion v, TypeForm f, RecognitionService current, String by) {
        Map<String, String> errors = new LinkedHashMap<>();
        String key = v.getRuleSetKey();
        String code = f.code() == null ? "" : f.code().trim();
        if (!TYPE_CODE.matcher(code).matches()) {
            errors.put("code", msg("hierarchy.type.error.code"));
        } else if (current.activityTypes(key).stream().anyMatch(t -> t.code().equals(code))) {
            errors.put("code", msg("hierarchy.type.error.codeTaken", code));
        }
        String name = f.nameZh() == null ? "" : f.nameZh().trim();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            errors.put("nameZh", msg("hierarchy.type.error.name", MAX_NAME));
        }
        if (!TYPE_SUBJECTS.contains(f.subject())) {
            errors.put("subject", msg("hierarchy.type.error.subject"));
        }
        String rateColumn = f.measure() == null ? null : ownTypes.measures().get(f.measure());
        if (rateColumn == null) {
            errors.put("measure", msg("hierarchy.type.error.measure"));
        }
        BigDecimal rate = number(f.rate(), rateColumn == null ? "perCount" : rateColumn, true, "rate", errors);
        BigDecimal cap = number(f.cap(), "cap", false, "cap", errors);
        if (rate != null && rate.signum() == 0) {
            errors.put("rate", msg("hierarchy.type.error.zero"));
        }
        String basis = f.basis() == null ? "" : f.basis().trim();
        if (basis.isEmpty() || basis.length() > MAX_BASIS) {
            errors.put("basis", msg("hierarchy.type.error.basis", MAX_BASIS));
        }
        if (!errors.isEmpty()) {
            return errors;
        }
        String slug = code.toLowerCase(Locale.ROOT).replace('_', '-');
        Map<String, String> type = new LinkedHashMap<>();
        type.put("code", FeelText.quote(code));
        type.put("nameZh", FeelText.quote(name));
        type.put("nameEn", FeelText.quote(code));
        type.put("parameters", FeelText.quote(f.measure()));
        type.put("basis", FeelText.quote(basis));
        Map<String, String> item = new LinkedHashMap<>();
        item.put("activityType", FeelText.quote(code));
        item.put(rateColumn, FeelText.number(rate));
        item.put("subject", FeelText.quote(f.subject()));
        item.put("basis", FeelText.quote(basis));
        Map<String, String> capRow = new LinkedHashMap<>();
        if (cap != null) {
            item.put("capGroup", FeelText.quote(code));
            capRow.put("capGroup", FeelText.quote(code));
            capRow.put("cap", FeelText.number(cap));
            capRow.put("nameZh", FeelText.quote(name));
            capRow.put("nameEn", FeelText.quote(code));
            capRow.put("basis", FeelText.quote(basis));
        }
        try {
            derivations.edit(key, d -> {
                Delta next = d.withAddition(new Delta.Addition("activity-types", key + "-type-" + slug, basis, type))
                        .withAddition(new Delta.Addition("items", key + "-" + slug + "-1", basis, item));
                return cap == null ? next : next.withAddition(new Delta.Addition("caps", key + "-cap-" + slug, basis, capRow));
            }, by, msg("hierarchy.draft.audit.type", name, code));
        } catch (HierarchyRefusal r) {
            errors.put("code", r.getMessage());
        }
        return errors;
    }

    private BigDecimal number(String text, String column, boolean required, String field, Map<String, String> errors) {
        String s = text == null ? "" : text.trim();
        if (s.isEmpty()) {
            if (required) {
                errors.put(field, msg("hierarchy.type.error.required"));
            }
            return null;
        }
        BigDecimal max = limits.maxOf(column);
        if (!FeelText.isNumber(s) || s.length() > 20) {
            errors.put(field, msg("hierarchy.draft.error.range", FeelText.number(limits.min()), FeelText.number(max)));
            return null;
        }
        BigDecimal n = new BigDecimal(s);
        if (n.compareTo(limits.min()) < 0 || n.compareTo(max) > 0 || n.stripTrailingZeros().scale() > 2) {
            errors.put(field, msg("hierarchy.draft.error.range", FeelText.number(limits.min()), FeelText.number(max)));
            return null;
        }
        return n;
    }

    // ---------------------------------------------------------------- the parent

    /** The parent version's rows: table → rule → column → FEEL text. */
    Map<String, Map<String, Map<String, String>>> parentRows(RuleSetVersion v) {
        DerivedRuleSet set = derivations.set(v.getRuleSetKey());
        return DerivedModelBuilder.rows(derivations.parentXml(set.getParentKey(), v.getParentVersion()), set.getParentKey());
    }

    /** The guardrails of an effective model of this version (as the form would leave it), against the parent version. */
    List<Guardrails.Result> guardrails(RuleSetVersion v, String effectiveXml) {
        DerivedRuleSet set = derivations.set(v.getRuleSetKey());
        return guardrails.check(set.getJurisdiction(), parentRows(v), DerivedModelBuilder.rows(effectiveXml, set.getKey()));
    }

    /** The parent version as if it were this set with nothing changed: the left side of the diff in words. */
    String parentAsThisSet(RuleSetVersion v) {
        return derivations.build(derivations.set(v.getRuleSetKey()), v.getParentVersion(), Delta.empty(),
                derivations.effectiveOr(v));
    }

    private String msg(String key, Object... args) {
        return messages.getMessage(key, args, key, ZH);
    }
}
