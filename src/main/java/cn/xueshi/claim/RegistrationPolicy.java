package cn.xueshi.claim;

import java.util.Map;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/** How a rule set registers hours, from the registration-policy table (dmn/registration-policy.dmn). */
@Component
public class RegistrationPolicy {

    public record Policy(boolean annualDeclaration, boolean correctable, String basis) {
    }

    private final DecisionService decisions;

    RegistrationPolicy(DecisionService decisions) {
        this.decisions = decisions;
    }

    public Policy of(String ruleSet) {
        Map<String, Object> row = decisions.evaluateDecisionTableByKey("registration-policy",
                Variables.createVariables().putValue("ruleSet", ruleSet)).getSingleResult().getEntryMap();
        return new Policy(Boolean.TRUE.equals(row.get("annualDeclaration")), Boolean.TRUE.equals(row.get("correctable")),
                (String) row.get("basis"));
    }
}
