package cn.xueshi.filing;

import cn.xueshi.claim.ProcessTrust;
import cn.xueshi.identity.Directory;
import cn.xueshi.identity.Groups;
import cn.xueshi.identity.Unit;
import cn.xueshi.identity.UnitRepository;
import cn.xueshi.notification.Notifications;
import java.util.List;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The service tasks of bpmn/annual-filing.bpmn. */
@Configuration
class FilingDelegates {

    private final FilingService filings;
    private final UnitFilingRepository repository;
    private final UnitRepository units;
    private final Directory directory;
    private final Notifications notifications;
    private final ProcessTrust trust;

    FilingDelegates(FilingService filings, UnitFilingRepository repository, UnitRepository units, Directory directory,
            Notifications notifications, ProcessTrust trust) {
        this.trust = trust;
        this.filings = filings;
        this.repository = repository;
        this.units = units;
        this.directory = directory;
        this.notifications = notifications;
    }

    /** 备案通过: mark every registered claim of the unit and year filed. */
    @Bean
    JavaDelegate fileClaimsDelegate() {
        return execution -> filings.fileClaims(filing(execution).getId());
    }

    /** 退回修改: tell the unit's reviewers why. */
    @Bean
    JavaDelegate filingReturnedDelegate() {
        return execution -> notifyReviewers(filing(execution), "FILING_RETURNED",
                (String) execution.getVariable("bureauComment"));
    }

    /** Reminder before the deadline (xueshi.filing.reminder-working-days). */
    @Bean
    JavaDelegate remindFilingDelegate() {
        return execution -> notifyReviewers(filing(execution), "FILING_DUE", null);
    }

    /** The deadline passed with the filing not yet submitted: reviewers and supervisors are told. */
    @Bean
    JavaDelegate filingOverdueDelegate() {
        return execution -> {
            UnitFiling filing = notifyReviewers(filing(execution), "FILING_OVERDUE", null);
            Unit unit = units.findById(filing.getUnitId()).orElseThrow();
            notifications.send(directory.overseers(unit.getJurisdiction(), Groups.SUPERVISOR), "FILING_OVERDUE", null,
                    unit.getName() + " " + filing.getYear());
        };
    }

    /** The filing this instance carries by the product's records, never merely the one a variable names. */
    private UnitFiling filing(org.camunda.bpm.engine.delegate.DelegateExecution execution) {
        return trust.record(execution, "filingId", repository::findById, UnitFiling::getProcessInstanceId);
    }

    private UnitFiling notifyReviewers(UnitFiling filing, String kind, String detail) {
        Unit unit = units.findById(filing.getUnitId()).orElseThrow();
        List<String> reviewers = directory.reviewersOf(unit.getId());
        String text = unit.getName() + " " + filing.getYear() + (detail == null ? "" : "：" + detail);
        notifications.send(reviewers, kind, null, text);
        return filing;
    }
}
