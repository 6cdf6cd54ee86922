package cn.xueshi.identity;

import cn.xueshi.paging.ListPage;

import cn.xueshi.paging.PageRequest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * /people/title-series: the members of a unit with their 职称系列, filtered and paged, each with a choice from the
 * configured series (青人社字〔2023〕14号 五 routes some series to an industry department's review). A unit's
 * reviewers manage its members, administrators anyone; others 403, a unit or person outside one's scope 404.
 */
@Controller
@RequestMapping("/people/title-series")
class TitleSeriesController {

    static final String VIEW = "identity/title-series";

    private final PersonTitleSeries titleSeries;
    private final CurrentUserService users;
    private final int pageSize;
    private final int maxPageSize;

    TitleSeriesController(PersonTitleSeries titleSeries, CurrentUserService users,
            @Value("${xueshi.task-list.page-size}") int pageSize,
            @Value("${xueshi.task-list.max-page-size}") int maxPageSize) {
        this.titleSeries = titleSeries;
        this.users = users;
        this.pageSize = pageSize;
        this.maxPageSize = maxPageSize;
    }

    @GetMapping
    String page(@RequestParam(name = "unit", required = false) String unit,
            @RequestParam(name = "q", required = false) String query,
            @RequestParam(name = "series", required = false) String series,
            @RequestParam(name = "page", required = false) String page,
            @RequestParam(name = "size", required = false) String size, Model model) {
        CurrentUser me = manager();
        List<Unit> units = titleSeries.unitsFor(me);
        model.addAttribute("units", units);
        model.addAttribute("choices", titleSeries.choices());
        model.addAttribute("maxPageSize", maxPageSize);
        model.addAttribute("maxQuery", titleSeries.maxSearchLength());
        if (units.isEmpty()) {
            return VIEW;
        }
        Unit chosen = unit == null || unit.isBlank() ? units.get(0) : titleSeries.unitFor(me, unitId(unit));
        PersonTitleSeries.CheckedFilter filter = titleSeries.check(query, series);
        PageRequest request = PageRequest.of(page, size, pageSize, maxPageSize);
        ListPage<PersonTitleSeries.Member> members = titleSeries.members(chosen, filter.filter(), request);
        model.addAttribute("unit", chosen);
        model.addAttribute("typedQuery", query);
        model.addAttribute("typedSeries", series);
        model.addAttribute("filterErrors", filter.errors());
        model.addAttribute("pageRequest", request);
        model.addAttribute("members", members);
        model.addAttribute("beyondLastPage", members.request().page() != request.page());
        Map<String, String> labels = new LinkedHashMap<>();
        titleSeries.choices().forEach(labels::put);
        model.addAttribute("labels", labels);
        model.addAttribute("previousHref", href(chosen, filter.filter(), members.request().page() - 1, request.size()));
        model.addAttribute("nextHref", href(chosen, filter.filter(), members.request().page() + 1, request.size()));
        return VIEW;
    }

    /**
     * Sets one person's series. {@code expected} is the series the form showed: when it no longer is the recorded
     * one (someone else changed it meanwhile) nothing is written and the page says so.
     */
    @PostMapping("/{userId}")
    String set(@PathVariable String userId, @RequestParam(name = "series", required = false) String series,
            @RequestParam(name = "expected", required = false) String expected,
            @RequestParam(name = "q", required = false) String query,
            @RequestParam(name = "filter", required = false) String filter,
            @RequestParam(name = "page", required = false) String page,
            @RequestParam(name = "size", required = false) String size, Model model, RedirectAttributes redirect) {
        CurrentUser me = manager();
        Unit unit = titleSeries.unitOfPerson(me, userId);
        String back = backTo(unit, query, filter, page, size);
        String code = series == null ? "" : series.trim();
        if (!titleSeries.choices().containsKey(code) && !code.isEmpty()) {
            model.addAttribute("rowError", userId);
            model.addAttribute("rowTyped", series);
            return page(String.valueOf(unit.getId()), query, filter, page, size, model);
        }
        if (expected != null && expected.length() > 40) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        try {
            boolean changed = titleSeries.set(me, userId, expected, code, PersonTitleSeries.PAGE);
            redirect.addFlashAttribute("message", !changed ? "directory.series.unchanged"
                    : code.isEmpty() ? "directory.series.cleared" : "directory.series.saved");
            redirect.addFlashAttribute("messageArgs", new Object[] {users.load(userId).displayName(),
                    code.isEmpty() ? "" : titleSeries.label(code)});
        } catch (PersonTitleSeries.ChangedMeanwhile e) {
            redirect.addFlashAttribute("conflict", "directory.series.changedMeanwhile");
            redirect.addFlashAttribute("messageArgs", new Object[] {users.load(userId).displayName(),
                    titleSeries.label(titleSeries.of(userId))});
        }
        return "redirect:" + back;
    }

    private CurrentUser manager() {
        CurrentUser me = users.current();
        if (!titleSeries.mayManage(me)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return me;
    }

    private static long unitId(String raw) {
        if (!raw.trim().matches("\\d{1,18}")) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return Long.parseLong(raw.trim());
    }

    private static String href(Unit unit, PersonTitleSeries.Filter filter, int page, int size) {
        UriComponentsBuilder b = UriComponentsBuilder.fromPath("/people/title-series").queryParam("unit", unit.getId());
        if (!filter.query().isEmpty()) {
            b.queryParam("q", filter.query());
        }
        if (!filter.series().isEmpty()) {
            b.queryParam("series", filter.series());
        }
        return b.queryParam("page", page).queryParam("size", size).encode().build().toUriString();
    }

    /** The list the person came from, its filters kept when they are sane (they are checked again there). */
    private static String backTo(Unit unit, String query, String filter, String page, String size) {
        UriComponentsBuilder b = UriComponentsBuilder.fromPath("/people/title-series").queryParam("unit", unit.getId());
        List<String[]> kept = new ArrayList<>();
        kept.add(new String[] {"q", query});
        kept.add(new String[] {"series", filter});
        kept.add(new String[] {"page", page});
        kept.add(new String[] {"size", size});
        for (String[] p : kept) {
            if (p[1] != null && !p[1].isBlank() && p[1].length() <= 100) {
                b.queryParam(p[0], p[1]);
            }
        }
        return b.encode().build().toUriString();
    }
}
