package cn.xueshi.rules;

import cn.xueshi.identity.Unit;
import cn.xueshi.rules.ActivityType.Kind;
import cn.xueshi.rules.ActivityType.Parameter;
import cn.xueshi.rules.DeployedDecisions.Deployed;
import cn.xueshi.rules.DeployedDecisions.Fired;
import cn.xueshi.rules.DeployedDecisions.Snapshot;
import cn.xueshi.rules.YearTotals.Counted;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Service;

/**
 * Hour recognition (学时认定) with the DMN tables currently deployed: validates a year's items, lets
 * each rule set's item decision price them, then applies caps, full-year credits and the
 * aggregation the rule set names. Nothing is stored.
 */
@Service
public class RecognitionService {

    /** The API's limit on one request (API.md), not a rule of any rule set: xueshi.limits.max-recognition-items. */
    private final int maxItems;
    private final cn.xueshi.system.RequestLimits limits;

    /** The limits it was built with (a draft's or a benchmark's service is built with the same). */
    cn.xueshi.system.RequestLimits limits() {
        return limits;
    }
    private static final Pattern RULE_SET_KEY = Pattern.compile("[a-z0-9-]{1,64}");

    private final DeployedDecisions decisions;
    private final RateWords words;
    private final MessageSource messages;
    private final List<String> configuredRuleSets;
    private final RuleSetHierarchy hierarchy;

    RecognitionService(DeployedDecisions decisions, RateWords words, MessageSource messages,
            @Value("${xueshi.rule-sets:}") List<String> configuredRuleSets, RuleSetHierarchy hierarchy,
            cn.xueshi.system.RequestLimits limits) {
        this.maxItems = limits.maxRecognitionItems();
        this.limits = limits;
        this.hierarchy = hierarchy;
        this.decisions = decisions;
        this.words = words;
        this.messages = messages;
        this.configuredRuleSets = configuredRuleSets.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public RecognitionResult evaluate(RecognitionRequest request) {
        return evaluate(request, null);
    }

    /** As {@link #evaluate(RecognitionRequest)}, but compliance is judged against {@code override} (a reduction). */
    public RecognitionResult evaluate(RecognitionRequest request, Requirement override) {
        return evaluate(request, override, null);
    }

    /**
     * As {@link #evaluate(RecognitionRequest, Requirement)}, by the version of the rule set in force on {@code on}
     * (a claim's activity date): a derived set's filed version applies from its effective date, so a date before it
     * is priced by the version it follows. Without a date, the version in force on 31 December of the year (the
     * year's last word, which also judges its requirement).
     */
    public RecognitionResult evaluate(RecognitionRequest request, Requirement override, java.time.LocalDate on) {
        if (request == null) {
            throw error("", "rules.error.body.missing");
        }
        RuleSetModel model = resolve(decisions.current(), request.ruleSet(), request.year(), on);
        List<Map<String, Object>> items = checkedItems(request.items());
        return total(model, request.year(), override, List.of(new Priced(model, items)));
    }

    /** Items of one claim with the rule set and date that priced it. */
    public record DatedItems(String ruleSet, java.time.LocalDate on, List<Map<String, Object>> items) {
    }

    /**
     * A year's claims together (the year view): each claim's items priced by the version that priced that claim
     * (its rule set on its activity date: claims stay with the version that priced them), the year's caps,
     * aggregation and requirement by {@code ruleSet} as it stands on 31 December.
     */
    public RecognitionResult evaluateYear(String ruleSet, int year, List<DatedItems> claims) {
        Snapshot snapshot = decisions.current();
        RuleSetModel yearModel = resolve(snapshot, ruleSet, year, null);
        List<Priced> priced = new ArrayList<>();
        int count = 0;
        for (DatedItems c : claims) {
            RuleSetModel m = yearModel;
            if (c.ruleSet() != null && !(c.ruleSet().equals(ruleSet) && c.on() == null)) {
                try {
                    m = resolve(snapshot, c.ruleSet(), year, c.on());
                } catch (RecognitionException e) {
                    m = yearModel; // a set no longer in force that year (a reference replaced): the year's set prices
                }
            }
            priced.add(new Priced(m, c.items()));
            count += c.items().size();
        }
        checkedItems(java.util.Collections.nCopies(count, Map.<String, Object>of()));
        return total(yearModel, year, null, priced);
    }

    private record Priced(RuleSetModel model, List<Map<String, Object>> items) {
    }

    /** The model of a rule set for a year, at the version in force on {@code on} (null: 31 December). */
    private RuleSetModel resolve(Snapshot snapshot, String ruleSet, Integer year, java.time.LocalDate on) {
        if (ruleSet == null || ruleSet.isBlank()) {
            throw error("ruleSet", "rules.error.ruleSet.missing");
        }
        RuleSetModel model = model(snapshot, ruleSet)
                .orElseThrow(() -> error("ruleSet", "rules.error.ruleSet.unknown", ruleSet,
                        String.join("、", knownRuleSets(snapshot))));
        if (year == null) {
            throw error("year", "rules.error.year.missing");
        }
        java.time.LocalDate date = on != null ? on : yearEnd(year);
        if (inForceReference(snapshot, model, year)) {
            return model;
        }
        Optional<RuleSetHierarchy.Filed> version = inForce(snapshot, model, year, date);
        if (version.isEmpty()) {
            Optional<java.time.LocalDate> first = hierarchy.firstEffective(model.key);
            throw on == null ? error("year", "rules.error.year.notInForce", model.key, String.valueOf(year),
                    String.valueOf(first.map(java.time.LocalDate::getYear).orElse(model.firstYear)))
                    : error("year", "rules.error.date.notInForce", model.key, String.valueOf(on),
                            first.map(String::valueOf).orElse(String.valueOf(model.firstYear)));
        }
        if (version.get().decisionVersion() == null) {
            return model;
        }
        Snapshot pinned = decisions.pinned(snapshot, model.key + "-facts", version.get().decisionVersion());
        return model(pinned, model.key).orElse(model);
    }

    private List<Map<String, Object>> checkedItems(List<Map<String, Object>> items) {
        if (items == null) {
            throw error("items", "rules.error.items.missing");
        }
        if (items.size() > maxItems) {
            throw error("items", "rules.error.items.tooMany", maxItems, items.size());
        }
        return items;
    }

    private RecognitionResult total(RuleSetModel model, int year, Requirement override, List<Priced> priced) {
        List<ItemResult> results = new ArrayList<>();
        List<Counted> counted = new ArrayList<>();
        int i = 0;
        for (Priced p : priced) {
            for (Map<String, Object> item : p.items()) {
                evaluateItem(p.model(), i++, item, results, counted);
            }
        }
        Hours totals = YearTotals.of(counted, model.capHours, model.aggregation, model.summedTypes);
        BigDecimal pub = HourFormula.round(totals.publicHours());
        BigDecimal prof = HourFormula.round(totals.professionalHours());
        BigDecimal total = pub.add(prof);
        Requirement judged = override != null ? override : model.requirement;
        boolean compliant = total.compareTo(judged.total()) >= 0 && pub.compareTo(judged.publicMin()) >= 0
                && prof.compareTo(judged.professionalMin()) >= 0;
        Requirement shown = new Requirement(HourFormula.round(judged.total()), HourFormula.round(judged.publicMin()),
                HourFormula.round(judged.professionalMin()));
        return new RecognitionResult(model.key, year, List.copyOf(results), pub, prof, total, shown, compliant);
    }

    /** The rule set the selection table names for a jurisdiction and year (empty: none in force). */
    public Optional<String> ruleSetFor(String jurisdiction, int year) {
        return select(decisions.current(), jurisdiction, year);
    }

    /**
     * The rule set that prices a unit's claims of a year, as it stands on 31 December (the year's requirement, the
     * activity types offered for the year): {@link #ruleSetFor(Unit, java.time.LocalDate)} on that day.
     */
    public Optional<String> ruleSetFor(Unit unit, int year) {
        return ruleSetFor(unit, yearEnd(year));
    }

    /**
     * The rule set that prices a unit's activity of a date: the most specific <em>filed</em> one in force on that
     * date — the unit's own 实施细则, else its competent department's rules, else the jurisdiction's reference
     * (Jilin notice 一（二）; 参考 三（三）：行业主管部门有具体规定的，从其规定). Each must derive in the end from the
     * reference in force that year and have a filed version effective on or before the date. Empty when no rule set
     * is in force.
     */
    public Optional<String> ruleSetFor(Unit unit, java.time.LocalDate date) {
        return ruleSetFor(unit.getJurisdiction(), unit.getDepartmentCode(), unit.getId(), date);
    }

    /** {@link #ruleSetFor(Unit, int)} by the unit's parts (its jurisdiction, department code and id). */
    public Optional<String> ruleSetFor(String jurisdiction, String departmentCode, Long unitId, int year) {
        return ruleSetFor(jurisdiction, departmentCode, unitId, yearEnd(year));
    }

    /** {@link #ruleSetFor(Unit, java.time.LocalDate)} by the unit's parts. */
    public Optional<String> ruleSetFor(String jurisdiction, String departmentCode, Long unitId,
            java.time.LocalDate date) {
        return applicable(jurisdiction, departmentCode, unitId, date).map(Applicable::ruleSet);
    }

    /**
     * Which rule set and which filed version of it price a unit's activity of a date ({@code version} and
     * {@code effectiveFrom} are null for a jurisdiction's reference): two dates price alike when these are equal.
     */
    public record Applicable(String ruleSet, Integer version, java.time.LocalDate effectiveFrom) {
    }

    public Optional<Applicable> applicable(Unit unit, java.time.LocalDate date) {
        return forUnit(unit).applicable(date);
    }

    private Optional<Applicable> applicable(String jurisdiction, String departmentCode, Long unitId,
            java.time.LocalDate date) {
        return new UnitRuleSets(jurisdiction, departmentCode, unitId).applicable(date);
    }

    /**
     * The rule sets that price one unit's activities, for the dates of one request: the unit's and its department's
     * filed sets are read once (on the first date that needs them) and the deployed decisions are those of one
     * snapshot. A claim form asks for the year's end, its pricing date and each item's date: each used to read the
     * same filed sets again, one statement and one (autocommit) transaction each (issue 16's statement counts).
     * Not a cache: it lives as long as the caller's one request.
     */
    public UnitRuleSets forUnit(Unit unit) {
        return new UnitRuleSets(unit.getJurisdiction(), unit.getDepartmentCode(), unit.getId());
    }

    /** See {@link #forUnit}. */
    public final class UnitRuleSets {
        private final Snapshot snapshot = decisions.current();
        private final String jurisdiction;
        private final String departmentCode;
        private final String unitCode;
        private final Map<Integer, Optional<String>> references = new HashMap<>();
        private final Map<String, List<RuleSetHierarchy.Filed>> filedByOwner = new HashMap<>();
        private final Map<String, String> roots = new HashMap<>();

        private UnitRuleSets(String jurisdiction, String departmentCode, Long unitId) {
            this.jurisdiction = jurisdiction;
            this.departmentCode = departmentCode;
            this.unitCode = unitId == null ? null : String.valueOf(unitId);
        }

        /** {@link RecognitionService#applicable(Unit, java.time.LocalDate)}. */
        public Optional<Applicable> applicable(java.time.LocalDate date) {
            Optional<String> reference = references.computeIfAbsent(date.getYear(),
                    year -> select(snapshot, jurisdiction, year));
            if (reference.isEmpty()) {
                return Optional.empty();
            }
            Optional<RuleSetHierarchy.Filed> own = owned("UNIT", unitCode, reference.get(), date);
            if (own.isEmpty()) {
                own = owned("DEPARTMENT", departmentCode, reference.get(), date);
            }
            return Optional.of(own.map(f -> new Applicable(f.key(), f.version(), f.effectiveFrom()))
                    .orElse(new Applicable(reference.get(), null, null)));
        }

        /** {@link RecognitionService#ruleSetFor(Unit, int)}. */
        public Optional<String> ruleSetFor(int year) {
            return applicable(yearEnd(year)).map(Applicable::ruleSet);
        }

        private Optional<RuleSetHierarchy.Filed> owned(String kind, String code, String reference,
                java.time.LocalDate date) {
            if (code == null) {
                return Optional.empty();
            }
            List<RuleSetHierarchy.Filed> history = filedByOwner.computeIfAbsent(kind,
                    k -> hierarchy.historyOf(kind, code));
            return RuleSetHierarchy.latestEffective(history.stream()
                    .filter(f -> reference.equals(roots.computeIfAbsent(f.key(), hierarchy::root))).toList(), date)
                    .filter(f -> deployed(snapshot, f.key()));
        }
    }

    /** The requirement of a rule set for a year (its version in force on 31 December; empty when not in force). */
    public Optional<Requirement> requirement(String ruleSet, int year) {
        try {
            return Optional.of(evaluate(new RecognitionRequest(ruleSet, year, List.of())).requirement());
        } catch (RecognitionException e) {
            return Optional.empty();
        }
    }

    private static java.time.LocalDate yearEnd(int year) {
        return java.time.LocalDate.of(year, 12, 31);
    }

    /** The rule set, its parent, its parent's parent … up to the reference, with the versions deployed now. */
    public List<RuleSetLevel> chain(String ruleSet) {
        Snapshot snapshot = decisions.current();
        List<RuleSetLevel> chain = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String key = ruleSet;
        while (key != null && seen.add(key)) {
            Optional<RuleSetModel> model = model(snapshot, key);
            if (model.isEmpty()) {
                break;
            }
            Optional<RuleSetHierarchy.Filed> filed = hierarchy.filed(key);
            chain.add(new RuleSetLevel(key, model.get().nameZh, model.get().items.version(),
                    filed.map(RuleSetHierarchy.Filed::version).orElse(model.get().items.version()),
                    filed.map(RuleSetHierarchy.Filed::ownerKind).orElse("JURISDICTION"),
                    filed.map(RuleSetHierarchy.Filed::effectiveFrom).orElse(null)));
            key = hierarchy.parentOf(key).orElse(null);
        }
        return chain;
    }

    private boolean inForceReference(Snapshot snapshot, RuleSetModel model, int year) {
        return model.key.equals(select(snapshot, model.jurisdiction, year).orElse(null));
    }

    /** The filed version of a derived set that prices a date of a year, when it derives from that year's reference. */
    private Optional<RuleSetHierarchy.Filed> inForce(Snapshot snapshot, RuleSetModel model, int year,
            java.time.LocalDate date) {
        Optional<String> reference = select(snapshot, model.jurisdiction, year);
        if (reference.isEmpty()) {
            return Optional.empty();
        }
        return hierarchy.inForceOn(model.key, date).filter(f -> reference.get().equals(hierarchy.root(f.key())));
    }

    private static boolean deployed(Snapshot snapshot, String key) {
        return snapshot.get(key + "-facts") != null;
    }

    /**
     * The outputs of the first matching row of the latest deployed version of a decision table, evaluated from the
     * in-memory decisions (no database read and no decision history per call: a policy lookup done on every claim,
     * not a business event); empty when the decision is not deployed or no row matched.
     */
    public Optional<Map<String, Object>> firstRow(String decisionKey, Map<String, Object> variables) {
        Deployed decision = decisions.current().get(decisionKey);
        if (decision == null) {
            return Optional.empty();
        }
        Fired fired = decisions.evaluate(decision, new HashMap<>(variables));
        return fired == null ? Optional.empty() : Optional.of(fired.outputs());
    }

    /** The activity types of a rule set as deployed now (empty for an unknown rule set). */
    public List<ActivityType> activityTypes(String ruleSet) {
        return model(decisions.current(), ruleSet).map(m -> List.copyOf(m.types.values())).orElse(List.of());
    }

    /** Requirement, caps and activity types of a rule set, for the standards page. */
    public Optional<RuleSetStandards> standards(String ruleSet) {
        return model(decisions.current(), ruleSet).map(RuleSetModel::standards);
    }

    /** The rule sets the application offers (configuration), for choosers. */
    public List<String> ruleSets() {
        return configuredRuleSets;
    }

    // ---------------------------------------------------------------- one item

    private void evaluateItem(RuleSetModel model, int i, Map<String, Object> item, List<ItemResult> results,
            List<Counted> counted) {
        String n = String.valueOf(i + 1);
        String prefix = "items[" + i + "]";
        if (item == null) {
            throw error(prefix, "rules.error.item.null", n);
        }
        Object rawType = item.get("activityType");
        if (!(rawType instanceof String code) || code.isBlank()) {
            throw error(prefix + ".activityType", "rules.error.activityType.missing", n);
        }
        ActivityType type = model.types.get(code);
        if (type == null) {
            throw error(prefix + ".activityType", "rules.error.activityType.unknown", n, code, model.key,
                    String.join("、", model.types.keySet()));
        }
        Map<String, Object> vars = new HashMap<>(model.blankVariables);
        Set<String> given = new HashSet<>();
        Map<String, Boolean> groups = new LinkedHashMap<>();
        for (Parameter p : type.parameters()) {
            Object raw = item.get(p.name());
            String field = prefix + "." + p.name();
            if (p.oneOfGroup() != null) {
                groups.merge(p.oneOfGroup(), raw != null, Boolean::logicalOr);
            }
            if (raw == null) {
                if (p.required()) {
                    throw error(field, "rules.error.param.missing", n, type.nameZh(), names(type, p.name()));
                }
                if (p.defaultValue() != null) {
                    vars.put(p.name(), p.kind() == Kind.ENUM ? p.defaultValue() : new BigDecimal(p.defaultValue()));
                }
                continue;
            }
            vars.put(p.name(), p.kind() == Kind.ENUM ? enumValue(model, type, p, raw, n, field)
                    : number(type, p, raw, n, field));
            given.add(p.name());
        }
        for (Map.Entry<String, Boolean> g : groups.entrySet()) {
            if (!g.getValue()) {
                throw error(prefix + "." + g.getKey().split("/")[0], "rules.error.param.oneOf", n, type.nameZh(),
                        names(type, g.getKey().split("/")));
            }
        }
        vars.put("activityType", code);
        Fired fired = decisions.evaluate(model.itemsByType.get(code), vars);
        if (fired == null) {
            // a row may need an optional number the caller left out (安徽 主要完成人 needs the rank, 第十二条（五）
            // “前3名”): name that field rather than the activity type
            for (Parameter p : type.parameters()) {
                if (!p.required() && p.kind() != Kind.ENUM && !given.contains(p.name()) && p.defaultValue() == null) {
                    throw error(prefix + "." + p.name(), "rules.error.param.missing", n, type.nameZh(),
                            names(type, p.name()));
                }
            }
            throw error(prefix + ".activityType", "rules.error.noRule", n, type.nameZh());
        }
        Map<String, Object> terms = fired.outputs();
        String fullYear = HourFormula.fullYear(terms);
        Hours split;
        if (!HourFormula.NONE.equals(fullYear)) {
            split = HourFormula.fullYearCredit(fullYear, model.requirement);
        } else {
            BigDecimal hours;
            try {
                hours = HourFormula.hours(terms, vars, given);
            } catch (HourFormula.MissingParameter e) {
                throw error(prefix + "." + e.names.get(0), e.names.size() == 1 ? "rules.error.param.missing"
                        : "rules.error.param.oneOf", n, type.nameZh(), names(type, e.names.toArray(String[]::new)));
            }
            Object subject = vars.get("subject");
            split = HourFormula.split(terms, hours, subject == null ? "PROFESSIONAL" : subject.toString());
        }
        BigDecimal pub = HourFormula.round(split.publicHours());
        BigDecimal prof = HourFormula.round(split.professionalHours());
        results.add(new ItemResult(code, pub.add(prof), pub, prof, fullYear, fired.ruleId(),
                HourFormula.str(terms, "basis"), model.items.key(), model.items.version()));
        counted.add(new Counted(code, pub, prof, fullYear, HourFormula.str(terms, "capGroup")));
    }

    private Object enumValue(RuleSetModel model, ActivityType type, Parameter p, Object raw, String n, String field) {
        if (!(raw instanceof String s)) {
            throw error(field, "rules.error.param.notText", n, type.nameZh(), p.nameZh(), p.name());
        }
        if (!p.accepts(s)) {
            Deployed params = decisions.current().get(RuleSetModel.PARAMETERS);
            boolean known = params != null && decisions.rows(params).stream()
                    .filter(r -> p.name().equals(r.get("name")))
                    .anyMatch(r -> RuleSetModel.generalValues(r).contains(s));
            throw error(field, known ? "rules.error.param.notAccepted" : "rules.error.param.unknownValue", n,
                    type.nameZh(), p.nameZh(), p.name(), s, p.acceptedZh());
        }
        return s;
    }

    private BigDecimal number(ActivityType type, Parameter p, Object raw, String n, String field) {
        BigDecimal v;
        if (raw instanceof Integer || raw instanceof Long || raw instanceof Short) {
            v = BigDecimal.valueOf(((Number) raw).longValue());
        } else if (raw instanceof BigInteger b) {
            v = new BigDecimal(b);
        } else if (raw instanceof BigDecimal b) {
            v = b;
        } else if (raw instanceof Double || raw instanceof Float) {
            double d = ((Number) raw).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw error(field, "rules.error.param.notNumber", n, type.nameZh(), p.nameZh(), p.name());
            }
            v = new BigDecimal(raw.toString());
        } else {
            throw error(field, "rules.error.param.notNumber", n, type.nameZh(), p.nameZh(), p.name());
        }
        if (p.min() != null && v.compareTo(p.min()) < 0) {
            throw error(field, "rules.error.param.tooSmall", n, type.nameZh(), p.nameZh(), p.name(),
                    p.min().stripTrailingZeros().toPlainString());
        }
        if (p.max() != null && v.compareTo(p.max()) > 0) {
            throw error(field, "rules.error.param.tooLarge", n, type.nameZh(), p.nameZh(), p.name(),
                    p.max().stripTrailingZeros().toPlainString());
        }
        if (p.kind() == Kind.INTEGER && v.stripTrailingZeros().scale() > 0) {
            throw error(field, "rules.error.param.notWhole", n, type.nameZh(), p.nameZh(), p.name());
        }
        return v;
    }

    private static String names(ActivityType type, String... names) {
        List<String> out = new ArrayList<>();
        for (String name : names) {
            Parameter p = type.parameter(name);
            out.add(p == null ? name : "“" + p.nameZh() + "”（" + name + "）");
        }
        return String.join("、", out);
    }

    // ---------------------------------------------------------------- rule sets

    private Optional<RuleSetModel> model(Snapshot snapshot, String ruleSet) {
        if (ruleSet == null || !RULE_SET_KEY.matcher(ruleSet).matches() || snapshot.get(ruleSet + "-facts") == null) {
            return Optional.empty();
        }
        return Optional.of(snapshot.derived("model:" + ruleSet, k -> new RuleSetModel(ruleSet, decisions, snapshot, words)));
    }

    private List<String> knownRuleSets(Snapshot snapshot) {
        return snapshot.byKey.keySet().stream().filter(k -> k.endsWith("-facts"))
                .map(k -> k.substring(0, k.length() - "-facts".length())).sorted().collect(Collectors.toList());
    }

    private Optional<String> select(Snapshot snapshot, String jurisdiction, int year) {
        Deployed selection = snapshot.get(RuleSetModel.SELECTION);
        if (selection == null || jurisdiction == null) {
            return Optional.empty();
        }
        // the selection table's answer depends on its inputs and the deployed table only: once per snapshot (a
        // claim asked it three times, in its validation, its pricing and its proposal; issue 16's profile: 3 %)
        return snapshot.memo("selection\u0000" + jurisdiction + "\u0000" + year, () -> {
            Map<String, Object> vars = new HashMap<>();
            vars.put("jurisdiction", jurisdiction);
            vars.put("year", year);
            Fired fired = decisions.evaluate(selection, vars);
            return Optional.ofNullable(fired == null ? null : HourFormula.str(fired.outputs(), "ruleSet"));
        });
    }

    private RecognitionException error(String field, String key, Object... args) {
        return new RecognitionException(field, messages.getMessage(key, args, key, LocaleContextHolder.getLocale()));
    }
}
