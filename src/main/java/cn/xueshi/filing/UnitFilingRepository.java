package cn.xueshi.filing;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface UnitFilingRepository extends JpaRepository<UnitFiling, Long> {

    Optional<UnitFiling> findByUnitIdAndYear(Long unitId, int year);

    List<UnitFiling> findByUnitIdInOrderByYearDescUnitIdAsc(Collection<Long> unitIds);

    /** The record a process instance carries (tasklist: the page of a task of that instance). */
    Optional<UnitFiling> findByProcessInstanceId(String processInstanceId);
}
