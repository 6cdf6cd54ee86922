package cn.xueshi.hierarchy;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface DerivedRuleSetRepository extends JpaRepository<DerivedRuleSet, String> {

    List<DerivedRuleSet> findByOwnerKindAndOwnerCode(String ownerKind, String ownerCode);
}
