package cn.xueshi.calendar;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface UploadedYearRepository extends JpaRepository<UploadedYear, Integer> {

    @Query("select u.year from UploadedYear u")
    List<Integer> findAllYears();

    /** What changes when any node uploads or deletes a year: the years and when each was uploaded (no content). */
    @Query("select u.year, u.uploadedAt from UploadedYear u order by u.year")
    List<Object[]> findVersionRows();

    default List<String> findVersions() {
        return findVersionRows().stream().map(r -> r[0] + "@" + r[1]).toList();
    }
}
