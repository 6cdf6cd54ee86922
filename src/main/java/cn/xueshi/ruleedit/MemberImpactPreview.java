package cn.xueshi.ruleedit;

import cn.xueshi.rules.RecognitionRequest;
import cn.xueshi.rules.RecognitionResult;
import cn.xueshi.rules.RecognitionService;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Replays the approved claim items of one year of the members of some units (the claims those units reviewed)
 * under two rule sets — the one in force and a draft — and compares each person's year (影响预览 over a
 * maintainer's own members). Only the units the caller passes are read: whoever calls decides whose people these
 * are. Nothing is written. An item the draft refuses keeps out of both sides and is counted as failed.
 */
@Component
public class MemberImpactPreview {

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper json;

    public MemberImpactPreview(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = new NamedParameterJdbcTemplate(jdbc);
        this.json = json;
    }

    private record Stored(String userId, String name, String unit, Map<String, Object> item) {
    }

    public MemberImpact preview(Collection<Long> unitIds, int year, String beforeKey, RecognitionService before,
            String afterKey, RecognitionService after) {
        if (unitIds.isEmpty()) {
            return new MemberImpact(year, beforeKey, afterKey, List.of(), 0);
        }
        List<Stored> stored = jdbc.query("SELECT c.claimant, a.LAST_, a.FIRST_, u.name, i.activity_type, i.params_json"
                        + " FROM xs_claim c JOIN xs_claim_item i ON i.claim_id = c.id JOIN xs_unit u ON u.id = c.unit_id"
                        + " LEFT JOIN ACT_ID_USER a ON a.ID_ = c.claimant"
                        + " WHERE c.unit_id IN (:units) AND c.claim_year = :year AND c.status IN (:approved)"
                        + " ORDER BY c.claimant, c.id, i.position",
                new MapSqlParameterSource("units", unitIds).addValue("year", year)
                        .addValue("approved", ImpactPreview.APPROVED),
                (rs, n) -> new Stored(rs.getString(1), name(rs.getString(2), rs.getString(3), rs.getString(1)),
                        rs.getString(4), item(rs.getString(5), rs.getString(6))));
        Map<String, List<Stored>> byPerson = new LinkedHashMap<>();
        stored.forEach(s -> byPerson.computeIfAbsent(s.userId(), k -> new ArrayList<>()).add(s));
        List<MemberImpact.Person> people = new ArrayList<>();
        int failed = 0;
        for (List<Stored> items : byPerson.values()) {
            List<Map<String, Object>> priced = new ArrayList<>();
            for (Stored s : items) {
                if (s.item() != null && evaluate(before, beforeKey, year, List.of(s.item())) != null
                        && evaluate(after, afterKey, year, List.of(s.item())) != null) {
                    priced.add(s.item());
                } else {
                    failed++;
                }
            }
            RecognitionResult b = evaluate(before, beforeKey, year, priced);
            RecognitionResult a = evaluate(after, afterKey, year, priced);
            if (b == null || a == null) {
                failed += priced.size();
                continue;
            }
            Stored first = items.get(0);
            people.add(new MemberImpact.Person(first.userId(), first.name(), first.unit(), b.publicHours(), a.publicHours(),
                    b.professionalHours(), a.professionalHours(), b.totalHours(), a.totalHours(), b.compliant(),
                    a.compliant()));
        }
        return new MemberImpact(year, beforeKey, afterKey, people, failed);
    }

    private static RecognitionResult evaluate(RecognitionService service, String ruleSet, int year,
            List<Map<String, Object>> items) {
        try {
            return service.evaluate(new RecognitionRequest(ruleSet, year, items));
        } catch (RuntimeException refused) {
            return null;
        }
    }

    private Map<String, Object> item(String activityType, String params) {
        try {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("activityType", activityType);
            item.putAll(json.readValue(params, new TypeReference<LinkedHashMap<String, Object>>() { }));
            return item;
        } catch (Exception unreadable) {
            return null;
        }
    }

    private static String name(String last, String first, String userId) {
        String n = (last == null ? "" : last) + (first == null ? "" : first);
        return n.isBlank() ? userId : n;
    }

    /** Sum helper for pages: hours as plain text. */
    public static String plain(BigDecimal n) {
        return n == null ? "—" : FeelText.number(n);
    }
}
