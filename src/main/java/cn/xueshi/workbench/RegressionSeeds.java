package cn.xueshi.workbench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Seeds the regression cases shipped in {@code workbench/regression-seed.json} that are not there yet (by name).
 * A shipped case that was renamed names its old name in {@code formerName}: a database seeded under the old
 * name gets the case renamed (only while it is still the shipped one, source SEED), not a second copy.
 */
@Component
class RegressionSeeds implements ApplicationRunner {

    static final String SEED = "workbench/regression-seed.json";

    private final CaseRepository cases;
    private final ShippedCases shipped;

    RegressionSeeds(CaseRepository cases, ObjectMapper json) {
        this.cases = cases;
        this.shipped = new ShippedCases(cases, json);
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) throws IOException {
        for (JsonNode c : shipped.read(SEED)) {
            String ruleSet = c.get("request").get("ruleSet").asText();
            String name = c.get("name").asText();
            String formerName = c.hasNonNull("formerName") ? c.get("formerName").asText() : null;
            if (formerName != null && cases.findByRuleSetAndName(ruleSet, name).isEmpty()) {
                cases.findByRuleSetAndName(ruleSet, formerName).filter(old -> "SEED".equals(old.getSource()))
                        .ifPresent(old -> old.rename(name));
            }
            shipped.saveIfMissing(ruleSet, name, c.get("request"), c.get("expect"));
        }
    }
}
