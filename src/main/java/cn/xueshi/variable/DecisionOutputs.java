package cn.xueshi.variable;

import java.util.Map;
import java.util.function.Function;

/**
 * The outputs of a decision a model's business rule task evaluated, as a delegate after it reads them.
 *
 * <p>Now the task maps each output the process needs to a primitive variable of its own
 * ({@code <camunda:outputParameter name="reviewerKind">${decisionResult.getSingleResult().reviewerKind}</camunda:outputParameter>}):
 * a primitive costs nothing to read back, while the whole result as one map was stored as JSON and deserialized
 * again by every later decision step of the instance (Camunda puts every variable in scope into a decision's
 * context). Instances started on an earlier version of the model still hold the map under the task's result
 * variable ({@code routing}, {@code publicity}) and no output variables; they are read from the map.
 */
public final class DecisionOutputs {

    private final Function<String, Object> variables;
    private final Map<?, ?> legacy;
    private final String decision;

    private DecisionOutputs(Function<String, Object> variables, Map<?, ?> legacy, String decision) {
        this.variables = variables;
        this.legacy = legacy;
        this.decision = decision;
    }

    /**
     * The outputs among {@code variables} (an execution's {@code getVariable}); {@code legacyResultVariable} names the map earlier versions of the model stored,
     * {@code decision} the table (for the message of an incident).
     */
    public static DecisionOutputs of(Function<String, Object> variables, String legacyResultVariable, String decision) {
        return new DecisionOutputs(variables, variables.apply(legacyResultVariable) instanceof Map<?, ?> m ? m : null,
                decision);
    }

    /** A text output. */
    public String text(String output) {
        Object value = value(output);
        if (!(value instanceof String s)) {
            throw missing(output, value);
        }
        return s;
    }

    /** A whole-number output. */
    public int whole(String output) {
        Object value = value(output);
        if (!(value instanceof Number n)) {
            throw missing(output, value);
        }
        return n.intValue();
    }

    private Object value(String output) {
        Object own = variables.apply(output);
        return own != null || legacy == null ? own : legacy.get(output);
    }

    private IllegalStateException missing(String output, Object value) {
        // an incident in Cockpit: the table matched no row (or a row without this output) for the instance's facts
        return new IllegalStateException("Decision " + decision + " gave no " + output + " (" + value + ")");
    }
}
