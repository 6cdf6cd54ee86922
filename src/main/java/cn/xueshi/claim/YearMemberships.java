package cn.xueshi.claim;

import cn.xueshi.identity.Directory;
import cn.xueshi.identity.Unit;
import cn.xueshi.identity.UnitRepository;
import cn.xueshi.rules.RecognitionService;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The units a person belonged to during a year (membership history, xs_membership) and the rule set that year is
 * judged by: the rule set in force at the unit they belong to on 31 December. Past years follow the history, not the
 * current unit, so a person who moved from Jilin to Anhui keeps Jilin's rules for the years spent in Jilin. For a
 * year split across units, {@code dmn/transfer-year-policy.dmn} says how it is computed ({@link Split}).
 */
@Service
public class YearMemberships {

    /**
     * YEAR_END: the year-end unit's rule set for the whole year, the earlier units' registered hours carried over as
     * registered; PERIOD (Anhui art. 14 ¶3): each period's claims priced by the rule set of that period's unit, the
     * requirement the year-end unit's.
     */
    public enum Split { YEAR_END, PERIOD }

    /** One membership within the year, its dates clipped to the year; ruleSet null: none in force at that unit. */
    public record Period(Unit unit, LocalDate from, LocalDate to, String ruleSet) {
    }

    /**
     * The year of a person: the unit on 31 December, its rule set, how a split year is computed (and the clause), and
     * every membership period within the year, the earliest first.
     */
    public record YearBasis(int year, Unit yearEndUnit, String ruleSet, Split split, String clause,
            List<Period> periods) {

        /** Whether the person belonged to more than one unit in the year. */
        public boolean moved() {
            return periods.stream().map(p -> p.unit().getId()).distinct().count() > 1;
        }

        /** The period of a unit in this year (the last one, if the person was there twice), if any. */
        public Optional<Period> periodOf(Long unitId) {
            Period found = null;
            for (Period p : periods) {
                if (p.unit().getId().equals(unitId)) {
                    found = p;
                }
            }
            return Optional.ofNullable(found);
        }
    }

    private final Directory directory;
    private final UnitRepository units;
    private final RecognitionService recognition;
    private final TransferYearPolicy policy;

    YearMemberships(Directory directory, UnitRepository units, RecognitionService recognition,
            TransferYearPolicy policy) {
        this.directory = directory;
        this.units = units;
        this.recognition = recognition;
        this.policy = policy;
    }

    /** The person's year; empty without any unit or when no rule set is in force at the year-end unit. */
    public Optional<YearBasis> of(String userId, int year) {
        LocalDate first = LocalDate.of(year, 1, 1);
        LocalDate last = LocalDate.of(year, 12, 31);
        List<Period> periods = new ArrayList<>();
        for (Directory.Membership m : directory.memberships(userId)) {
            boolean overlaps = (m.from() == null || !m.from().isAfter(last)) && (m.to() == null || !m.to().isBefore(first));
            if (!overlaps) {
                continue;
            }
            Optional<Unit> unit = units.findById(m.unitId());
            if (unit.isEmpty()) {
                continue;
            }
            LocalDate from = m.from() == null || m.from().isBefore(first) ? first : m.from();
            LocalDate to = m.to() == null || m.to().isAfter(last) ? last : m.to();
            periods.add(new Period(unit.get(), from, to, recognition.ruleSetFor(unit.get(), year).orElse(null)));
        }
        if (periods.isEmpty()) {
            // a year outside the history (a future application year, a person set up without one): the current unit
            Optional<Unit> now = directory.unitOf(userId);
            if (now.isEmpty()) {
                return Optional.empty();
            }
            periods.add(new Period(now.get(), first, last, recognition.ruleSetFor(now.get(), year).orElse(null)));
        }
        Period yearEnd = periods.get(periods.size() - 1);
        if (yearEnd.ruleSet() == null) {
            return Optional.empty();
        }
        YearBasis plain = new YearBasis(year, yearEnd.unit(), yearEnd.ruleSet(), Split.YEAR_END, null, periods);
        if (!plain.moved()) {
            return Optional.of(plain);
        }
        TransferYearPolicy.Policy p = policy.of(yearEnd.ruleSet());
        return Optional.of(new YearBasis(year, yearEnd.unit(), yearEnd.ruleSet(), p.split(), p.clause(), periods));
    }

    /** The rule set the person's year is judged by (the year-end unit's), if one is in force. */
    public Optional<String> ruleSetOf(String userId, int year) {
        return of(userId, year).map(YearBasis::ruleSet);
    }
}
