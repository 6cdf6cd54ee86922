package cn.xueshi.dashboard;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * What a dashboard view covers: one year, the jurisdictions the viewer may see ({@code null}: all,
 * for admins) narrowed by the filters, and optionally one unit. Every query adds {@link #where(String)}.
 */
public record DashboardScope(int year, Set<String> jurisdictions, Long unitId) {

    /** True when nothing narrows the view (an admin without filters). */
    boolean unrestricted() {
        return jurisdictions == null && unitId == null;
    }

    /** SQL conditions on the unit table aliased {@code u}, starting with AND. */
    String where(String u) {
        StringBuilder sql = new StringBuilder();
        if (jurisdictions != null) {
            sql.append(jurisdictions.isEmpty() ? " AND 1 = 0" : " AND " + u + ".jurisdiction IN (:jurisdictions)");
        }
        if (unitId != null) {
            sql.append(" AND ").append(u).append(".id = :unitId");
        }
        return sql.toString();
    }

    MapSqlParameterSource params() {
        MapSqlParameterSource p = new MapSqlParameterSource("year", year);
        p.addValue("jurisdictions", jurisdictions == null || jurisdictions.isEmpty() ? List.of("-") : List.copyOf(jurisdictions));
        p.addValue("unitId", unitId);
        return p;
    }

    MapSqlParameterSource params(Map<String, ?> more) {
        MapSqlParameterSource p = params();
        p.addValues(more);
        return p;
    }
}
