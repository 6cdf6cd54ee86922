package cn.xueshi.identity;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface UnitRepository extends JpaRepository<Unit, Long> {

    Optional<Unit> findByCode(String code);

    boolean existsByCode(String code);

    List<Unit> findAllByOrderByJurisdictionAscCodeAsc();

    List<Unit> findByJurisdictionInOrderByCode(java.util.Collection<String> jurisdictions);
}
