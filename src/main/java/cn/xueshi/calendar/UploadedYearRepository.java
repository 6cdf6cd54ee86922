package cn.xueshi.calendar;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface UploadedYearRepository extends JpaRepository<UploadedYear, Integer> {

    @Query("select u.year from UploadedYear u")
    List<Integer> findAllYears();
}
