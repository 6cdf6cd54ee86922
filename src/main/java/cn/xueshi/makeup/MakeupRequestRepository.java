package cn.xueshi.makeup;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface MakeupRequestRepository extends JpaRepository<MakeupRequest, Long> {

    Optional<MakeupRequest> findBySubmissionKey(String submissionKey);

    List<MakeupRequest> findByClaimantOrderByCreatedAtDesc(String claimant);

    List<MakeupRequest> findByClaimantAndYearAndStatus(String claimant, int year, MakeupRequest.Status status);

    List<MakeupRequest> findByClaimantAndYearAndStatusIn(String claimant, int year,
            Collection<MakeupRequest.Status> statuses);

    /** The record a process instance carries (tasklist: the page of a task of that instance). */
    Optional<MakeupRequest> findByProcessInstanceId(String processInstanceId);
}
