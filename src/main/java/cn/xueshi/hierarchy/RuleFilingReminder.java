package cn.xueshi.hierarchy;

import cn.xueshi.notification.Notifications;
import cn.xueshi.variable.ProcessVariables;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The review reminder of bpmn/rule-filing.bpmn: tells the authority's users a filing still waits for them. */
@Component("ruleFilingReminder")
class RuleFilingReminder implements JavaDelegate {

    private final Notifications notifications;
    private final Derivations derivations;

    RuleFilingReminder(Notifications notifications, Derivations derivations) {
        this.notifications = notifications;
        this.derivations = derivations;
    }

    @Override
    public void execute(DelegateExecution execution) {
        RuleSetVersion v = derivations.versionByInstance(execution.getProcessInstanceId()).orElseThrow();
        // a JSON list, or a comma-separated string once the starter writes ProcessVariables.candidates: both read
        List<String> authorities = ProcessVariables.peopleOf(execution.getVariable("authorities"));
        notifications.send(authorities, "RULE_FILING_DUE", null,
                derivations.set(v.getRuleSetKey()).getNameZh() + " v" + v.getVersion());
    }
}
