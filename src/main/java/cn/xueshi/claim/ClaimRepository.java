package cn.xueshi.claim;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface ClaimRepository extends JpaRepository<Claim, Long> {

    // JPQL of their own rather than derived queries: Spring Data builds a derived query's criteria afresh on every
    // call (measured in LifecycleBenchmark's profile), while a JPQL string is parsed once; the claim's items (EAGER)
    // come in the same select instead of a second one

    @Query("select c from Claim c left join fetch c.items where c.submissionKey = :submissionKey")
    Optional<Claim> findBySubmissionKey(String submissionKey);

    List<Claim> findBySubmissionKeyIn(Collection<String> submissionKeys);

    List<Claim> findByClaimantOrderBySubmittedAtDesc(String claimant);

    List<Claim> findByClaimantAndYearAndStatusIn(String claimant, int year, Collection<ClaimStatus> statuses);

    List<Claim> findByImportId(String importId);

    /** A claim of the person, not rejected or withdrawn, with an item of the same type and the same title or date: a duplicate report. */
    @Query("""
            select count(i) > 0 from ClaimItem i join i.claim c
            where c.claimant = :claimant and c.status not in (cn.xueshi.claim.ClaimStatus.REJECTED, cn.xueshi.claim.ClaimStatus.WITHDRAWN)
              and i.activityType = :type and (lower(i.title) = lower(:title) or i.activityDate = :date)""")
    boolean hasSimilar(String claimant, String type, String title, java.time.LocalDate date);

    List<Claim> findByIdIn(Collection<Long> ids);

    /** The claim a lifecycle instance belongs to, by the product's own link (never by a process variable). */
    @Query("select c from Claim c left join fetch c.items where c.processInstanceId = :processInstanceId")
    Optional<Claim> findByProcessInstanceId(String processInstanceId);

    List<Claim> findByProcessInstanceIdIn(Collection<String> processInstanceIds);

    /** The claims that count for {@code year}: its own (not made up for an earlier year) and those made up for it. */
    @Query("""
            select c from Claim c where c.claimant = :claimant and c.status in :statuses
              and ((c.year = :year and c.makeupForYear is null) or c.makeupForYear = :year)""")
    List<Claim> countingFor(String claimant, int year, Collection<ClaimStatus> statuses);

    List<Claim> findByUnitIdInAndStatusOrderByPublicityEnd(Collection<Long> unitIds, ClaimStatus status);

    List<Claim> findByUnitIdAndYearAndStatusIn(Long unitId, int year, Collection<ClaimStatus> statuses);

    List<Claim> findByUnitIdAndYearOrderByClaimantAscSubmittedAtAsc(Long unitId, int year);

    /** Items elsewhere in the unit with the same title, or the same activity type on the same date: possible duplicates. */
    @Query("""
            select i from ClaimItem i join i.claim c
            where c.unitId = :unitId and c.id <> :claimId and c.status not in (cn.xueshi.claim.ClaimStatus.REJECTED, cn.xueshi.claim.ClaimStatus.WITHDRAWN)
              and ((i.title is not null and lower(i.title) in :titles)
                   or (i.activityType = :type and i.activityDate = :date))
            order by c.submittedAt desc""")
    List<ClaimItem> possibleDuplicates(Long unitId, Long claimId, Collection<String> titles, String type,
            java.time.LocalDate date);
}
