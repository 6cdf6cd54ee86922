package cn.xueshi.workbench;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface CaseRepository extends JpaRepository<RegressionCase, Long> {
    List<RegressionCase> findByRuleSetOrderById(String ruleSet);

    long countByRuleSet(String ruleSet);

    Optional<RegressionCase> findByRuleSetAndName(String ruleSet, String name);
}
