package cn.xueshi.publicity;

import java.time.Instant;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ObjectionRepository extends JpaRepository<Objection, Long> {

    List<Objection> findByClaimIdOrderByRaisedAt(Long claimId);

    List<Objection> findByClaimIdAndStatusOrderById(Long claimId, Objection.Status status);

    boolean existsByClaimIdAndOpenBy(Long claimId, String openBy);

    long countByRaisedByAndRaisedAtAfter(String raisedBy, Instant since);
}
