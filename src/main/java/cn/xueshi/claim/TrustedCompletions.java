package cn.xueshi.claim;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Checks every user task's completion, in the completing transaction, before the process moves on: the claim a
 * claim-lifecycle instance names is its own (by the claim's stored instance), and the decider a completion
 * names ({@link #DECIDERS}) is the task's assignee when someone claimed it. The next steps' delegates check the rest;
 * this catches what would otherwise only fail later in an asynchronous step (the hour proposal after a
 * correction) and leave an incident. Registered as a process engine plugin, so no BPMN model has to carry it.
 */
@Component
class TrustedCompletions extends AbstractProcessEnginePlugin {

    /** The variable in which the completion of a step names who decided (the product sets it to the completer). */
    static final Map<String, String> DECIDERS = Map.of("reviewClaim", "reviewer", "handleObjection", "objectionHandler",
            "reviewRequest", "decidedBy", "compileFiling", "submittedBy",
            "checkProof", "decidedBy");

    private final ObjectProvider<ProcessTrust> trust;

    TrustedCompletions(ObjectProvider<ProcessTrust> trust) {
        this.trust = trust;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener> listeners =
                configuration.getCustomPostBPMNParseListeners() == null ? new java.util.ArrayList<>()
                        : new java.util.ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        TaskListener check = this::check;
        listeners.add(new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
                ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
                        .addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, check);
            }
        });
        configuration.setCustomPostBPMNParseListeners(listeners);
    }

    private void check(DelegateTask task) {
        if (task.getExecution() == null) {
            return;
        }
        if (task.getExecution().hasVariable("claimId")) {
            trust.getObject().claim(task.getExecution());
        }
        String decider = DECIDERS.get(task.getTaskDefinitionKey());
        // a task someone claimed is decided by them: the completion must not name anyone else
        if (decider != null && task.getAssignee() != null
                && !task.getAssignee().equals(task.getExecution().getVariable(decider))) {
            throw new UntrustedProcessData(decider);
        }
    }
}
