package cn.xueshi.workbench;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface CaseChangeRepository extends JpaRepository<CaseChange, Long> {
    List<CaseChange> findByDraftId(Long draftId);

    Optional<CaseChange> findByDraftIdAndCaseId(Long draftId, Long caseId);
}
