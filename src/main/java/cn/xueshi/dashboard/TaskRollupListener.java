package cn.xueshi.dashboard;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Marks the rollups of time per step, backlog and task holders dirty whenever a user task of a claim's process
 * is created, assigned (claimed, unclaimed, delegated), updated, completed or deleted: a dirty mark for the
 * claim's claimant and claim year, written on the engine's own connection, so it commits or rolls back with the
 * task change. {@link Rollups} folds it like the claims' marks (the person-year's tasks are recounted, {@link RollupParts}). Registered
 * on every user task as a built-in listener by a process engine plugin, so no BPMN model has to carry it;
 * tasks of other processes find no claim and write nothing.
 */
@Component
class TaskRollupListener extends AbstractProcessEnginePlugin implements TaskListener {

    static final List<String> EVENTS = List.of(EVENTNAME_CREATE, EVENTNAME_ASSIGNMENT, EVENTNAME_UPDATE,
            EVENTNAME_COMPLETE, EVENTNAME_DELETE);

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        listeners.add(new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
                var definition = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
                EVENTS.forEach(event -> definition.addBuiltInTaskListener(event, TaskRollupListener.this));
            }
        });
        configuration.setCustomPostBPMNParseListeners(listeners);
    }

    private final ObjectProvider<RollupChanges> claimMarks;

    TaskRollupListener(ObjectProvider<RollupChanges> claimMarks) {
        this.claimMarks = claimMarks;
    }

    @Override
    public void notify(DelegateTask task) {
        String instance = task.getProcessInstanceId();
        if (instance == null || Context.getCommandContext() == null) {
            return;
        }
        // the claim already in this transaction (the proposal job, the decision): its mark joins the transaction's
        // batch of claim marks instead of a statement of its own
        if (claimMarks.getObject().markClaimOf(instance)) {
            return;
        }
        Connection connection = Context.getCommandContext().getDbSqlSession().getSqlSession().getConnection();
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO xs_rollup_dirty (user_id, yr)"
                + " SELECT claimant, claim_year FROM xs_claim WHERE process_instance_id = ?")) {
            ps.setString(1, instance);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("dashboard dirty mark for task " + task.getId(), e);
        }
    }
}
