package cn.xueshi.title;

import cn.xueshi.claim.ProcessTrust;
import cn.xueshi.notification.Notifications;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The service tasks of bpmn/title-proof.bpmn. */
@Configuration
class TitleProofDelegates {

    private final TitleProofRepository proofs;
    private final TitleProofs service;
    private final ProcessTrust trust;
    private final Notifications notifications;

    TitleProofDelegates(TitleProofRepository proofs, TitleProofs service, ProcessTrust trust,
            Notifications notifications) {
        this.proofs = proofs;
        this.service = service;
        this.trust = trust;
        this.notifications = notifications;
    }

    /** The proof this instance carries by the product's records; the decider one of its issuers; a known decision. */
    private TitleProof decided(DelegateExecution execution, String decision) {
        TitleProof p = trust.record(execution, "proofId", proofs::findById, TitleProof::getProcessInstanceId);
        trust.person(execution, "decidedBy", service.issuers(p));
        trust.decision(execution, "decision", Set.of(decision));
        if (p.getStatus() != TitleProof.Status.REQUESTED) {
            throw new cn.xueshi.system.Conflict("title.proof.conflict.done");
        }
        return p;
    }

    /** 出具: the check as it stands now is frozen on the proof under its verification code. */
    @Bean
    JavaDelegate issueTitleProofDelegate() {
        return execution -> {
            TitleProof p = decided(execution, "ISSUE");
            service.issue(p, (String) execution.getVariable("decidedBy"));
            notifications.send(List.of(p.getClaimant()), "TITLE_PROOF_ISSUED", null, String.valueOf(p.getYear()));
        };
    }

    /** 不予出具: the reason is kept and told to the employee. */
    @Bean
    JavaDelegate refuseTitleProofDelegate() {
        return execution -> {
            TitleProof p = decided(execution, "REFUSE");
            String reason = (String) execution.getVariable("refusalReason");
            if (reason == null || reason.isBlank()) {
                throw new cn.xueshi.claim.UntrustedProcessData("refusalReason");
            }
            p.refuse((String) execution.getVariable("decidedBy"), reason.strip());
            proofs.save(p);
            notifications.send(List.of(p.getClaimant()), "TITLE_PROOF_REFUSED", null, String.valueOf(p.getYear()));
        };
    }
}
