package cn.xueshi.claim;

import cn.xueshi.rules.RecognitionResult;
import cn.xueshi.rules.RecognitionService;
import cn.xueshi.rules.Requirement;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * A year's progress from the claims that count (approved), through the recognition service so
 * annual caps, full-year credits and the aggregation rule apply across claims. A claim whose hours
 * a reviewer adjusted counts with the adjusted hours: the adjustment is the unit's final word on it.
 * A year a person spent in more than one unit is computed as {@link YearMemberships} says (the
 * transfer-year-policy table): claims stay with the unit that reviewed them.
 */
@Service
public class ProgressService {

    private static final List<ClaimStatus> COUNTING = Arrays.stream(ClaimStatus.values()).filter(ClaimStatus::counts)
            .toList();

    private final ClaimRepository claims;
    private final ItemParameters parameters;
    private final RecognitionService recognition;
    private final HardshipAdjustments hardship;
    private final YearMemberships memberships;

    ProgressService(ClaimRepository claims, ItemParameters parameters, RecognitionService recognition,
            HardshipAdjustments hardship, YearMemberships memberships) {
        this.hardship = hardship;
        this.claims = claims;
        this.parameters = parameters;
        this.recognition = recognition;
        this.memberships = memberships;
    }

    /** The requirement less an approved reduction, never below zero. */
    public static Requirement lowered(Requirement base, HardshipAdjustments.Reduction reduction) {
        if (!reduction.any()) {
            return base;
        }
        BigDecimal pub = base.publicMin().subtract(reduction.publicHours()).max(BigDecimal.ZERO);
        BigDecimal prof = base.professionalMin().subtract(reduction.professionalHours()).max(BigDecimal.ZERO);
        BigDecimal total = base.total().subtract(reduction.total()).max(BigDecimal.ZERO);
        return new Requirement(total, pub, prof);
    }

    /** The year by one given rule set, every counting claim priced by it (a unit's own view of a year). */
    public Optional<YearProgress> of(String claimant, int year, String ruleSet) {
        if (ruleSet == null) {
            return Optional.empty();
        }
        List<Claim> counted = claims.countingFor(claimant, year, COUNTING);
        return compute(claimant, year, ruleSet, Map.of(ruleSet, counted), BigDecimal.ZERO, BigDecimal.ZERO, null,
                counted.size());
    }

    /**
     * The person's year view: the rule set of their membership for that year (past years by membership history,
     * not the current unit), a year across units split as the transfer-year-policy table says. Empty when no rule
     * set is in force.
     */
    public Optional<YearProgress> ofPerson(String claimant, int year) {
        return memberships.of(claimant, year).flatMap(b -> ofPerson(claimant, b, COUNTING));
    }

    /** The rule set the person's year is judged by (their year-end unit's for that year), if one is in force. */
    public Optional<String> ruleSetOf(String claimant, int year) {
        return memberships.ruleSetOf(claimant, year);
    }

    /**
     * The year as it would stand if the claims in {@code statuses} counted too, with the same caps and rule sets
     * as the year view (差额预估: what pending claims would add if approved as they stand).
     */
    public Optional<YearProgress> ofPersonCounting(String claimant, int year, Collection<ClaimStatus> statuses) {
        List<ClaimStatus> all = new ArrayList<>(COUNTING);
        statuses.stream().filter(s -> !all.contains(s)).forEach(all::add);
        return memberships.of(claimant, year).flatMap(b -> ofPerson(claimant, b, all));
    }

    /**
     * A member's year as one unit sees it for its year summary and filing; each unit sees only its own member's
     * period. {@code leftOn}: the move date when the person left this unit during the year (the progress then holds
     * only the claims this unit registered, by its own rule set); {@code joinedOn}: the move date when they came to it
     * during the year (the progress is their year view, the earlier unit's hours marked as carried over).
     */
    public record UnitYear(YearProgress progress, java.time.LocalDate joinedOn, java.time.LocalDate leftOn) {

        public boolean movedOut() {
            return leftOn != null;
        }
    }

    /** The member's year for {@code unitId}; empty when they were not a member that year or no rule set applies. */
    public Optional<UnitYear> forUnit(String claimant, int year, long unitId) {
        Optional<YearMemberships.YearBasis> found = memberships.of(claimant, year);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        YearMemberships.YearBasis basis = found.get();
        Optional<YearMemberships.Period> period = basis.periodOf(unitId);
        if (basis.yearEndUnit().getId() == unitId) {
            java.time.LocalDate joined = basis.moved() ? period.map(YearMemberships.Period::from).orElse(null) : null;
            return ofPerson(claimant, basis, COUNTING).map(p -> new UnitYear(p, joined, null));
        }
        if (period.isEmpty() || period.get().ruleSet() == null) {
            return Optional.empty();
        }
        List<Claim> own = claims.countingFor(claimant, year, COUNTING).stream()
                .filter(c -> c.getUnitId() != null && c.getUnitId() == unitId).toList();
        String ruleSet = period.get().ruleSet();
        return compute(claimant, year, ruleSet, Map.of(ruleSet, own), BigDecimal.ZERO, BigDecimal.ZERO, basis.split(),
                own.size()).map(p -> new UnitYear(p, null, period.get().to().plusDays(1)));
    }

    private Optional<YearProgress> ofPerson(String claimant, YearMemberships.YearBasis basis,
            Collection<ClaimStatus> statuses) {
        int year = basis.year();
        List<Claim> counted = claims.countingFor(claimant, year, statuses);
        Map<String, List<Claim>> byRuleSet = new LinkedHashMap<>();
        byRuleSet.put(basis.ruleSet(), new ArrayList<>());
        BigDecimal carriedPub = BigDecimal.ZERO;
        BigDecimal carriedProf = BigDecimal.ZERO;
        List<Claim> carried = new ArrayList<>();
        for (Claim c : counted) {
            boolean yearEndUnit = c.getUnitId() == null || c.getUnitId().equals(basis.yearEndUnit().getId())
                    || basis.periodOf(c.getUnitId()).isEmpty();
            if (yearEndUnit) {
                byRuleSet.get(basis.ruleSet()).add(c);
                continue;
            }
            // a claim an earlier unit of the year registered: marked as carried over (转入) whichever reading applies
            carriedPub = carriedPub.add(approvedOrProposed(c.getApprovedPublic(), c.getProposedPublic()));
            carriedProf = carriedProf.add(approvedOrProposed(c.getApprovedProfessional(), c.getProposedProfessional()));
            String periodRuleSet = basis.periodOf(c.getUnitId()).map(YearMemberships.Period::ruleSet).orElse(null);
            if (basis.split() == YearMemberships.Split.PERIOD && periodRuleSet != null) {
                byRuleSet.computeIfAbsent(periodRuleSet, k -> new ArrayList<>()).add(c);
            } else if (basis.split() == YearMemberships.Split.YEAR_END && basis.ruleSet().equals(periodRuleSet)) {
                // the same rules on both sides of the move: one year, caps across it, nothing to re-price
                byRuleSet.get(basis.ruleSet()).add(c);
            } else {
                carried.add(c);
            }
        }
        BigDecimal fixedPub = BigDecimal.ZERO;
        BigDecimal fixedProf = BigDecimal.ZERO;
        for (Claim c : carried) {
            fixedPub = fixedPub.add(approvedOrProposed(c.getApprovedPublic(), c.getProposedPublic()));
            fixedProf = fixedProf.add(approvedOrProposed(c.getApprovedProfessional(), c.getProposedProfessional()));
        }
        Optional<YearProgress> p = compute(claimant, year, basis.ruleSet(), byRuleSet, fixedPub, fixedProf,
                basis.moved() ? basis.split() : null, counted.size());
        BigDecimal cPub = carriedPub;
        BigDecimal cProf = carriedProf;
        return p.map(y -> new YearProgress(y.year(), y.ruleSet(), y.publicHours(), y.professionalHours(),
                y.totalHours(), y.requirement(), y.compliant(), y.claimsCounted(), y.reduced(), cPub, cProf, y.split()));
    }

    /**
     * Prices each group of claims by its rule set (caps and aggregation within the group), adds the fixed hours, and
     * judges the sum against the requirement of {@code ruleSet} less the year's reduction.
     */
    private Optional<YearProgress> compute(String claimant, int year, String ruleSet, Map<String, List<Claim>> groups,
            BigDecimal fixedPublic, BigDecimal fixedProfessional, YearMemberships.Split split, int claimsCounted) {
        BigDecimal pub = fixedPublic;
        BigDecimal prof = fixedProfessional;
        Requirement base = null;
        for (Map.Entry<String, List<Claim>> group : groups.entrySet()) {
            List<RecognitionService.DatedItems> items = new ArrayList<>();
            for (Claim c : group.getValue()) {
                if (c.isAdjusted()) {
                    pub = pub.add(c.getApprovedPublic());
                    prof = prof.add(c.getApprovedProfessional());
                } else {
                    // priced again by the version that priced the claim (its set on its date), not by a newer one
                    items.add(new RecognitionService.DatedItems(c.getRuleSet(), c.pricingDate(),
                            parameters.requestItems(c)));
                }
            }
            RecognitionResult r;
            try {
                r = recognition.evaluateYear(group.getKey(), year, items);
            } catch (cn.xueshi.rules.RecognitionException e) {
                return Optional.empty();
            }
            pub = pub.add(r.publicHours());
            prof = prof.add(r.professionalHours());
            if (group.getKey().equals(ruleSet)) {
                base = r.requirement();
            }
        }
        if (base == null) {
            return Optional.empty();
        }
        BigDecimal total = pub.add(prof);
        HardshipAdjustments.Reduction reduction = hardship.reduction(claimant, year);
        Requirement required = lowered(base, reduction);
        boolean compliant = total.compareTo(required.total()) >= 0
                && pub.compareTo(required.publicMin()) >= 0
                && prof.compareTo(required.professionalMin()) >= 0;
        return Optional.of(new YearProgress(year, ruleSet, pub, prof, total, required, compliant,
                claimsCounted, reduction.total(), BigDecimal.ZERO, BigDecimal.ZERO, split));
    }

    private static BigDecimal approvedOrProposed(BigDecimal approved, BigDecimal proposed) {
        return approved != null ? approved : proposed == null ? BigDecimal.ZERO : proposed;
    }
}
