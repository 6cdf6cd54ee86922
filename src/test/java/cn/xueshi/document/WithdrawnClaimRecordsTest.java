package cn.xueshi.document;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.claim.Claim;
import cn.xueshi.claim.ClaimStatus;
import cn.xueshi.claim.ClaimWithdrawal;
import cn.xueshi.claim.WithdrawalForm;
import cn.xueshi.filing.FilingService;
import cn.xueshi.filing.FilingSummary;
import cn.xueshi.identity.CurrentUserService;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A withdrawn claim (撤回) is neither pending on the 登记表 nor unfinished in the unit's filing, like a rejected one. */
@IntegrationTest
class WithdrawnClaimRecordsTest {

    @Autowired ClaimFixtures fixtures;
    @Autowired ClaimWithdrawal withdrawal;
    @Autowired CurrentUserService currentUsers;
    @Autowired YearRecords records;
    @Autowired FilingService filings;

    @Test
    void aWithdrawnClaimIsNotPendingOnTheYearRecordNorUnfinishedInTheFiling() {
        ClaimFixtures.Setup s = fixtures.jilin();
        fixtures.registeredExchange(s, 1);
        Claim pending = fixtures.exchange(s.employee(), 2);
        Claim withdrawn = fixtures.exchange(s.employee(), 3);
        Claim rejected = fixtures.reject(fixtures.exchange(s.employee(), 4), s.reviewer());
        assertThat(rejected.getStatus()).isEqualTo(ClaimStatus.REJECTED);
        WithdrawalForm reason = new WithdrawalForm();
        reason.setReason("重复登记");
        withdrawal.withdraw(withdrawn.getId(), reason, currentUsers.load(s.employee()));

        YearRecord record = records.of(s.employee(), s.unit(), 2026, currentUsers.load(s.employee()));
        assertThat(record.pendingClaims()).as("only the claim still in review").isEqualTo(1);
        assertThat(record.progress().totalHours()).isEqualByComparingTo("8");
        FilingSummary summary = filings.summary(s.unit().getId(), 2026);
        assertThat(summary.unfinished()).as("only %s", pending.getId()).isEqualTo(1);
        assertThat(summary.claimsByStatus()).containsEntry("WITHDRAWN", 1L);
    }
}
