package cn.xueshi.identity;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface JurisdictionRepository extends JpaRepository<Jurisdiction, String> {

    List<Jurisdiction> findAllByOrderByCode();
}
