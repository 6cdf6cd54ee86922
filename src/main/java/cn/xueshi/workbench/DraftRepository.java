package cn.xueshi.workbench;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface DraftRepository extends JpaRepository<Draft, Long> {
    List<Draft> findByRuleSetOrderByIdDesc(String ruleSet);

    default Optional<Draft> latest(String ruleSet) {
        return findByRuleSetOrderByIdDesc(ruleSet).stream().findFirst();
    }
}
