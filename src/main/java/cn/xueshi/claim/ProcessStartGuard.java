package cn.xueshi.claim;

import cn.xueshi.system.ProcessStartRefused;
import cn.xueshi.system.WebConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The start listener ({@code ${processStartGuard}}) of every process the application starts itself. Those
 * processes are marked not startable in Tasklist, but an administrator can still start one through the engine
 * API or Tasklist's own API: without this guard such a start runs on until the first step that reads a missing
 * variable and fails there as a NullPointerException incident (behind the async boundary) or as a 500. The
 * guard refuses the start at once, in the caller's transaction, unless
 * <ul>
 * <li>every variable the process reads is present with its type (the contract below, which is what the
 *     starting service puts), and</li>
 * <li>the record the instance carries (claim, make-up request, filing) exists and is not yet carried by any
 *     instance: the application stores the instance id on its record right after the start, so a second
 *     instance for the same record, or one for a record that does not exist, never starts.</li>
 * </ul>
 */
@Component("processStartGuard")
public class ProcessStartGuard implements ExecutionListener {

    /** What a start of each application process must bring: the record variable, its table, other variables. */
    record Contract(String recordVariable, String recordTable, Map<String, Class<?>> variables) {
    }

    static final Map<String, Contract> CONTRACTS = Map.of(
            "claim-lifecycle", new Contract("claimId", "xs_claim", ordered(
                    "claimant", String.class, "ruleSet", String.class, "unitType", String.class,
                    "jurisdiction", String.class)),
            "makeup-request", new Contract("requestId", "xs_makeup_request", ordered(
                    "claimant", String.class, "reviewers", Collection.class, "remedy", String.class,
                    "jurisdiction", String.class)),
            "annual-filing", new Contract("filingId", "xs_unit_filing", ordered(
                    "unitId", Long.class, "year", Integer.class, "reviewers", Collection.class,
                    "bureauUsers", Collection.class, "filingDeadline", Date.class, "reminderAt", Date.class)),
            "rule-filing", new Contract("versionId", "xs_rule_set_version", ordered(
                    "ruleSetKey", String.class, "authorities", Collection.class, "submitters", Collection.class,
                    "reminderAt", Date.class)),
            "title-proof", new Contract("proofId", "xs_title_proof", ordered(
                    "claimant", String.class, "issuers", Collection.class, "jurisdiction", String.class)));

    /** The request attribute that carries a refusal's message to {@code StartRefusalFilter}. */
    public static final String REFUSAL_ATTRIBUTE = ProcessStartGuard.class.getName() + ".refusal";

    private final JdbcTemplate jdbc;
    private final MessageSource messages;

    ProcessStartGuard(JdbcTemplate jdbc, MessageSource messages) {
        this.jdbc = jdbc;
        this.messages = messages;
    }

    @Override
    public void notify(DelegateExecution execution) {
        // the started instance's own definition (the deployment cache's entity) where the engine hands it over;
        // a RepositoryService lookup is a nested command with its own authorization check (on every submission)
        ProcessDefinition definition = execution instanceof ExecutionEntity e && e.getProcessDefinition() != null
                ? e.getProcessDefinition()
                : execution.getProcessEngineServices().getRepositoryService()
                        .getProcessDefinition(execution.getProcessDefinitionId());
        String process = definition.getName() != null ? definition.getName() : definition.getKey();
        Contract contract = CONTRACTS.get(definition.getKey());
        if (contract == null) {
            // a process that names this listener must have a contract: refuse rather than guess
            throw refused("process.start.refused.noContract", process);
        }
        List<String> wrong = new ArrayList<>();
        if (!(execution.getVariable(contract.recordVariable()) instanceof Long)) {
            wrong.add(describe(contract.recordVariable(), Long.class));
        }
        contract.variables().forEach((name, type) -> {
            Object value = execution.getVariable(name);
            // people: a comma-separated string (ProcessVariables.candidates) or, as versions before wrote them, a list;
            // an empty string passes as an empty list did (a unit without reviewers yet is the starter's concern)
            boolean people = type == Collection.class && value instanceof String;
            if (!type.isInstance(value) && !people) {
                wrong.add(describe(name, type));
            }
        });
        if (!wrong.isEmpty()) {
            throw refused("process.start.refused.variables", process, String.join("、", wrong));
        }
        Long id = (Long) execution.getVariable(contract.recordVariable());
        if (checkedAhead(contract).remove(id)) {
            return; // found unstarted by checkAhead's query in this transaction; the id serves one start only
        }
        // the table name comes from the constant contracts above, never from a variable
        List<String> carriedBy = jdbc.query(
                "SELECT process_instance_id FROM " + contract.recordTable() + " WHERE id = ?",
                (rs, n) -> String.valueOf(rs.getString(1)), id);
        if (carriedBy.size() != 1 || !"null".equals(carriedBy.get(0))) {
            throw refused("process.start.refused.record", process, contract.recordVariable(), String.valueOf(id));
        }
    }

    /**
     * The record check for many starts of one process about to happen in the caller's transaction (a roster
     * commit's claims), as one query per {@link cn.xueshi.system.InLists} part instead of one per start: the records that exist and are
     * carried by no instance are remembered for this transaction, and each start of one of them passes the
     * record check once (the variables are still checked per start; a record not found here is refused at its
     * start as before). Nothing is remembered outside a transaction.
     */
    void checkAhead(String processKey, List<Long> ids) {
        Contract contract = CONTRACTS.get(processKey);
        if (contract == null || !TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        java.util.Set<Long> unstarted = checkedAhead(contract);
        for (List<Long> part : cn.xueshi.system.InLists.parts(ids)) {
            // the table name comes from the constant contracts above, never from a variable
            unstarted.addAll(jdbc.queryForList("SELECT id FROM " + contract.recordTable() + " WHERE id IN ("
                    + cn.xueshi.system.InLists.placeholders(part.size()) + ") AND process_instance_id IS NULL",
                    Long.class, part.toArray()));
        }
    }

    /** This transaction's records found unstarted by {@link #checkAhead} (empty, and unkept, outside one). */
    @SuppressWarnings("unchecked")
    private java.util.Set<Long> checkedAhead(Contract contract) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return new java.util.HashSet<>();
        }
        String key = ProcessStartGuard.class.getName() + ".checked." + contract.recordTable();
        java.util.Set<Long> ids = (java.util.Set<Long>) TransactionSynchronizationManager.getResource(key);
        if (ids == null) {
            java.util.Set<Long> fresh = new java.util.HashSet<>();
            TransactionSynchronizationManager.bindResource(key, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(key);
                }
            });
            ids = fresh;
        }
        return ids;
    }

    private String describe(String variable, Class<?> type) {
        return message("process.start.variable", variable, message("process.start.type." + type.getSimpleName()));
    }

    private ProcessStartRefused refused(String key, Object... args) {
        String message = message(key, args);
        // Tasklist's own engine API has no mapper of ours: its filter finds the refusal on the request
        org.springframework.web.context.request.RequestAttributes request =
                org.springframework.web.context.request.RequestContextHolder.getRequestAttributes();
        if (request != null) {
            request.setAttribute(REFUSAL_ATTRIBUTE, message,
                    org.springframework.web.context.request.RequestAttributes.SCOPE_REQUEST);
        }
        return new ProcessStartRefused(message);
    }

    /** In Chinese: the engine's tools (Cockpit, Tasklist, engine-rest clients) carry no language of ours. */
    private String message(String key, Object... args) {
        return messages.getMessage(key, args, WebConfig.DEFAULT_LOCALE);
    }

    private static Map<String, Class<?>> ordered(Object... pairs) {
        Map<String, Class<?>> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (Class<?>) pairs[i + 1]);
        }
        return map;
    }
}
