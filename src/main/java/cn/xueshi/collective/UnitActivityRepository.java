package cn.xueshi.collective;

import java.util.Collection;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface UnitActivityRepository extends JpaRepository<UnitActivity, Long> {

    List<UnitActivity> findByUnitIdInOrderByActivityDateDescIdDesc(Collection<Long> unitIds);
}
