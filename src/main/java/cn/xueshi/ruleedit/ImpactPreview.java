package cn.xueshi.ruleedit;

import cn.xueshi.clock.BusinessClock;
import cn.xueshi.rules.ItemResult;
import cn.xueshi.rules.RecognitionRequest;
import cn.xueshi.rules.RecognitionService;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Replays approved claim items of the last 12 months against a draft (影响预览); nothing is written. */
@Component
public class ImpactPreview {

    /** Claim statuses whose hours are approved (审核通过 and later). */
    public static final List<String> APPROVED = List.of("APPROVED", "IN_PUBLICITY", "REGISTERED", "FILED");

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public ImpactPreview(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    private record Stored(String activityType, String params, BigDecimal hours, int year) {
    }

    public Impact preview(String ruleSet, RecognitionService draft) {
        Timestamp since = Timestamp.from(BusinessClock.now().minus(365, ChronoUnit.DAYS));
        List<Stored> stored = jdbc.query("SELECT i.activity_type, i.params_json, i.hours, c.claim_year"
                        + " FROM xs_claim_item i JOIN xs_claim c ON c.id = i.claim_id"
                        + " WHERE c.rule_set = ? AND c.status IN ('APPROVED', 'IN_PUBLICITY', 'REGISTERED', 'FILED')"
                        + " AND COALESCE(c.decided_at, c.submitted_at) >= ? AND i.hours IS NOT NULL",
                (rs, n) -> new Stored(rs.getString(1), rs.getString(2), rs.getBigDecimal(3), rs.getInt(4)),
                ruleSet, since);
        Map<String, int[]> counts = new TreeMap<>();
        Map<String, BigDecimal[]> hours = new TreeMap<>();
        for (Stored s : stored) {
            int[] c = counts.computeIfAbsent(s.activityType(), k -> new int[3]);
            BigDecimal[] h = hours.computeIfAbsent(s.activityType(), k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
            c[0]++;
            h[0] = h[0].add(s.hours());
            BigDecimal after = replay(ruleSet, s, draft);
            if (after == null) {
                c[2]++;
                h[1] = h[1].add(s.hours());
                continue;
            }
            h[1] = h[1].add(after);
            if (after.compareTo(s.hours()) != 0) {
                c[1]++;
            }
        }
        List<Impact.TypeImpact> types = new ArrayList<>();
        int items = 0, changed = 0, failed = 0;
        BigDecimal before = BigDecimal.ZERO, afterAll = BigDecimal.ZERO;
        for (Map.Entry<String, int[]> e : counts.entrySet()) {
            int[] c = e.getValue();
            BigDecimal[] h = hours.get(e.getKey());
            types.add(new Impact.TypeImpact(e.getKey(), c[0], c[1], c[2], h[0], h[1]));
            items += c[0];
            changed += c[1];
            failed += c[2];
            before = before.add(h[0]);
            afterAll = afterAll.add(h[1]);
        }
        return new Impact(items, changed, failed, before, afterAll, types);
    }

    /** The item's hours under the draft (before annual caps, as stored); null when the draft refuses it. */
    private BigDecimal replay(String ruleSet, Stored s, RecognitionService draft) {
        try {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("activityType", s.activityType());
            item.putAll(json.readValue(s.params(), new TypeReference<LinkedHashMap<String, Object>>() { }));
            List<ItemResult> results = draft.evaluate(new RecognitionRequest(ruleSet, s.year(), List.of(item))).items();
            return results.get(0).hours();
        } catch (Exception e) {
            return null;
        }
    }
}
