package cn.xueshi.claim;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The registration policy is read from the in-memory decisions: same rows, no engine evaluation per claim. */
@IntegrationTest
class RegistrationPolicyTest {

    @Autowired
    RegistrationPolicy policies;
    @Autowired
    ClaimFixtures fixtures;
    @Autowired
    HistoryService history;

    @Test
    void rowsOfTheTable() {
        RegistrationPolicy.Policy anhui = policies.of("anhui-2025");
        assertThat(anhui.annualDeclaration()).isTrue();
        assertThat(anhui.correctable()).isFalse();
        assertThat(anhui.basis()).contains("第二十一条");
        assertThat(anhui.withdrawable()).as("申报提交后不予修改、撤销").isFalse();
        RegistrationPolicy.Policy jilin = policies.of("jilin-2026");
        assertThat(jilin.annualDeclaration()).isFalse();
        assertThat(jilin.correctable()).isTrue();
        assertThat(jilin.withdrawable()).isTrue();
        assertThat(policies.of("qingdao-2023").withdrawable()).isTrue();
        assertThat(policies.of("yuxi-2024").withdrawable()).isTrue();
    }

    @Test
    void aSubmissionWritesNoDecisionHistoryForThePolicy() {
        ClaimFixtures.Setup s = fixtures.jilin();
        long before = history.createHistoricDecisionInstanceQuery().decisionDefinitionKey(RegistrationPolicy.DECISION).count();
        Claim claim = fixtures.exchange(s.employee(), 2);
        assertThat(claim.getStatus()).isEqualTo(ClaimStatus.IN_REVIEW);
        // a DecisionService evaluation read the definition from the database and wrote history on every submission
        assertThat(history.createHistoricDecisionInstanceQuery().decisionDefinitionKey(RegistrationPolicy.DECISION).count())
                .isEqualTo(before);
    }
}
