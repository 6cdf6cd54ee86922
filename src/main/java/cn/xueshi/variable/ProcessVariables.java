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
 * engine ({@code javaSerializationFormatEnabled: false}) and untyped objects the engine writes itself default to
 * JSON ({@code default-serialization-format}; the single results of the routing and publicity decisions in
 * instances started before they were mapped to primitives).
 * <ul>
 * <li>Hours are strings of plain decimals ({@code "12.5"}): a JSON number or a Double could round what the
 * reviewer typed, a string keeps every digit and reads as what it is.</li>
 * <li>People (reviewers, bureau users, issuers, filing authorities and submitters) are comma-separated strings
 * ({@link #candidates}), which {@code camunda:candidateUsers="${reviewers}"} splits as it does a list, and which no
 * read deserializes (a JSON list costs Spin a failed class-path lookup of its generic type name on each read, and
 * each decision step reads every variable in scope). Instances started before hold JSON lists ({@link #people});
 * every reader takes both ({@link #peopleOf}). Reminder dates stay JSON arrays.</li>
 * <li>Decision results the models read are mapped to primitive variables by output parameters
 * ({@code ${decisionResult.getSingleResult().reviewerKind}}), not stored as one JSON map (the claim lifecycle's
 * {@code reviewerKind}, {@code reviewWorkingDays}, {@code publicityWorkingDays}).</li>
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

    /**
     * User ids as a JSON array, the shape of instances started by earlier versions (the product now writes
     * {@link #candidates}); kept so tests can start an instance the old way.
     */
    public static ObjectValue people(Collection<String> userIds) {
        return json(new ArrayList<>(userIds));
    }

    /**
     * User ids as one comma-separated string ({@code "reviewer1,reviewer2"}), which a model's
     * {@code camunda:candidateUsers="${reviewers}"} splits as it does a list. A primitive on purpose, first where a
     * process evaluates decisions after setting it (the claim lifecycle): Camunda's DMN step puts every variable in scope
     * into the decision's context, so each JSON variable is deserialized again at each decision (Spin first tries
     * the generic type name as a class, a failed class-path lookup), and a string is not. User ids never hold a
     * comma (the engine refuses one: its user-id pattern is letters and digits), and one that did would be refused
     * here rather than split into two candidates.
     */
    public static StringValue candidates(Collection<String> userIds) {
        for (String id : userIds) {
            if (id.indexOf(',') >= 0) {
                throw new IllegalArgumentException("user id with a comma: " + id);
            }
        }
        return Variables.stringValue(String.join(",", userIds));
    }

    /**
     * The user ids of a variable written by {@link #candidates} (a comma-separated string) or, in instances started
     * before, by {@link #people} (a list); empty when absent.
     */
    public static List<String> peopleOf(Object value) {
        if (value instanceof String s) {
            return s.isBlank() ? List.of() : List.of(s.split("\\s*,\\s*"));
        }
        if (value instanceof Collection<?> c) {
            return c.stream().map(String::valueOf).toList();
        }
        return List.of();
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
