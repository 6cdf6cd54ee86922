package cn.xueshi.workbench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Seeds the policy tables' regression cases shipped in {@code workbench/policy-regression-seed.json} that are
 * not there yet (by table and name), like {@link RegressionSeeds} does for the rule sets. A case is stored
 * under its table's key; its request is the table's inputs, its expectation the outputs it must give.
 */
@Component
class PolicyCaseSeeds implements ApplicationRunner {

    static final String SEED = "workbench/policy-regression-seed.json";

    private final CaseRepository cases;
    private final ObjectMapper json;

    PolicyCaseSeeds(CaseRepository cases, ObjectMapper json) {
        this.cases = cases;
        this.json = json;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) throws IOException {
        try (InputStream in = new ClassPathResource(SEED).getInputStream()) {
            for (JsonNode c : json.readTree(in).get("cases")) {
                String table = PolicyTable.of(c.get("table").asText()).orElseThrow(
                        () -> new IllegalStateException(SEED + ": unknown table " + c.get("table").asText())).key;
                String name = c.get("name").asText();
                if (cases.findByRuleSetAndName(table, name).isEmpty()) {
                    cases.save(new RegressionCase(table, name,
                            json.writerWithDefaultPrettyPrinter().writeValueAsString(c.get("inputs")),
                            json.writerWithDefaultPrettyPrinter().writeValueAsString(c.get("expect")), "SEED", "system"));
                }
            }
        }
    }
}
