package cn.xueshi.hierarchy;

import cn.xueshi.clock.BusinessClock;
import cn.xueshi.ruleedit.TypedForm;
import cn.xueshi.rules.RecognitionException;
import cn.xueshi.rules.RecognitionRequest;
import cn.xueshi.rules.RecognitionResult;
import cn.xueshi.rules.RecognitionService;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A derived set's own regression cases (本级回归用例, xs_rule_set_case): items exactly as the recognition API takes them,
 * a year and the expected 公需/专业 hours. They run against the draft (pass, fail or the refusal message); a draft with a
 * failing case is not submitted for filing. The reference's cases stay the workbench's (see {@link Samples}).
 */
@Component
class OwnCases {

    private static final Locale ZH = Locale.SIMPLIFIED_CHINESE;

    record Case(long id, String name, int year, String itemsJson, BigDecimal expectPublic,
            BigDecimal expectProfessional) {
    }

    /** A case run against a version: passed, what was expected, what came out (or the refusal message). */
    record Outcome(Case c, boolean passed, String expected, String actual) {
    }

    /** What the maintainer typed; kept as typed for the form shown again. */
    record Form(String name, String year, String activityType, String params, String items, String expectPublic,
            String expectProfessional) {

        Map<String, String> typed() {
            return TypedForm.echo(this);
        }
    }

    private final JdbcTemplate jdbc;
    private final HierarchyAudit audit;
    private final MessageSource messages;
    private final ObjectMapper json = new ObjectMapper();
    private final int maxName;
    private final int maxItems;
    private final BigDecimal maxHours;

    OwnCases(JdbcTemplate jdbc, HierarchyAudit audit, MessageSource messages,
            @Value("${xueshi.hierarchy.cases.max-name}") int maxName,
            @Value("${xueshi.hierarchy.cases.max-items}") int maxItems,
            @Value("${xueshi.hierarchy.cases.max-hours}") BigDecimal maxHours) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.messages = messages;
        this.maxName = maxName;
        this.maxItems = maxItems;
        this.maxHours = maxHours;
    }

    List<Case> of(String key) {
        return jdbc.query("SELECT id, name, case_year, items_json, expect_public, expect_professional FROM xs_rule_set_case "
                + "WHERE rule_set_key = ? ORDER BY id", (rs, n) -> new Case(rs.getLong(1), rs.getString(2), rs.getInt(3),
                        rs.getString(4), rs.getBigDecimal(5), rs.getBigDecimal(6)), key);
    }

    Optional<Case> find(String key, long id) {
        return of(key).stream().filter(c -> c.id() == id).findFirst();
    }

    /** Every case of the set priced by {@code service} (a version "as if filed"). */
    List<Outcome> run(String key, RecognitionService service) {
        List<Outcome> out = new ArrayList<>();
        for (Case c : of(key)) {
            String expected = hours(c.expectPublic(), c.expectProfessional());
            try {
                RecognitionResult r = price(service, key, c);
                boolean passed = r.publicHours().compareTo(c.expectPublic()) == 0
                        && r.professionalHours().compareTo(c.expectProfessional()) == 0;
                out.add(new Outcome(c, passed, expected, hours(r.publicHours(), r.professionalHours())));
            } catch (RecognitionException e) {
                out.add(new Outcome(c, false, expected, e.getMessage()));
            }
        }
        return out;
    }

    /** Refuses (field {@code delta}) while a case of the set fails against this version; names the failing cases. */
    void requirePassing(String key, RecognitionService service) {
        List<String> failing = run(key, service).stream().filter(o -> !o.passed()).map(o -> o.c().name()).toList();
        if (!failing.isEmpty()) {
            throw new HierarchyRefusal("delta", msg("hierarchy.cases.error.failing", failing.size(),
                    String.join("、", failing)));
        }
    }

    /**
     * Adds a case after checking every field (errors by field, nothing saved while one is wrong); the case must be
     * priceable by the draft, so a refused item is named beside the items.
     */
    @Transactional
    Map<String, String> add(String key, int version, Form f, Set<String> types, int firstYear, int lastYear,
            RecognitionService draft, String by) {
        Map<String, String> errors = new LinkedHashMap<>();
        String name = f.name() == null ? "" : f.name().trim();
        if (name.isEmpty() || name.length() > maxName) {
            errors.put("name", msg("hierarchy.cases.error.name", maxName));
        }
        Integer year = null;
        try {
            year = Integer.valueOf(f.year() == null ? "" : f.year().trim());
        } catch (NumberFormatException e) {
            // reported below
        }
        if (year == null || year < firstYear || year > lastYear) {
            errors.put("year", msg("hierarchy.cases.error.year", firstYear, lastYear));
            year = null;
        }
        List<Map<String, Object>> items = items(f, types, errors);
        BigDecimal pub = hoursField(f.expectPublic(), "expectPublic", errors);
        BigDecimal pro = hoursField(f.expectProfessional(), "expectProfessional", errors);
        if (!errors.isEmpty()) {
            return errors;
        }
        Case c = new Case(0, name, year, write(items), pub, pro);
        try {
            price(draft, key, c);
        } catch (RecognitionException e) {
            errors.put("items", msg("hierarchy.cases.error.refused", e.getMessage()));
            return errors;
        }
        jdbc.update("INSERT INTO xs_rule_set_case (rule_set_key, name, case_year, items_json, expect_public, "
                + "expect_professional, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", key, name, year,
                c.itemsJson(), pub, pro, by, Timestamp.from(BusinessClock.now()));
        audit.record(key, version, by, "CASE_ADDED", name + "：" + hours(pub, pro));
        return errors;
    }

    /** 以草稿当前结果为预期: the draft's hours become the case's expectation; refused when the draft refuses it. */
    @Transactional
    String adopt(String key, int version, Case c, RecognitionService draft, String by) {
        RecognitionResult r;
        try {
            r = price(draft, key, c);
        } catch (RecognitionException e) {
            throw new HierarchyRefusal("case", msg("hierarchy.cases.error.refused", e.getMessage()));
        }
        String before = hours(c.expectPublic(), c.expectProfessional());
        String after = hours(r.publicHours(), r.professionalHours());
        jdbc.update("UPDATE xs_rule_set_case SET expect_public = ?, expect_professional = ? WHERE id = ?",
                r.publicHours(), r.professionalHours(), c.id());
        audit.record(key, version, by, "CASE_EXPECTED", c.name() + "：" + before + " → " + after);
        return after;
    }

    @Transactional
    void delete(String key, int version, Case c, String by) {
        jdbc.update("DELETE FROM xs_rule_set_case WHERE id = ? AND rule_set_key = ?", c.id(), key);
        audit.record(key, version, by, "CASE_DELETED", c.name());
    }

    // ---------------------------------------------------------------- parsing

    /** The items JSON (an array, as the API takes it) if given, else one item of the chosen type and its parameters. */
    private List<Map<String, Object>> items(Form f, Set<String> types, Map<String, String> errors) {
        List<Map<String, Object>> items;
        String all = f.items() == null ? "" : f.items().trim();
        try {
            if (!all.isEmpty()) {
                items = json.readValue(all, new TypeReference<List<Map<String, Object>>>() { });
            } else {
                String type = f.activityType() == null ? "" : f.activityType().trim();
                if (type.isEmpty()) {
                    errors.put("activityType", msg("hierarchy.cases.error.type"));
                    return List.of();
                }
                String params = f.params() == null || f.params().isBlank() ? "{}" : f.params().trim();
                Map<String, Object> item = new LinkedHashMap<>(json.readValue(params,
                        new TypeReference<Map<String, Object>>() { }));
                item.put("activityType", type);
                items = List.of(item);
            }
        } catch (Exception e) {
            errors.put(all.isEmpty() ? "params" : "items", msg("hierarchy.cases.error.json"));
            return List.of();
        }
        if (items == null || items.isEmpty() || items.size() > maxItems
                || items.stream().anyMatch(java.util.Objects::isNull)) {
            errors.put("items", msg("hierarchy.cases.error.count", maxItems));
            return List.of();
        }
        for (Map<String, Object> item : items) {
            if (!types.contains(String.valueOf(item.get("activityType")))) {
                errors.put(all.isEmpty() ? "activityType" : "items",
                        msg("hierarchy.cases.error.unknownType", String.valueOf(item.get("activityType"))));
                return List.of();
            }
        }
        return items;
    }

    private BigDecimal hoursField(String typed, String field, Map<String, String> errors) {
        try {
            BigDecimal n = new BigDecimal(typed == null ? "" : typed.trim());
            if (n.signum() >= 0 && n.compareTo(maxHours) <= 0 && n.scale() <= 2) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.put(field, msg("hierarchy.cases.error.hours", plain(maxHours)));
        return null;
    }

    private RecognitionResult price(RecognitionService service, String key, Case c) {
        List<Map<String, Object>> items;
        try {
            items = json.readValue(c.itemsJson(), new TypeReference<List<Map<String, Object>>>() { });
        } catch (Exception e) {
            throw new IllegalStateException("unreadable case " + c.id(), e);
        }
        return service.evaluate(new RecognitionRequest(key, c.year(), items));
    }

    private String write(List<Map<String, Object>> items) {
        try {
            return json.writeValueAsString(items);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String hours(BigDecimal pub, BigDecimal pro) {
        return msg("hierarchy.cases.hours", plain(pub), plain(pro));
    }

    private static String plain(BigDecimal n) {
        return n.stripTrailingZeros().toPlainString();
    }

    private String msg(String key, Object... args) {
        return messages.getMessage(key, args, key, ZH);
    }
}
