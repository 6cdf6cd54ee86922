package cn.xueshi.workbench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.core.io.ClassPathResource;

/**
 * What the two seeders of shipped regression cases share ({@link RegressionSeeds} for the rule sets,
 * {@link PolicyCaseSeeds} for the policy tables): reading a seed file's {@code cases} and saving a case that is
 * not there yet under its owner (a rule set or a table key) and name, as source SEED.
 */
final class ShippedCases {

    private final CaseRepository cases;
    private final ObjectMapper json;

    ShippedCases(CaseRepository cases, ObjectMapper json) {
        this.cases = cases;
        this.json = json;
    }

    JsonNode read(String seed) throws IOException {
        try (InputStream in = new ClassPathResource(seed).getInputStream()) {
            return json.readTree(in).get("cases");
        }
    }

    void saveIfMissing(String owner, String name, JsonNode request, JsonNode expect) throws JsonProcessingException {
        if (cases.findByRuleSetAndName(owner, name).isEmpty()) {
            cases.save(new RegressionCase(owner, name, json.writerWithDefaultPrettyPrinter().writeValueAsString(request),
                    json.writerWithDefaultPrettyPrinter().writeValueAsString(expect), "SEED", "system"));
        }
    }
}
