package cn.xueshi.title;

import cn.xueshi.clock.BusinessClock;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** 取得现职称年份 per person (xs_title_profile): what shortens a rolling window to the years since that title. */
@Component
class TitleProfiles {

    private final JdbcTemplate jdbc;

    TitleProfiles(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Integer> titleYear(String userId) {
        List<Integer> found = jdbc.queryForList("SELECT title_year FROM xs_title_profile WHERE user_id = ?",
                Integer.class, userId);
        return found.stream().findFirst();
    }

    /** Sets or (null) clears the year; a second save of the same person replaces the first. */
    @Transactional
    void save(String userId, Integer titleYear) {
        jdbc.update("DELETE FROM xs_title_profile WHERE user_id = ?", userId);
        if (titleYear != null) {
            jdbc.update("INSERT INTO xs_title_profile (user_id, title_year, updated_at) VALUES (?, ?, ?)", userId,
                    titleYear, Timestamp.from(BusinessClock.now()));
        }
    }
}
