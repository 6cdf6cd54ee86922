package cn.xueshi.workbench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
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

    private final ShippedCases shipped;

    PolicyCaseSeeds(CaseRepository cases, ObjectMapper json) {
        this.shipped = new ShippedCases(cases, json);
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) throws IOException {
        for (JsonNode c : shipped.read(SEED)) {
            String table = PolicyTable.of(c.get("table").asText()).orElseThrow(
                    () -> new IllegalStateException(SEED + ": unknown table " + c.get("table").asText())).key;
            shipped.saveIfMissing(table, c.get("name").asText(), c.get("inputs"), c.get("expect"));
        }
    }
}
