package cn.xueshi.hierarchy;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface RuleSetVersionRepository extends JpaRepository<RuleSetVersion, Long> {

    List<RuleSetVersion> findByRuleSetKeyOrderByVersionDesc(String ruleSetKey);

    Optional<RuleSetVersion> findByProcessInstanceId(String processInstanceId);

    Optional<RuleSetVersion> findFirstByRuleSetKeyAndStatusOrderByVersionDesc(String ruleSetKey, String status);
}
