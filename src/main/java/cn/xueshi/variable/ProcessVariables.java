package cn.xueshi.variable;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.Variables.SerializationDataFormats;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.camunda.bpm.engine.variable.value.StringValue;

/**
 * The shapes of the product's process variables: primitives (String, Long, Integer, Boolean, Date) or JSON,
 * never Java serialization, so Cockpit shows and edits every one of them. Java serialization is off in the
 * engine ({@code javaSerializationFormatEnabled: false}) and untyped objects the engine writes itself (the
 * single results of the routing and publicity decisions) default to JSON ({@code default-serialization-format}).
 * <ul>
 * <li>Hours are strings of plain decimals ({@code "12.5"}): a JSON number or a Double could round what the
 * reviewer typed, a string keeps every digit and reads as what it is.</li>
 * <li>People (reviewers, bureau users) and reminder dates are JSON arrays; the expressions of the models
 * ({@code camunda:candidateUsers="${reviewers}"}) read them as lists, as before.</li>
 * </ul>
 * Process instances started by earlier versions may still hold Java-serialized values until
 * {@link JavaSerializedVariableRepair} converts them at start-up; the readers here accept both shapes.
 */
public final class ProcessVariables {

    private ProcessVariables() {
    }

    /** Hours as a plain decimal string; null stays null (no adjustment, no reduction). */
    public static StringValue hours(BigDecimal hours) {
        return Variables.stringValue(hours == null ? null : hours.toPlainString());
    }

    /**
     * Hours as written now (a plain decimal string) or before (a BigDecimal, Java-serialized or JSON); empty when
     * absent or not a number.
     */
    public static Optional<BigDecimal> readHours(Object value) {
        if (value instanceof BigDecimal h) {
            return Optional.of(h);
        }
        if (value instanceof String s && !s.isBlank()) {
            try {
                return Optional.of(new BigDecimal(s.trim()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** User ids as a JSON array (a list to the models' expressions and the delegates). */
    public static ObjectValue people(Collection<String> userIds) {
        return json(new ArrayList<>(userIds));
    }

    /** Points in time as a JSON array (epoch milliseconds in the JSON, Dates to the delegates). */
    public static ObjectValue dates(List<Date> dates) {
        return json(new ArrayList<>(dates));
    }

    /** Any value as JSON (Camunda Spin, Jackson), typed by its class so the delegates read it back as it was. */
    public static ObjectValue json(Object value) {
        return Variables.objectValue(value).serializationDataFormat(SerializationDataFormats.JSON).create();
    }
}
