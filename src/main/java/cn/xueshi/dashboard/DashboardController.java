package cn.xueshi.dashboard;

import cn.xueshi.clock.BusinessClock;
import cn.xueshi.dashboard.ComplianceQueries.HoursByType;
import cn.xueshi.dashboard.ClaimFlowQueries.Week;
import cn.xueshi.identity.CurrentUser;
import cn.xueshi.identity.CurrentUserService;
import cn.xueshi.identity.Jurisdiction;
import cn.xueshi.identity.JurisdictionRepository;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** 监督看板 pages: the overview with filters, a unit's people, a person's claims, and the .xlsx exports. */
@Controller
class DashboardController {

    static final String OVERVIEW_VIEW = "dashboard/overview";
    static final String UNIT_VIEW = "dashboard/unit";
    static final String PERSON_VIEW = "dashboard/person";
    static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final DashboardService dashboards;
    private final CurrentUserService currentUsers;
    private final JurisdictionRepository jurisdictions;
    private final DashboardLabels labels;
    private final DashboardWorkbook workbook;
    private final ObjectMapper json;
    private final BusinessClock clock;
    private final cn.xueshi.task.TaskListProperties pageLimits;
    /** The 各单位 search field's longest fragment (xueshi.limits.max-search-length). */
    private final int maxSearchLength;

    DashboardController(DashboardService dashboards, CurrentUserService currentUsers,
            JurisdictionRepository jurisdictions, DashboardLabels labels, DashboardWorkbook workbook, ObjectMapper json,
            BusinessClock clock, cn.xueshi.task.TaskListProperties pageLimits,
            cn.xueshi.system.RequestLimits requestLimits) {
        this.pageLimits = pageLimits;
        this.maxSearchLength = requestLimits.maxSearchLength();
        this.dashboards = dashboards;
        this.currentUsers = currentUsers;
        this.jurisdictions = jurisdictions;
        this.labels = labels;
        this.workbook = workbook;
        this.json = json;
        this.clock = clock;
    }

    /** Milliseconds as hours with one decimal, for tables and exports. */
    static BigDecimal hours(double millis) {
        return BigDecimal.valueOf(millis / 3_600_000.0).setScale(1, RoundingMode.HALF_UP);
    }

    private int yearOr(Integer year) {
        return year != null ? year : clock.year();
    }

    @GetMapping("/dashboard")
    String overview(@RequestParam(required = false) Integer year, @RequestParam(required = false) String jurisdiction,
            @RequestParam(required = false) Long unit, @RequestParam(required = false) String q,
            @RequestParam(required = false) String sort, @RequestParam(required = false) String page,
            @RequestParam(required = false) String size, Model model, Locale locale) throws JsonProcessingException {
        CurrentUser me = currentUsers.current();
        DashboardScope scope = dashboards.scope(me, yearOr(year), jurisdiction, unit);
        // while the rollups are rebuilt the page keeps its filters and says so, with no figures (they would be wrong)
        boolean rebuilding = dashboards.rebuilding();
        model.addAttribute("rebuilding", rebuilding);
        Overview o = rebuilding ? null : dashboards.overview(scope);
        model.addAttribute("o", o);
        UnitTable table = UnitTable.of(o == null ? List.of() : o.units(), q, sort, page, size, pageLimits, maxSearchLength);
        model.addAttribute("units", table);
        model.addAttribute("pageRequest", table.request());
        model.addAttribute("maxPageSize", pageLimits.maxPageSize());
        model.addAttribute("year", scope.year());
        model.addAttribute("jurisdiction", jurisdiction == null ? "" : jurisdiction);
        model.addAttribute("unit", unit);
        // one read of the jurisdictions for both: the filter's choices and the table's names
        List<Jurisdiction> all = jurisdictions.findAllByOrderByCode();
        model.addAttribute("jurisdictionChoices", jurisdictionNames(all,
                DashboardService.choosable(me, all.stream().map(Jurisdiction::getCode).toList()), locale));
        model.addAttribute("jurisdictionNames", jurisdictionNames(all, null, locale));
        // a province's thousands of units make no drop-down: then the table's search finds a unit
        List<Map<String, Object>> choices = dashboards.unitChoices(scope);
        model.addAttribute("unitChoices", choices.size() > dashboards.unitChoicesMax() ? List.of() : choices);
        model.addAttribute("unitChoicesTooMany", choices.size() > dashboards.unitChoicesMax());
        model.addAttribute("years", years());
        if (o == null) {
            return OVERVIEW_VIEW;
        }
        model.addAttribute("stepNames", stepNames(o, locale));
        model.addAttribute("typeNames", labels.activityTypes(locale));
        model.addAttribute("statesChart", json.writeValueAsString(statesChart(o, locale)));
        model.addAttribute("throughputChart", json.writeValueAsString(throughputChart(o, locale)));
        model.addAttribute("hoursChart", json.writeValueAsString(hoursChart(o, locale)));
        model.addAttribute("cockpit", me.isIn(cn.xueshi.identity.Groups.ADMIN));
        return OVERVIEW_VIEW;
    }

    @GetMapping("/dashboard/export.xlsx")
    ResponseEntity<byte[]> export(@RequestParam(required = false) Integer year,
            @RequestParam(required = false) String jurisdiction, @RequestParam(required = false) Long unit, Locale locale)
            throws IOException {
        DashboardScope scope = dashboards.scope(currentUsers.current(), yearOr(year), jurisdiction, unit);
        if (dashboards.rebuilding()) {
            return rebuilding(locale);
        }
        return xlsx("dashboard-" + scope.year() + ".xlsx",
                workbook.overview(dashboards.overview(scope),
                        jurisdictionNames(jurisdictions.findAllByOrderByCode(), null, locale), locale));
    }

    @GetMapping("/dashboard/units/{unitId}")
    String unit(@PathVariable long unitId, @RequestParam(required = false) Integer year, Model model) {
        DashboardService.UnitScope scope = dashboards.unitScope(currentUsers.current(), yearOr(year), unitId);
        model.addAttribute("unit", scope.unit());
        model.addAttribute("year", scope.scope().year());
        boolean rebuilding = dashboards.rebuilding();
        model.addAttribute("rebuilding", rebuilding);
        model.addAttribute("people", rebuilding ? List.of() : dashboards.people(scope));
        return UNIT_VIEW;
    }

    @GetMapping("/dashboard/units/{unitId}/export.xlsx")
    ResponseEntity<byte[]> exportUnit(@PathVariable long unitId, @RequestParam(required = false) Integer year,
            Locale locale) throws IOException {
        DashboardService.UnitScope scope = dashboards.unitScope(currentUsers.current(), yearOr(year), unitId);
        if (dashboards.rebuilding()) {
            return rebuilding(locale);
        }
        return xlsx("dashboard-unit-" + unitId + "-" + scope.scope().year() + ".xlsx",
                workbook.people(dashboards.people(scope), locale));
    }

    @GetMapping("/dashboard/units/{unitId}/people/{userId}")
    String person(@PathVariable long unitId, @PathVariable String userId, @RequestParam(required = false) Integer year,
            Model model) {
        DashboardService.UnitScope scope = dashboards.unitScope(currentUsers.current(), yearOr(year), unitId);
        model.addAttribute("claims", dashboards.claimsOf(scope.scope(), userId));
        model.addAttribute("unit", scope.unit());
        model.addAttribute("year", scope.scope().year());
        model.addAttribute("person", dashboards.displayName(userId));
        return PERSON_VIEW;
    }

    /** An export asked for while the rollups are rebuilt: 503 (try again later) with the reason in the viewer's language. */
    private ResponseEntity<byte[]> rebuilding(Locale locale) {
        return ResponseEntity.status(org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE)
                .contentType(new MediaType(MediaType.TEXT_PLAIN, java.nio.charset.StandardCharsets.UTF_8))
                .body(labels.text("dashboard.rebuilding.export", locale).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static ResponseEntity<byte[]> xlsx(String fileName, byte[] body) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(fileName).build().toString())
                .contentType(XLSX).body(body);
    }

    private List<Integer> years() {
        int now = clock.year();
        return List.of(now, now - 1, now - 2, now - 3);
    }

    /** Names of the given jurisdiction codes (all when null) of {@code all}, in the viewer's language. */
    private static Map<String, String> jurisdictionNames(List<Jurisdiction> all, List<String> codes, Locale locale) {
        Map<String, String> names = new LinkedHashMap<>();
        for (Jurisdiction j : all) {
            if (codes == null || codes.contains(j.getCode())) {
                names.put(j.getCode(), j.name(locale));
            }
        }
        return names;
    }

    private Map<String, String> stepNames(Overview o, Locale locale) {
        Map<String, String> names = new LinkedHashMap<>();
        o.backlog().forEach(b -> names.put(b.taskKey(), labels.step(b.taskKey(), locale)));
        o.stepTimes().forEach(t -> names.put(t.taskKey(), labels.step(t.taskKey(), locale)));
        return names;
    }

    private Map<String, Object> statesChart(Overview o, Locale locale) {
        return Map.of("type", "bar",
                "labels", o.claimsByState().keySet().stream().map(s -> labels.state(s, locale)).toList(),
                "datasets", List.of(Map.of("label", labels.text("dashboard.col.count", locale),
                        "data", List.copyOf(o.claimsByState().values()))));
    }

    private Map<String, Object> throughputChart(Overview o, Locale locale) {
        List<Week> weeks = o.throughput();
        return Map.of("type", "line",
                "labels", weeks.stream().map(w -> w.monday().toString()).toList(),
                "datasets", List.of(
                        Map.of("label", labels.text("dashboard.col.submitted", locale),
                                "data", weeks.stream().map(Week::submitted).toList()),
                        Map.of("label", labels.text("dashboard.col.registered", locale),
                                "data", weeks.stream().map(Week::registered).toList())));
    }

    private Map<String, Object> hoursChart(Overview o, Locale locale) {
        Map<String, String> names = labels.activityTypes(locale);
        List<HoursByType> rows = o.hoursByType();
        return Map.of("type", "bar", "stacked", true,
                "labels", rows.stream().map(h -> names.getOrDefault(h.activityType(), h.activityType())).toList(),
                "datasets", List.of(
                        Map.of("label", labels.text("dashboard.col.public", locale),
                                "data", rows.stream().map(HoursByType::publicHours).toList()),
                        Map.of("label", labels.text("dashboard.col.professional", locale),
                                "data", rows.stream().map(HoursByType::professionalHours).toList())));
    }
}
