package cn.xueshi.title;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface TitleProofRepository extends JpaRepository<TitleProof, Long> {

    Optional<TitleProof> findBySubmissionKey(String submissionKey);

    Optional<TitleProof> findByCode(String code);

    Optional<TitleProof> findByProcessInstanceId(String processInstanceId);

    List<TitleProof> findByClaimantOrderByRequestedAtDesc(String claimant);

    /** Requests and proofs whose application date is still ahead (reminders before it). */
    List<TitleProof> findByApplicationDateGreaterThanEqualAndStatusIn(java.time.LocalDate from,
            Collection<TitleProof.Status> statuses);

    List<TitleProof> findByClaimantAndYearAndStatusIn(String claimant, int year, Collection<TitleProof.Status> statuses);
}
