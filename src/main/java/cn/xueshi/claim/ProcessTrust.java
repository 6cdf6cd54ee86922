package cn.xueshi.claim;

import cn.xueshi.identity.Directory;
import cn.xueshi.identity.Groups;
import cn.xueshi.identity.Unit;
import jakarta.persistence.EntityManager;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The checks the lifecycle delegates make before they act on process variables: anyone who can write a
 * variable (an administrator through Cockpit, a bug, a future API) must not be able to move another claim,
 * decide in someone else's name or pass a decision the step does not know. Each check compares the variable
 * with the product's own records (the record's stored process instance, the unit's reviewers, the bureau of
 * the jurisdiction) and throws {@link UntrustedProcessData} otherwise.
 */
@Component
public class ProcessTrust {

    // the EntityManager of the step's transaction, not the repositories: the claim and its unit are nearly always
    // in the persistence context already (the review POST or the job's own step loaded them), and a repository
    // call's proxy chain (transaction interceptor, exception translation) cost more than the find it wraps
    // (issue 16's profile: repository calls 17.7 % of a claim's samples, ProcessTrust 7 %)
    private final EntityManager entities;
    private final Directory directory;

    ProcessTrust(EntityManager entities, Directory directory) {
        this.entities = entities;
        this.directory = directory;
    }

    /**
     * The claim this process instance carries: {@code claimId} names a claim whose stored instance is this one.
     * It is managed by the step's transaction: what a delegate changes on it is written at the commit.
     */
    public Claim claim(DelegateExecution execution) {
        return record(execution, "claimId", id -> Optional.ofNullable(entities.find(Claim.class, id)),
                Claim::getProcessInstanceId);
    }

    /**
     * The record named by the Long variable {@code variable}, if the record says it is carried by this process
     * instance (records store their instance id when the instance starts).
     */
    public <T> T record(DelegateExecution execution, String variable, Function<Long, Optional<T>> find,
            Function<T, String> instanceOf) {
        if (!(execution.getVariable(variable) instanceof Long id)) {
            throw new UntrustedProcessData(variable);
        }
        T record = find.apply(id).orElseThrow(() -> new UntrustedProcessData(variable));
        if (!execution.getProcessInstanceId().equals(instanceOf.apply(record))) {
            throw new UntrustedProcessData(variable);
        }
        return record;
    }

    /** Who may decide on the claim: the bureau, the industry department's reviewers or the unit's, as it was routed. */
    public List<String> deciders(Claim claim) {
        if ("DEPARTMENT".equals(claim.getReviewerKind())) {
            return directory.departmentReviewers(claim.getReviewerDepartment());
        }
        if ("BUREAU".equals(claim.getReviewerKind())) {
            return directory.unitJurisdiction(claim.getUnitId())
                    .map(j -> directory.overseers(j, Groups.BUREAU)).orElse(List.of());
        }
        return directory.reviewersOf(claim.getUnitId());
    }

    /** The person in {@code variable}, if they are one of {@code allowed}. */
    public String person(DelegateExecution execution, String variable, Collection<String> allowed) {
        if (!(execution.getVariable(variable) instanceof String who) || !allowed.contains(who)) {
            throw new UntrustedProcessData(variable);
        }
        return who;
    }

    /** The decision in {@code variable}, if the step knows it. */
    public String decision(DelegateExecution execution, String variable, Set<String> allowed) {
        if (!(execution.getVariable(variable) instanceof String d) || !allowed.contains(d)) {
            throw new UntrustedProcessData(variable);
        }
        return d;
    }

    /**
     * The facts the review routing was decided on (rule set, unit type, jurisdiction) are the claim's and its
     * unit's: otherwise a claim only the bureau may review could be routed to the unit's reviewers.
     */
    public void routingFacts(DelegateExecution execution, Claim claim) {
        Unit unit = entities.find(Unit.class, claim.getUnitId());
        if (unit == null) {
            throw new UntrustedProcessData("claimId");
        }
        same(execution, "ruleSet", claim.getRuleSet());
        same(execution, "unitType", unit.getUnitType().name());
        same(execution, "jurisdiction", unit.getJurisdiction());
    }

    private static void same(DelegateExecution execution, String variable, String expected) {
        if (!expected.equals(execution.getVariable(variable))) {
            throw new UntrustedProcessData(variable);
        }
    }

    /** The claim must still be in the state the step acts on (a decision is taken on a claim in review). */
    public void requireStatus(Claim claim, ClaimStatus status) {
        if (claim.getStatus() != status) {
            throw new UntrustedProcessData("claimId");
        }
    }
}
