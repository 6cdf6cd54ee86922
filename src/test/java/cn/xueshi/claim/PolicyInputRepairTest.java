package cn.xueshi.claim;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.support.ClaimFixtures;
import cn.xueshi.support.IntegrationTest;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A claim started on a lifecycle version that asked the policy tables with its own rule set is moved to the
 * shipped version at start-up, so its next routing and its publicity period follow its jurisdiction's rows.
 */
@IntegrationTest
class PolicyInputRepairTest {

    @Autowired
    PolicyInputRepair repair;
    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ClaimFixtures fixtures;

    static String shipped() throws Exception {
        try (InputStream in = PolicyInputRepairTest.class.getResourceAsStream("/bpmn/claim-lifecycle.bpmn")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    ProcessDefinition latest() {
        return repository.createProcessDefinitionQuery().processDefinitionKey(ClaimService.PROCESS_KEY).latestVersion()
                .singleResult();
    }

    Deployment deploy(String name, String bpmn) {
        return repository.createDeployment().name(name)
                .addInputStream("claim-lifecycle.bpmn", new ByteArrayInputStream(bpmn.getBytes(StandardCharsets.UTF_8)))
                .deploy();
    }

    @Test
    void aClaimOfTheEarlierVersionIsMigratedOnceAndTheShippedModelNeedsNothing() throws Exception {
        String shipped = shipped();
        assertThat(PolicyInputRepair.asksByReference(repository.getBpmnModelInstance(latest().getId()))).isTrue();
        String earlier = shipped.replace(PolicyInputRepair.REFERENCE_INPUT, "${ruleSet}");
        assertThat(earlier).isNotEqualTo(shipped);
        Deployment old = deploy("claim-lifecycle before PolicyRuleSets", earlier);
        Deployment again = null;
        try {
            ProcessDefinition oldDefinition = latest();
            assertThat(PolicyInputRepair.asksByReference(repository.getBpmnModelInstance(oldDefinition.getId())))
                    .isFalse();
            ClaimFixtures.Setup s = fixtures.jilin();
            Claim claim = fixtures.exchange(s.employee(), 2);
            assertThat(runtime.createProcessInstanceQuery().processInstanceId(claim.getProcessInstanceId())
                    .singleResult().getProcessDefinitionId()).isEqualTo(oldDefinition.getId());
            assertThat(repair.migrate()).as("the earlier version is the newest: nothing to move to").isEmpty();

            again = deploy("claim-lifecycle shipped", shipped);
            assertThat(repair.migrate()).contains(claim.getProcessInstanceId());
            assertThat(runtime.createProcessInstanceQuery().processInstanceId(claim.getProcessInstanceId())
                    .singleResult().getProcessDefinitionId()).isEqualTo(latest().getId());
            assertThat(repair.migrate()).isEmpty(); // idempotent
            // the migrated claim goes on: approved, into publicity by the shipped publicityPolicy task
            assertThat(fixtures.approve(claim, s.reviewer()).getStatus()).isEqualTo(ClaimStatus.IN_PUBLICITY);
        } finally {
            repository.deleteDeployment(old.getId(), true);
            if (again == null) {
                deploy("claim-lifecycle shipped", shipped);
            }
        }
    }
}
