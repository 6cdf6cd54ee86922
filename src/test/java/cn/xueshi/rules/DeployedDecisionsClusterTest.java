package cn.xueshi.rules;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.support.IntegrationTest;
import java.time.Duration;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * A deployment on one node of a cluster reaches the recognition cache of another node within
 * {@code xueshi.cluster.refresh}: the other node is a second {@link DeployedDecisions} on the same database
 * whose own deployment counter never moves (as in another JVM), so only its re-check can find the change.
 */
@IntegrationTest
class DeployedDecisionsClusterTest {

    @Autowired
    RepositoryService repositoryService;
    @Autowired
    DeployedDecisions thisNode;

    @Value("${xueshi.cluster.refresh}")
    Duration refresh;

    @Test
    void aDeploymentOnAnotherNodeIsInForceHereWithinTheRefreshInterval() throws Exception {
        DeployedDecisions otherNode = new DeployedDecisions(repositoryService, DeployedDecisions.buildEngine(),
                refresh, () -> 0L);
        String key = "cluster_" + Long.toHexString(System.nanoTime());
        assertThat(otherNode.current().get(key)).isNull();

        long deployedAt = System.nanoTime();
        String deployment = repositoryService.createDeployment().name("cluster test")
                .addString(key + ".dmn", UnsafeModels.safeTable(key)).deploy().getId();
        try {
            // this node knows at once (its deployment counter moved after the commit)
            assertThat(thisNode.current().get(key)).isNotNull();
            long deadline = deployedAt + refresh.plusSeconds(2).toNanos();
            while (otherNode.current().get(key) == null && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(otherNode.current().get(key)).as("the other node within %s", refresh).isNotNull();
            assertThat(otherNode.current().get(key).version()).isEqualTo(1);

            // a second version replaces the first there too
            String second = repositoryService.createDeployment().name("cluster test 2")
                    .addString(key + ".dmn", UnsafeModels.safeTable(key)).deploy().getId();
            try {
                deadline = System.nanoTime() + refresh.plusSeconds(2).toNanos();
                while (otherNode.current().get(key).version() == 1 && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertThat(otherNode.current().get(key).version()).isEqualTo(2);
            } finally {
                repositoryService.deleteDeployment(second, true);
            }
        } finally {
            repositoryService.deleteDeployment(deployment, true);
        }
    }

    @Test
    void theRefreshIntervalIsSeconds() {
        // a cluster needs seconds, not minutes (the recognition of a claim must follow an analyst's deploy)
        assertThat(refresh).isBetween(Duration.ofMillis(100), Duration.ofSeconds(10));
    }
}
