package cn.xueshi.forecast;

import cn.xueshi.claim.ClaimRepository;
import cn.xueshi.claim.ClaimStatus;
import cn.xueshi.claim.ProgressService;
import cn.xueshi.claim.YearProgress;
import cn.xueshi.clock.BusinessClock;
import cn.xueshi.identity.CurrentUser;
import cn.xueshi.identity.Directory;
import cn.xueshi.identity.Unit;
import cn.xueshi.title.TitleApplication;
import cn.xueshi.title.TitleCheck;
import cn.xueshi.title.TitleProof;
import cn.xueshi.title.TitleProofRepository;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * 差额预估. The current year's missing hours are the year view's (the title check's year, which is
 * {@code ProgressService}'s figure): requirement after reductions less registered hours, per subject and in total.
 * What pending claims would add is the year view computed with them counted, less the year view without them: the
 * same rule sets, annual caps and cap groups, so 40 pending hours of a group capped at 30 with 20 registered add 10.
 * The next application year is the latest year a proof was requested for that is not past, else the current year.
 */
@Component("forecasts")
public class Forecasts {

    private static final Set<ClaimStatus> PENDING = EnumSet.of(ClaimStatus.SUBMITTED, ClaimStatus.IN_REVIEW,
            ClaimStatus.RETURNED, ClaimStatus.APPROVED, ClaimStatus.IN_PUBLICITY);

    private final TitleCheck check;
    private final ProgressService progress;
    private final ClaimRepository claims;
    private final TitleProofRepository proofs;
    private final Directory directory;
    private final BusinessClock clock;
    private final MonthDay yearEnd;

    Forecasts(TitleCheck check, ProgressService progress, ClaimRepository claims, TitleProofRepository proofs, Directory directory,
            BusinessClock clock, ForecastProperties properties) {
        this.check = check;
        this.progress = progress;
        this.claims = claims;
        this.proofs = proofs;
        this.directory = directory;
        this.clock = clock;
        this.yearEnd = MonthDay.parse("--" + properties.yearEnd());
    }

    /** The signed-in person's forecast (home page); empty without a unit. */
    public Optional<Forecast> mine(CurrentUser me) {
        return me.unit().map(u -> of(me.userId(), u));
    }

    Forecast of(String userId, Unit unit) {
        LocalDate today = clock.today();
        int year = today.getYear();
        TitleApplication now = check.check(userId, unit, year, null, List.of());
        TitleApplication.Year y = now.years().get(now.years().size() - 1);
        BigDecimal missingPub = BigDecimal.ZERO;
        BigDecimal missingProf = BigDecimal.ZERO;
        BigDecimal missingTotal = BigDecimal.ZERO;
        if (y.covered()) {
            missingPub = y.requirement().publicMin().subtract(y.publicHours()).max(BigDecimal.ZERO);
            missingProf = y.requirement().professionalMin().subtract(y.professionalHours()).max(BigDecimal.ZERO);
            missingTotal = y.requirement().total().subtract(y.totalHours()).max(BigDecimal.ZERO);
        }
        BigDecimal pendingPub = BigDecimal.ZERO;
        BigDecimal pendingProf = BigDecimal.ZERO;
        int pending = (int) claims.findByClaimantOrderBySubmittedAtDesc(userId).stream()
                .filter(c -> (c.getMakeupForYear() != null ? c.getMakeupForYear() : c.getYear()) == year)
                .filter(c -> PENDING.contains(c.getStatus())).count();
        if (pending > 0 && y.covered()) {
            Optional<YearProgress> registered = progress.ofPerson(userId, year);
            Optional<YearProgress> ifApproved = progress.ofPersonCounting(userId, year, PENDING);
            if (registered.isPresent() && ifApproved.isPresent()) {
                pendingPub = ifApproved.get().publicHours().subtract(registered.get().publicHours()).max(BigDecimal.ZERO);
                pendingProf = ifApproved.get().professionalHours().subtract(registered.get().professionalHours())
                        .max(BigDecimal.ZERO);
            }
        }
        LocalDate end = yearEnd.atYear(year);
        long daysLeft = Math.max(0, ChronoUnit.DAYS.between(today, end));
        int applicationYear = proofs.findByClaimantOrderByRequestedAtDesc(userId).stream()
                .filter(p -> p.getStatus() != TitleProof.Status.REFUSED).map(TitleProof::getYear)
                .filter(py -> py >= year).max(Integer::compare).orElse(year);
        TitleApplication application = applicationYear == year ? now
                : check.check(userId, unit, applicationYear, null, List.of());
        return new Forecast(userId, directory.displayName(userId), year, Forecast.plain(missingPub),
                Forecast.plain(missingProf), Forecast.plain(missingTotal), Forecast.plain(pendingPub),
                Forecast.plain(pendingProf), pending, daysLeft, applicationYear, application);
    }

    /** Every member of the unit, the largest shortfall first (then by name). */
    List<Forecast> unit(Unit unit) {
        List<Forecast> rows = new ArrayList<>();
        for (String member : directory.membersOf(unit.getId())) {
            rows.add(of(member, unit));
        }
        rows.sort(Comparator.comparing(Forecast::missingTotal).reversed().thenComparing(Forecast::name));
        return rows;
    }

}
