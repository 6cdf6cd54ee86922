package cn.xueshi.workbench;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface AnalystDeploymentRepository extends JpaRepository<AnalystDeployment, Long> {
    List<AnalystDeployment> findByRuleSetOrderByIdDesc(String ruleSet);

    Optional<AnalystDeployment> findFirstByDeploymentId(String deploymentId);
}
