package cn.xueshi.title;

import cn.xueshi.claim.ProgressService;
import cn.xueshi.claim.YearProgress;
import cn.xueshi.identity.Directory;
import cn.xueshi.identity.Unit;
import cn.xueshi.rules.RecognitionService;
import cn.xueshi.rules.Requirement;
import cn.xueshi.system.RequestLimits;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.springframework.stereotype.Service;

/**
 * 职称申报学时核验. The window comes from the title-application-window table of the application year's rule
 * set; each year of it is the year view's own figure ({@link ProgressService}: approved hours through the
 * recognition service, make-ups counted for the year they make up, reductions lowering that year's
 * requirement), so the check always agrees with /claims for the same year.
 */
@Service
public class TitleCheck {

    private final ProgressService progress;
    private final RecognitionService recognition;
    private final WindowPolicy policies;
    private final TitleProfiles profiles;
    private final Directory directory;
    private final RequestLimits limits;
    private final TitleProperties properties;

    TitleCheck(ProgressService progress, RecognitionService recognition, WindowPolicy policies,
            TitleProfiles profiles, Directory directory, RequestLimits limits, TitleProperties properties) {
        this.progress = progress;
        this.recognition = recognition;
        this.policies = policies;
        this.profiles = profiles;
        this.directory = directory;
        this.limits = limits;
        this.properties = properties;
    }

    /**
     * The rule set {@code userId}'s {@code year} is judged by: that of their membership for the year (past years by
     * membership history, a year across units by its year-end unit), else the one in force at {@code unit} (a year
     * beyond the history). The ONE place this capability asks.
     */
    Optional<String> ruleSetOf(String userId, Unit unit, int year) {
        Optional<String> own = progress.ruleSetOf(userId, year);
        return own.isPresent() ? own : recognition.ruleSetFor(unit, year);
    }

    /**
     * The check of {@code userId} (a member of {@code unit}) applying in {@code year}.
     *
     * @param titleYear  取得现职称年份 stated in the application; null: the one stored on the person, if any
     * @param namedYears the years the application names (NAMED rule sets only); null or empty: the default window
     */
    public TitleApplication check(String userId, Unit unit, int year, Integer titleYear,
            Collection<Integer> namedYears) {
        if (!limits.yearAllowed(year)) {
            throw new TitleInputRejected("year", "title.error.year", limits.minYear(), limits.maxYear());
        }
        Integer since = titleYear != null ? titleYear : profiles.titleYear(userId).orElse(null);
        if (since != null && (since < limits.minYear() || since >= year)) {
            throw new TitleInputRejected("titleYear", "title.error.titleYear", limits.minYear(), year - 1);
        }
        String ruleSet = ruleSetOf(userId, unit, year).orElse(null);
        WindowPolicy.Policy policy = policies.of(ruleSet);
        boolean named = namedYears != null && !namedYears.isEmpty();
        List<Integer> window = named ? named(policy, year, namedYears) : rolling(policy, year, since);
        List<TitleApplication.Year> years = new ArrayList<>();
        for (int y : window) {
            years.add(year(userId, unit, y));
        }
        BigDecimal pub = BigDecimal.ZERO;
        BigDecimal prof = BigDecimal.ZERO;
        BigDecimal needTotal = BigDecimal.ZERO;
        BigDecimal needPub = BigDecimal.ZERO;
        BigDecimal needProf = BigDecimal.ZERO;
        boolean covered = true;
        boolean everyYear = true;
        for (TitleApplication.Year y : years) {
            pub = pub.add(y.publicHours());
            prof = prof.add(y.professionalHours());
            covered &= y.covered();
            everyYear &= y.compliant();
            if (y.covered()) {
                needTotal = needTotal.add(y.requirement().total());
                needPub = needPub.add(y.requirement().publicMin());
                needProf = needProf.add(y.requirement().professionalMin());
            }
        }
        BigDecimal total = pub.add(prof);
        boolean met = policy.aggregation() == WindowPolicy.Aggregation.EACH_YEAR ? everyYear
                : total.compareTo(needTotal) >= 0 && pub.compareTo(needPub) >= 0 && prof.compareTo(needProf) >= 0;
        TitleApplication.Verdict verdict = !covered ? TitleApplication.Verdict.NOT_COVERED
                : met ? TitleApplication.Verdict.COMPLIANT : TitleApplication.Verdict.NOT_COMPLIANT;
        return new TitleApplication(userId, directory.displayName(userId), unit.getId(), unit.getName(), year, ruleSet,
                policy.basis(), policy.aggregation(), policy.clause(), named ? null : since, named, window, years,
                plain(pub), plain(prof), plain(total), requirement(needTotal, needPub, needProf), verdict);
    }

    /**
     * ROLLING: the application year and the {@code windowYears − 1} before it; when the current title is more
     * recent, only the years after the year it was obtained (申报职称年限少于五年的按照实际年限).
     */
    static List<Integer> rolling(WindowPolicy.Policy policy, int year, Integer titleYear) {
        int from = year - policy.windowYears() + 1;
        if (titleYear != null) {
            from = Math.max(from, titleYear + 1);
        }
        List<Integer> window = new ArrayList<>();
        for (int y = from; y <= year; y++) {
            window.add(y);
        }
        return window;
    }

    /** NAMED: the years the application names, none after the application year nor beyond the configured span. */
    private List<Integer> named(WindowPolicy.Policy policy, int year, Collection<Integer> namedYears) {
        if (policy.basis() != WindowPolicy.Basis.NAMED) {
            throw new TitleInputRejected("years", "title.error.notNamed", policy.windowYears());
        }
        int earliest = year - properties.namedYearsSpan() + 1;
        TreeSet<Integer> sorted = new TreeSet<>();
        for (Integer y : namedYears) {
            if (y == null || y < earliest || y > year) {
                throw new TitleInputRejected("years", "title.error.namedYear", earliest, year);
            }
            sorted.add(y);
        }
        return List.copyOf(sorted);
    }

    private TitleApplication.Year year(String userId, Unit unit, int y) {
        // the year view's own figure, by the person's membership of that year (人员流动: each year its own rule set)
        Optional<YearProgress> p = progress.ofPerson(userId, y);
        if (p.isEmpty()) {
            return new TitleApplication.Year(y, null, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, null, false,
                    false, 0);
        }
        YearProgress yp = p.get();
        Requirement r = yp.requirement();
        return new TitleApplication.Year(y, yp.ruleSet(), plain(yp.publicHours()), plain(yp.professionalHours()),
                plain(yp.totalHours()), requirement(r.total(), r.publicMin(), r.professionalMin()), yp.compliant(),
                yp.isReduced(), yp.claimsCounted());
    }

    /** Hours as the forms print them: 90, 12.5 (no trailing zeros, never 9E+1). */
    static BigDecimal plain(BigDecimal hours) {
        BigDecimal s = hours.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    private static Requirement requirement(BigDecimal total, BigDecimal pub, BigDecimal prof) {
        return new Requirement(plain(total), plain(pub), plain(prof));
    }
}
