package cn.xueshi.makeup;

import cn.xueshi.rules.Hours;
import cn.xueshi.clock.BusinessClock;
import cn.xueshi.calendar.WorkingDayCalendar;
import cn.xueshi.claim.ProcessTrust;
import cn.xueshi.identity.Directory;
import cn.xueshi.identity.Groups;
import cn.xueshi.notification.Notifications;
import cn.xueshi.variable.ProcessVariables;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The service tasks of bpmn/makeup-request.bpmn. */
@Configuration
class MakeupDelegates {

    private final MakeupRequestRepository requests;
    private final MakeupObligationRepository obligations;
    private final MakeupService makeups;
    private final MakeupProperties properties;
    private final WorkingDayCalendar calendar;
    private final Notifications notifications;
    private final Directory directory;
    private final ProcessTrust trust;
    private final BusinessClock clock;
    private final ZoneId zone;

    MakeupDelegates(MakeupRequestRepository requests, MakeupObligationRepository obligations, MakeupService makeups,
            MakeupProperties properties, WorkingDayCalendar calendar, Notifications notifications, Directory directory,
            ProcessTrust trust, BusinessClock clock) {
        this.trust = trust;
        this.requests = requests;
        this.obligations = obligations;
        this.makeups = makeups;
        this.properties = properties;
        this.calendar = calendar;
        this.notifications = notifications;
        this.directory = directory;
        this.clock = clock;
        this.zone = clock.zone();
    }

    /** The request this instance carries by the product's records, never merely the one a variable names. */
    private MakeupRequest request(DelegateExecution execution) {
        return trust.record(execution, "requestId", requests::findById, MakeupRequest::getProcessInstanceId);
    }

    /** A decision is the request's unit reviewers' to take, and one the step knows. */
    private MakeupRequest decided(DelegateExecution execution, String decision) {
        MakeupRequest r = request(execution);
        trust.person(execution, "decidedBy", directory.reviewersOf(r.getUnitId()));
        trust.decision(execution, "decision", Set.of(decision));
        return r;
    }

    /** 批准: record the decision (the reduction amounts for REDUCTION). */
    @Bean
    JavaDelegate approveMakeupDelegate() {
        return execution -> {
            MakeupRequest r = decided(execution, "APPROVE");
            boolean reduction = r.getRemedy() == MakeupRequest.Remedy.REDUCTION;
            r.approve((String) execution.getVariable("decidedBy"),
                    reduction ? ProcessVariables.readHours(execution.getVariable("approvedPublic")).orElse(null) : null,
                    reduction ? ProcessVariables.readHours(execution.getVariable("approvedProfessional")).orElse(null) : null,
                    (String) execution.getVariable("decisionComment"));
            requests.save(r);
            notifications.send(List.of(r.getClaimant()), "MAKEUP_APPROVED", null, String.valueOf(r.getYear()));
        };
    }

    @Bean
    JavaDelegate rejectMakeupDelegate() {
        return execution -> {
            MakeupRequest r = decided(execution, "REJECT");
            r.reject((String) execution.getVariable("decidedBy"), (String) execution.getVariable("decisionComment"));
            requests.save(r);
            notifications.send(List.of(r.getClaimant()), "MAKEUP_REJECTED", null,
                    (String) execution.getVariable("decisionComment"));
        };
    }

    @Bean
    JavaDelegate returnMakeupDelegate() {
        return execution -> {
            MakeupRequest r = decided(execution, "RETURN");
            r.returnForEvidence((String) execution.getVariable("decidedBy"),
                    (String) execution.getVariable("decisionComment"));
            requests.save(r);
            notifications.send(List.of(r.getClaimant()), "MAKEUP_RETURNED", null,
                    (String) execution.getVariable("decisionComment"));
        };
    }

    /**
     * 补学义务: due on the configured month-day of Y+1; reminders at the configured working-day offsets
     * before it (those still ahead).
     */
    @Bean
    JavaDelegate createObligationDelegate() {
        return execution -> {
            MakeupRequest r = request(execution);
            LocalDate due = properties.deadlineFor(r.getYear());
            obligations.save(new MakeupObligation(r.getId(), r.getClaimant(), r.getUnitId(), r.getYear(), due));
            LocalDate today = clock.today();
            List<Date> reminders = new ArrayList<>();
            for (int offset : properties.reminderWorkingDays().stream().sorted((a, b) -> b - a).toList()) {
                LocalDate day = calendar.workingDaysBefore(due, offset);
                if (day.isAfter(today)) {
                    reminders.add(Date.from(day.atTime(9, 0).atZone(zone).toInstant()));
                }
            }
            execution.setVariable("makeupDeadline", Date.from(due.atTime(23, 59, 59).atZone(zone).toInstant()));
            execution.setVariable("reminders", ProcessVariables.dates(reminders));
            execution.setVariable("reminderIndex", 0);
            execution.setVariable("hasReminder", !reminders.isEmpty());
            execution.setVariable("nextReminder", reminders.isEmpty() ? null : reminders.get(0));
        };
    }

    /** 补学提醒: tell the person what is still missing, then wait for the next reminder if any. */
    @Bean
    JavaDelegate remindMakeupDelegate() {
        return execution -> {
            MakeupRequest r = request(execution);
            Hours gap = makeups.shortfall(r.getClaimant(), r.getYear(), r.getRuleSet());
            notifications.send(List.of(r.getClaimant()), "MAKEUP_REMINDER", null,
                    r.getYear() + "|" + gap.publicHours() + "|" + gap.professionalHours());
            @SuppressWarnings("unchecked")
            List<Date> reminders = (List<Date>) execution.getVariable("reminders");
            int next = (Integer) execution.getVariable("reminderIndex") + 1;
            execution.setVariable("reminderIndex", next);
            execution.setVariable("hasReminder", next < reminders.size());
            execution.setVariable("nextReminder", next < reminders.size() ? reminders.get(next) : null);
        };
    }

    /** At the deadline: is year Y's shortfall covered by its claims and the make-up claims of Y+1? */
    @Bean
    JavaDelegate checkShortfallDelegate() {
        return execution -> {
            MakeupRequest r = request(execution);
            Hours gap = makeups.shortfall(r.getClaimant(), r.getYear(), r.getRuleSet());
            boolean covered = gap.isZero();
            MakeupObligation o = obligations.findByRequestId(r.getId()).orElseThrow();
            o.checked(covered, gap.publicHours(), gap.professionalHours());
            obligations.save(o);
            execution.setVariable("covered", covered);
        };
    }

    @Bean
    JavaDelegate makeupFulfilledDelegate() {
        return execution -> {
            MakeupRequest r = request(execution);
            notifications.send(List.of(r.getClaimant()), "MAKEUP_FULFILLED", null, String.valueOf(r.getYear()));
        };
    }

    /** 补学未完成: the supervisors of the jurisdiction are told; the person stays non-compliant for Y. */
    @Bean
    JavaDelegate makeupMissedDelegate() {
        return execution -> {
            MakeupRequest r = request(execution);
            String who = directory.displayName(r.getClaimant()) + " " + r.getYear();
            notifications.send(directory.overseers((String) execution.getVariable("jurisdiction"), Groups.SUPERVISOR),
                    "MAKEUP_MISSED", null, who);
            notifications.send(List.of(r.getClaimant()), "MAKEUP_MISSED", null, who);
        };
    }
}
