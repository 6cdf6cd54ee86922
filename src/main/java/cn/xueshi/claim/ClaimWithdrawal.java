package cn.xueshi.claim;

import cn.xueshi.identity.CurrentUser;
import cn.xueshi.system.Conflict;
import java.util.Optional;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.Errors;

/**
 * 撤回: the claimant withdraws their own claim while it is in review or waiting for their correction. The process
 * does the work: the message {@value #MESSAGE} interrupts the review or correction task and {@code recordWithdrawal}
 * ({@code withdrawClaimDelegate}) ends the claim. Anyone but the claimant gets "not found"; a claim past review, one
 * still being computed, one already withdrawn and a rule set that forbids it (安徽 第二十一条3) each get their message.
 */
@Service
public class ClaimWithdrawal {

    public static final String MESSAGE = "claimWithdrawn";

    private final ClaimRepository claims;
    private final RuntimeService runtime;
    private final RegistrationPolicy policies;
    private final WithdrawalProperties properties;

    ClaimWithdrawal(ClaimRepository claims, RuntimeService runtime, RegistrationPolicy policies,
            WithdrawalProperties properties) {
        this.claims = claims;
        this.runtime = runtime;
        this.policies = policies;
        this.properties = properties;
    }

    public int maxReasonLength() {
        return properties.maxReasonLength();
    }

    /** The claim if it is the signed-in person's own; anyone else's is not found. */
    public Claim own(long claimId, CurrentUser me) {
        return claims.findById(claimId).filter(c -> c.getClaimant().equals(me.userId()))
                .orElseThrow(ClaimNotFound::new);
    }

    /** Whether the claim page offers the button: the claimant's claim in a state and rule set that allow it. */
    public boolean offered(Claim claim, CurrentUser me) {
        return claim.getClaimant().equals(me.userId()) && refusal(claim).isEmpty();
    }

    /** Why the claim cannot be withdrawn now (a message key and its argument), or empty when it can. */
    public Optional<Conflict> refusal(Claim claim) {
        if (claim.getStatus() == ClaimStatus.WITHDRAWN) {
            return Optional.of(new Conflict("claim.withdraw.already"));
        }
        if (claim.getStatus() == ClaimStatus.REJECTED) {
            return Optional.of(new Conflict("claim.withdraw.rejected"));
        }
        if (claim.getStatus() == ClaimStatus.SUBMITTED) {
            // the hours are being (re)computed: the review task, and with it the message's subscription, comes next
            return Optional.of(new Conflict("claim.withdraw.computing"));
        }
        if (!claim.getStatus().withdrawable() || claim.getProcessInstanceId() == null) {
            return Optional.of(new Conflict("claim.withdraw.decided"));
        }
        RegistrationPolicy.Policy policy = policies.of(claim.getRuleSet());
        if (!policy.withdrawable()) {
            return Optional.of(new Conflict("claim.withdraw.notAllowed", HttpStatus.CONFLICT, policy.basis()));
        }
        return Optional.empty();
    }

    /** The reason is required and at most {@code xueshi.withdrawal.max-reason-length} characters. */
    public void validate(WithdrawalForm form, Errors errors) {
        String reason = form.getReason() == null ? "" : form.getReason().trim();
        if (reason.isEmpty()) {
            errors.rejectValue("reason", "claim.withdraw.error.reason");
        } else if (reason.length() > properties.maxReasonLength()) {
            errors.rejectValue("reason", "claim.withdraw.error.reason.tooLong",
                    new Object[] {properties.maxReasonLength(), reason.length()}, null);
        }
    }

    /**
     * Withdraws the claim through its process, in one transaction. A reviewer deciding at the same moment makes one
     * of the two lose: here before the correlation (the state), at it (no subscription: the task ended) or at the
     * commit (the engine's or the claim's optimistic lock); the caller turns each into a message.
     */
    @Transactional
    public Claim withdraw(long claimId, WithdrawalForm form, CurrentUser me) {
        Claim claim = own(claimId, me);
        Optional<Conflict> refused = refusal(claim);
        if (refused.isPresent()) {
            throw refused.get();
        }
        BeanPropertyBindingResult errors = new BeanPropertyBindingResult(form, "withdrawalForm");
        validate(form, errors);
        if (errors.hasErrors()) {
            // callers show the form's errors first (validate); this guards the service's other callers
            throw new IllegalArgumentException("withdrawal reason: " + errors.getFieldError("reason").getCode());
        }
        try {
            runtime.createMessageCorrelation(MESSAGE)
                    .processInstanceId(claim.getProcessInstanceId())
                    .setVariable("withdrawnBy", me.userId())
                    .setVariable("withdrawalReason", form.getReason().trim())
                    .correlateWithResult();
        } catch (MismatchingMessageCorrelationException e) {
            // neither task is open any more: the reviewer decided (or the correction was sent) a moment ago
            throw new Conflict("claim.withdraw.raced");
        }
        return claim;
    }
}
