package cn.xueshi.importing;

import cn.xueshi.identity.Unit;
import cn.xueshi.identity.UnitRepository;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The persons an import names, looked up once per import in bulk (thousands of rows must not cost thousands of
 * queries): their unit and name as printed (family name then given name).
 */
@Component
public class People {

    private final NamedParameterJdbcTemplate jdbc;
    private final UnitRepository units;

    People(NamedParameterJdbcTemplate jdbc, UnitRepository units) {
        this.jdbc = jdbc;
        this.units = units;
    }

    /** A person with a unit. */
    public record Person(String userId, String name, Unit unit) {
    }

    /** The persons (members of a unit) among {@code userIds}, by id. */
    public Map<String, Person> find(Collection<String> userIds) {
        Set<String> ids = new HashSet<>(userIds);
        ids.remove(null);
        Map<String, Long> unitOf = new HashMap<>();
        Map<String, String> nameOf = new HashMap<>();
        for (List<String> part : cn.xueshi.system.InLists.parts(ids)) {
            jdbc.query("""
                    SELECT p.user_id, p.unit_id, u.LAST_, u.FIRST_ FROM xs_person p
                    LEFT JOIN ACT_ID_USER u ON u.ID_ = p.user_id WHERE p.user_id IN (:ids)""",
                    Map.of("ids", part), rs -> {
                        String id = rs.getString(1);
                        unitOf.put(id, rs.getLong(2));
                        String name = ((rs.getString(3) == null ? "" : rs.getString(3))
                                + (rs.getString(4) == null ? "" : rs.getString(4))).trim();
                        nameOf.put(id, name.isEmpty() ? id : name);
                    });
        }
        Map<Long, Unit> byId = units.findAllById(new HashSet<>(unitOf.values())).stream()
                .collect(Collectors.toMap(Unit::getId, Function.identity()));
        Map<String, Person> found = new HashMap<>();
        unitOf.forEach((id, unitId) -> Optional.ofNullable(byId.get(unitId))
                .ifPresent(u -> found.put(id, new Person(id, nameOf.get(id), u))));
        return found;
    }

    /** The members of one unit, with names. */
    public List<Person> membersOf(long unitId) {
        List<String> ids = jdbc.queryForList("SELECT user_id FROM xs_person WHERE unit_id = :u ORDER BY user_id",
                Map.of("u", unitId), String.class);
        Map<String, Person> found = find(ids);
        return ids.stream().map(found::get).filter(java.util.Objects::nonNull).toList();
    }
}
