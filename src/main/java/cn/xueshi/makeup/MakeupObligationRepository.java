package cn.xueshi.makeup;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface MakeupObligationRepository extends JpaRepository<MakeupObligation, Long> {

    List<MakeupObligation> findByClaimantOrderByYearDesc(String claimant);

    List<MakeupObligation> findByUnitIdInAndStatusOrderByDueDate(Collection<Long> unitIds,
            MakeupObligation.Status status);

    Optional<MakeupObligation> findByRequestId(Long requestId);

    Optional<MakeupObligation> findByClaimantAndYearAndStatus(String claimant, int year, MakeupObligation.Status status);
}
