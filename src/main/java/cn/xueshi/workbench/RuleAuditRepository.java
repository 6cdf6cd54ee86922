package cn.xueshi.workbench;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface RuleAuditRepository extends JpaRepository<RuleAudit, Long> {
    List<RuleAudit> findByRuleSetOrderByIdDesc(String ruleSet);

    List<RuleAudit> findAllByOrderByIdDesc();
}
