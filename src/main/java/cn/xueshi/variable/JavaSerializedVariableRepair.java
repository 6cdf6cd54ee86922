package cn.xueshi.variable;

import java.math.BigDecimal;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Start-up conversion of the Java-serialized variables that process instances started by earlier versions
 * still carry (the reviewer lists, the routing and publicity decision results, adjusted or approved hours,
 * reminder dates: Cockpit could neither show nor edit them). Each is rewritten in place, in the shape the
 * product writes now ({@link ProcessVariables}): a BigDecimal becomes a plain decimal string, anything else
 * JSON of the same class, so the delegates read it back unchanged. The variable's history follows the new
 * value. Idempotent (a converted variable is no longer Java-serialized) and safe on several nodes at once: a
 * variable another node converted first is skipped. A value that cannot be converted is logged and left as it
 * was; the delegates still read Java-serialized values, so the instance keeps working.
 */
@Component
public class JavaSerializedVariableRepair implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(JavaSerializedVariableRepair.class);

    /** The engine's name for its Java serializer, in ACT_RU_VARIABLE.TYPE_. */
    private static final String JAVA_SERIALIZER = "serializable";

    private final RuntimeService runtime;
    private final TaskService tasks;
    private final JdbcTemplate jdbc;

    JavaSerializedVariableRepair(RuntimeService runtime, TaskService tasks, JdbcTemplate jdbc) {
        this.runtime = runtime;
        this.tasks = tasks;
        this.jdbc = jdbc;
    }

    @Override
    public void run(ApplicationArguments args) {
        try {
            int converted = convertAll();
            if (converted > 0) {
                log.info("Converted {} Java-serialized process variable(s) to JSON or strings", converted);
            }
        } catch (RuntimeException e) {
            log.warn("Conversion of Java-serialized process variables failed; it runs again at the next start", e);
        }
    }

    /** Converts every Java-serialized runtime variable; returns how many. */
    public int convertAll() {
        // the engine's query API cannot select by serializer; the table is the engine's own, read only here
        List<String> ids = jdbc.queryForList("select ID_ from ACT_RU_VARIABLE where TYPE_ = ?", String.class,
                JAVA_SERIALIZER);
        int converted = 0;
        for (String id : ids) {
            try {
                if (convert(id)) {
                    converted++;
                }
            } catch (ProcessEngineException e) {
                log.warn("Could not convert process variable {}: {}", id, e.getMessage());
            }
        }
        return converted;
    }

    private boolean convert(String id) {
        VariableInstance v = runtime.createVariableInstanceQuery().variableId(id).singleResult();
        if (v == null || v.getErrorMessage() != null || (v.getTaskId() == null && v.getExecutionId() == null)) {
            return false; // gone meanwhile, unreadable, or not a process variable (batch, case)
        }
        TypedValue value = v.getValue() instanceof BigDecimal h ? ProcessVariables.hours(h)
                : ProcessVariables.json(v.getValue());
        if (v.getTaskId() != null) {
            tasks.setVariableLocal(v.getTaskId(), v.getName(), value);
        } else {
            runtime.setVariableLocal(v.getExecutionId(), v.getName(), value);
        }
        return true;
    }
}
