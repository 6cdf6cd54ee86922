package cn.xueshi.title;

import cn.xueshi.identity.CurrentUser;
import cn.xueshi.identity.CurrentUserService;
import cn.xueshi.identity.Unit;
import cn.xueshi.rules.Requirement;
import java.math.BigDecimal;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * GET /api/v1/people/{userId}/title-application?year=Y (shared/rules/API.md): the title-application check. Beyond
 * the shape: {@code titleYear} (取得现职称年份, overrides the stored one), {@code years} (the years a NAMED
 * application names), and the verdict, window basis, aggregation and clause in the answer. Scoped like the
 * documents: the person, their unit's reviewers, the overseeing bureau; 404 for anyone else.
 */
@RestController
class TitleApiController {

    /** The API's own shape (field names are the contract; the page reads {@link TitleApplication}). */
    record Answer(String userId, int year, String ruleSet, List<Integer> window, List<YearAnswer> years,
            BigDecimal windowPublic, BigDecimal windowProfessional, BigDecimal windowTotal, BigDecimal windowRequired,
            Requirement windowRequirement, String windowBasis, String aggregation, String basis, Integer titleYear,
            String verdict, boolean compliant) {
    }

    record YearAnswer(int year, String ruleSet, BigDecimal publicHours, BigDecimal professionalHours,
            BigDecimal totalHours, Requirement requirement, boolean reduced, boolean compliant) {
    }

    private final TitleCheck check;
    private final TitleAccess access;
    private final CurrentUserService currentUsers;

    TitleApiController(TitleCheck check, TitleAccess access, CurrentUserService currentUsers) {
        this.check = check;
        this.access = access;
        this.currentUsers = currentUsers;
    }

    @GetMapping(path = "/api/v1/people/{userId}/title-application", produces = MediaType.APPLICATION_JSON_VALUE)
    Answer titleApplication(@PathVariable String userId, @RequestParam int year,
            @RequestParam(required = false) Integer titleYear,
            @RequestParam(name = "years", required = false) List<Integer> years) {
        CurrentUser me = currentUsers.current();
        Unit unit = access.unitOf(userId, me);
        TitleApplication t = check.check(userId, unit, year, titleYear, years);
        List<YearAnswer> rows = t.years().stream().map(y -> new YearAnswer(y.year(), y.ruleSet(), y.publicHours(),
                y.professionalHours(), y.totalHours(), y.requirement(), y.reduced(), y.compliant())).toList();
        return new Answer(t.userId(), t.year(), t.ruleSet(), t.window(), rows, t.windowPublic(),
                t.windowProfessional(), t.windowTotal(), t.windowRequired(), t.windowRequirement(), t.basis().name(),
                t.aggregation().name(), t.clause(), t.titleYear(), t.verdict().name(), t.compliant());
    }
}
