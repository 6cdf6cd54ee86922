package cn.xueshi.claim;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.clock.BusinessClock;
import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit lines of a transaction are written together just before it commits ({@link AuditLog}): they commit
 * with the step or not at all, a read of the trail in the same transaction already sees them, and their time reads
 * back as it was recorded.
 */
@IntegrationTest
class AuditLogTest {

    @Autowired
    ClaimFixtures fixtures;
    @Autowired
    AuditLog audit;
    @Autowired
    PlatformTransactionManager transactions;

    private List<String> actions(Claim claim) {
        return audit.of(claim.getId()).stream().map(AuditEntry::getAction).toList();
    }

    @Test
    void linesOfATransactionAreReadInItAndCommitWithItInOrder() {
        Claim claim = fixtures.exchange(fixtures.jilin().employee(), 1);
        List<String> before = actions(claim);
        Instant recorded = BusinessClock.now();

        List<String> inside = new TransactionTemplate(transactions).execute(st -> {
            audit.record(claim.getId(), "tester", "TEST_FIRST", "一", null);
            audit.record(claim.getId(), "tester", "TEST_SECOND", null, "task-1");
            return actions(claim);
        });

        assertThat(inside).as("read in the same transaction").endsWith("TEST_FIRST", "TEST_SECOND");
        List<AuditEntry> after = audit.of(claim.getId());
        assertThat(after).hasSize(before.size() + 2);
        AuditEntry second = after.get(after.size() - 1);
        assertThat(second.getAction()).isEqualTo("TEST_SECOND");
        assertThat(second.getTaskId()).isEqualTo("task-1");
        assertThat(second.getActor()).isEqualTo("tester");
        assertThat(Duration.between(recorded, second.getCreatedAt()).abs())
                .as("the recorded time reads back unshifted").isLessThan(Duration.ofMinutes(1));
    }

    @Test
    void linesOfARolledBackTransactionAreNeverWritten() {
        Claim claim = fixtures.exchange(fixtures.jilin().employee(), 1);
        int before = actions(claim).size();

        new TransactionTemplate(transactions).executeWithoutResult(st -> {
            audit.record(claim.getId(), "tester", "TEST_ROLLED_BACK", null, null);
            st.setRollbackOnly();
        });

        assertThat(actions(claim)).hasSize(before).doesNotContain("TEST_ROLLED_BACK");
    }

    @Test
    void aSubmissionAndADecisionKeepTheirLines() {
        ClaimFixtures.Setup s = fixtures.jilin();
        Claim claim = fixtures.approve(fixtures.exchange(s.employee(), 2), s.reviewer());

        assertThat(actions(claim)).containsSubsequence("SUBMITTED", "REVIEW_APPROVE", "PUBLICITY_STARTED");
    }
}
