package cn.xueshi.publicity;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Each objection keeps its own variables (issue 12, finding 5). An objection's event sub-process
 * instance is a scope of its own; {@code objectionId} arrives with the message on the scope the
 * message triggers, and when the reviewer's task is created it is pinned to the sub-process scope the
 * task runs in. Lookups from the task and from the sub-process's gateway and delegates find that
 * local value first, whatever other objections do to the shared publicity scope.
 */
@Configuration
class ObjectionScope {

    static final String VARIABLE = "objectionId";
    static final String PIN_LISTENER = "${pinObjectionDelegate}";

    /** On create of handleObjection: the objection id becomes local to the task's own sub-process scope. */
    @Bean
    TaskListener pinObjectionDelegate() {
        return task -> {
            DelegateExecution scope = task.getExecution();
            scope.setVariableLocal(VARIABLE, scope.getVariable(VARIABLE));
        };
    }

    /** Whether the model pins the objection id when the task is created (the current model). */
    static boolean pins(BpmnModelInstance model) {
        if (!(model.getModelElementById(PublicityService.OBJECTION_TASK) instanceof UserTask task)) {
            return true; // no objections in this model: nothing to repair
        }
        ExtensionElements extensions = task.getExtensionElements();
        return extensions != null && extensions.getElementsQuery().filterByType(CamundaTaskListener.class).list()
                .stream().anyMatch(l -> PIN_LISTENER.equals(l.getCamundaDelegateExpression()));
    }

    /** The execution a task's local objection variables live on: its own sub-process scope. */
    static String scopeOf(Task task) {
        return task.getExecutionId();
    }
}
