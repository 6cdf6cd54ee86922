package cn.xueshi.task;

import cn.xueshi.system.NotFound;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * A task's form as its process model says ({@code camunda:formKey} of its step, in the version the task
 * runs on): controllers render {@link #view(Task)} instead of naming a template, so the model is the truth.
 */
@Component
public class TaskForms {

    private final FormService forms;

    TaskForms(FormService forms) {
        this.forms = forms;
    }

    /** The form of the task's step; a step without a known form key is not a form of this product. */
    public TaskForm of(Task task) {
        String key = forms.getTaskFormKey(task.getProcessDefinitionId(), task.getTaskDefinitionKey());
        return TaskForm.byKey(key).orElseThrow(NotFound::new);
    }

    /** The template (under forms/) that renders the task. */
    public String view(Task task) {
        return of(task).view();
    }
}
