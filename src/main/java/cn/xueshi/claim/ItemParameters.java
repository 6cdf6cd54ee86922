package cn.xueshi.claim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** A claim item's activity parameters, stored as JSON, and the claim's items as recognition-API items. */
@Component
public class ItemParameters {

    private final ObjectMapper json;

    ItemParameters(ObjectMapper json) {
        this.json = json;
    }

    /** The claim's items as the recognition API takes them: activity type plus its parameters. */
    public List<Map<String, Object>> requestItems(Claim claim) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (ClaimItem item : claim.getItems()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("activityType", item.getActivityType());
            m.putAll(params(item));
            items.add(m);
        }
        return items;
    }

    public Map<String, Object> params(ClaimItem item) {
        try {
            return json.readValue(item.getParamsJson(), new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable parameters of claim item " + item.getId(), e);
        }
    }

    String toJson(Map<String, Object> params) {
        try {
            return json.writeValueAsString(params);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
