package cn.xueshi.dashboard;

import cn.xueshi.clock.BusinessClock;
import cn.xueshi.identity.PersonUnitChanged;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A person who joins, leaves or moves between units (人员流动, {@link PersonUnitChanged}) changes the headcount of
 * both units and, for every year they have figures, which unit their hours count for (xs_rollup_person follows the
 * current unit). Writes a dirty mark per such year, with the unit left, in the transaction of the move; the fold
 * recounts the person-years; the person's headcount part ({@link RollupParts}) moves them from the unit left (its id
 * is kept on the mark, xs_rollup_dirty.unit_id, for the record) to the unit joined.
 */
@Component
class PersonMoves {

    private final JdbcTemplate jdbc;
    private final BusinessClock clock;

    PersonMoves(JdbcTemplate jdbc, BusinessClock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @EventListener
    void moved(PersonUnitChanged change) {
        if (change.fromUnit() != null && change.fromUnit() == change.toUnit()) {
            return;
        }
        Set<Integer> years = new TreeSet<>(jdbc.queryForList("SELECT yr FROM xs_rollup_person WHERE user_id = ?"
                + " UNION SELECT COALESCE(makeup_for_year, claim_year) FROM xs_claim WHERE claimant = ?"
                + " UNION SELECT request_year FROM xs_makeup_request WHERE claimant = ?", Integer.class,
                change.userId(), change.userId(), change.userId()));
        years.add(clock.today().getYear());
        List<Object[]> marks = years.stream().map(y -> new Object[] {change.userId(), y, change.fromUnit()}).toList();
        jdbc.batchUpdate("INSERT INTO xs_rollup_dirty (user_id, yr, unit_id) VALUES (?, ?, ?)", marks,
                new int[] {java.sql.Types.VARCHAR, java.sql.Types.INTEGER, java.sql.Types.BIGINT});
    }
}
