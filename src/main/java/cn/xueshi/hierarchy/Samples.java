package cn.xueshi.hierarchy;

import cn.xueshi.rules.RecognitionException;
import cn.xueshi.rules.RecognitionRequest;
import cn.xueshi.rules.RecognitionResult;
import cn.xueshi.rules.RecognitionService;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The regression results a filing authority reviews: the reference rule set's regression cases (the workbench's
 * xs_wb_case rows of the reference the set derives from) priced by the parent and by the submitted version side by
 * side, so every case the derivation changes is visible before filing.
 */
@Component
class Samples {

    /** One case: its name, the parent's and this version's total (or the refusal message), and whether it differs. */
    record Sample(String name, String parentTotal, String childTotal, boolean changed) {
    }

    private final JdbcTemplate jdbc;
    private final ObjectMapper json = new ObjectMapper();

    Samples(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<Sample> of(String reference, String parentKey, RecognitionService parent, String childKey,
            RecognitionService child) {
        List<Sample> out = new ArrayList<>();
        for (Map<String, Object> row : jdbc.queryForList("SELECT name, request_json FROM xs_wb_case WHERE rule_set = ? "
                + "ORDER BY id", reference)) {
            RecognitionRequest request;
            try {
                request = json.readValue((String) row.get("request_json"), RecognitionRequest.class);
            } catch (Exception e) {
                continue;
            }
            String before = total(parent, new RecognitionRequest(parentKey, request.year(), request.items()));
            String after = total(child, new RecognitionRequest(childKey, request.year(), request.items()));
            out.add(new Sample((String) row.get("name"), before, after, !before.equals(after)));
        }
        return out;
    }

    private static String total(RecognitionService service, RecognitionRequest request) {
        try {
            RecognitionResult r = service.evaluate(request);
            return plain(r.totalHours()) + "（公需 " + plain(r.publicHours()) + "，专业 " + plain(r.professionalHours()) + "）";
        } catch (RecognitionException e) {
            return e.getMessage();
        }
    }

    private static String plain(BigDecimal n) {
        return n.stripTrailingZeros().toPlainString();
    }
}
