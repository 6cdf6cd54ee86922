package cn.xueshi.collective;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface AttendanceRepository extends JpaRepository<Attendance, Long> {

    List<Attendance> findByActivityIdOrderByUserId(Long activityId);

    Optional<Attendance> findByActivityIdAndUserId(Long activityId, String userId);

    List<Attendance> findByUserIdOrderByIdDesc(String userId);

    Optional<Attendance> findByClaimId(Long claimId);
}
