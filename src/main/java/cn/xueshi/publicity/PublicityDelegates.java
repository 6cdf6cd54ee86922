package cn.xueshi.publicity;

import cn.xueshi.clock.BusinessClock;
import cn.xueshi.calendar.WorkingDayCalendar;
import cn.xueshi.claim.AuditLog;
import cn.xueshi.claim.Claim;
import cn.xueshi.claim.ClaimRepository;
import cn.xueshi.claim.ProcessTrust;
import cn.xueshi.claim.UntrustedProcessData;
import cn.xueshi.notification.Notifications;
import cn.xueshi.variable.DecisionOutputs;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The publicity steps of bpmn/claim-lifecycle.bpmn (公示、异议). */
@Configuration
class PublicityDelegates {

    private final ClaimRepository claims;
    private final ObjectionRepository objections;
    private final WorkingDayCalendar calendar;
    private final Notifications notifications;
    private final AuditLog audit;
    private final ProcessTrust trust;
    private final BusinessClock clock;
    private final ZoneId zone;

    PublicityDelegates(ClaimRepository claims, ObjectionRepository objections, WorkingDayCalendar calendar,
            Notifications notifications, AuditLog audit, ProcessTrust trust,
            BusinessClock clock) {
        this.trust = trust;
        this.claims = claims;
        this.objections = objections;
        this.calendar = calendar;
        this.notifications = notifications;
        this.audit = audit;
        this.clock = clock;
        this.zone = clock.zone();
    }

    /** The claim of this instance by the product's records, never merely the claim a variable names. */
    private Claim claim(DelegateExecution execution) {
        return trust.claim(execution);
    }

    /**
     * 公示: N working days (from the publicity-policy table) counted from the next working day;
     * the period ends at the close of its last working day.
     */
    @Bean
    JavaDelegate startPublicityDelegate() {
        return execution -> {
            Claim claim = claim(execution);
            int days = DecisionOutputs.of(execution::getVariable, "publicity", "publicity-policy").whole("publicityWorkingDays");
            // the engine clock, so that tests can move time
            LocalDate today = clock.today();
            LocalDate first = calendar.addWorkingDays(today.plusDays(1), 0);
            LocalDate last = calendar.addWorkingDays(first, days - 1);
            Instant end = last.atTime(23, 59, 59).atZone(zone).toInstant();
            execution.setVariable("publicityEnd", Date.from(end));
            // the claim from ProcessTrust is managed by this step's transaction: written at its commit, version
            // checked; a save here was a merge through the repository's proxy chain (as in ClaimDelegates)
            claim.publicize(first.atStartOfDay(zone).toInstant(), end);
            audit.record(claim.getId(), "system", "PUBLICITY_STARTED", first + " ~ " + last, null);
        };
    }

    @Bean
    JavaDelegate dismissObjectionDelegate() {
        return execution -> handle(execution, Objection.Status.DISMISSED);
    }

    @Bean
    JavaDelegate upholdObjectionDelegate() {
        return execution -> handle(execution, Objection.Status.UPHELD);
    }

    private void handle(DelegateExecution execution, Objection.Status outcome) {
        Long id = (Long) execution.getVariable("objectionId");
        Objection objection = objections.findById(id).orElseThrow();
        trustedObjection(execution, objection);
        objection.handle(outcome, (String) execution.getVariable("objectionHandler"),
                (String) execution.getVariable("objectionComment"));
        objections.save(objection);
    }

    /** The objection is an open one on this instance's claim, decided by someone who may decide on the claim. */
    private void trustedObjection(DelegateExecution execution, Objection objection) {
        Claim claim = claim(execution);
        if (!claim.getId().equals(objection.getClaimId()) || objection.getStatus() != Objection.Status.OPEN) {
            throw new UntrustedProcessData("objectionId");
        }
        trust.person(execution, "objectionHandler", trust.deciders(claim));
    }

    /**
     * 异议成立: the claim goes back to review with the objection attached; the claimant is told. The
     * upheld objection's comment is read from its record (the decision lived in the objection's own
     * sub-process scope, which ended with the publicity period). Objections still open end with the
     * period: the claim is reviewed again anyway.
     */
    @Bean
    JavaDelegate reopenReviewDelegate() {
        return execution -> {
            Claim claim = claim(execution);
            claim.reopenForReview();
            claims.save(claim);
            List<Objection> ofClaim = objections.findByClaimIdOrderByRaisedAt(claim.getId());
            String comment = ofClaim.stream().filter(o -> o.getStatus() == Objection.Status.UPHELD)
                    .filter(o -> o.getHandledAt() != null)
                    .max(java.util.Comparator.comparing(Objection::getHandledAt)).map(Objection::getHandlerComment)
                    .orElse(null);
            ofClaim.stream().filter(Objection::isOpen).forEach(o -> {
                o.handle(Objection.Status.SUPERSEDED, "system", comment);
                objections.save(o);
            });
            notifications.send(List.of(claim.getClaimant()), "OBJECTION_UPHELD", claim.getId(), comment);
        };
    }
}
