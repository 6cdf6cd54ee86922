package cn.xueshi.task;

import cn.xueshi.paging.ListPage;

import cn.xueshi.paging.PageRequest;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import javax.sql.DataSource;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Runs one page query of a task list (its select carries {@code count(*) over () as total}) and maps the rows:
 * one statement per page. A page beyond the last shows the first page instead (its request says page 1).
 */
public final class TaskRows {

    /** The project's own timestamps are written in UTC (hibernate.jdbc.time_zone); the engine's in local time. */
    private static final Calendar UTC = Calendar.getInstance(TimeZone.getTimeZone("UTC"));

    /** Maps one row of the page (the total is read by {@link TaskRows}). */
    public interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private final NamedParameterJdbcTemplate jdbc;

    public TaskRows(DataSource dataSource) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
    }

    public <T> ListPage<T> page(String sql, Map<String, ?> params, PageRequest request, Row<T> row) {
        ListPage<T> page = once(sql, params, request, row);
        if (page.isEmpty() && request.page() > 1) {
            return once(sql, params, new PageRequest(1, request.size(), request.typedPage(), request.typedSize(),
                    request.errors()), row);
        }
        return page;
    }

    private <T> ListPage<T> once(String sql, Map<String, ?> params, PageRequest request, Row<T> row) {
        MapSqlParameterSource p = new MapSqlParameterSource(params)
                .addValue("limit", request.size()).addValue("offset", request.offset());
        long[] total = {0};
        List<T> rows = new ArrayList<>();
        jdbc.query(sql + TaskSql.PAGE, p, rs -> {
            total[0] = rs.getLong("total");
            rows.add(row.map(rs));
        });
        return new ListPage<>(rows, request, total[0]);
    }

    /** A timestamp of the project's own tables (UTC). */
    public static Instant ownInstant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column, (Calendar) UTC.clone());
        return ts == null ? null : ts.toInstant();
    }

    /** A timestamp of the engine's tables (the JVM's local time). */
    public static Instant engineInstant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    /** 姓 + 名 as the directory shows it, or the account when the person has no name. */
    public static String displayName(String last, String first, String userId) {
        String name = ((last == null ? "" : last) + (first == null ? "" : first)).trim();
        return name.isEmpty() ? userId : name;
    }
}
