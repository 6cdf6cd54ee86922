package cn.xueshi.title;

import cn.xueshi.clock.BusinessClock;
import cn.xueshi.identity.CurrentUser;
import cn.xueshi.identity.CurrentUserService;
import cn.xueshi.identity.Unit;
import cn.xueshi.system.RequestLimits;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * 职称申报学时核验 pages: {@code /title} (my own check; I may store my 取得现职称年份) and
 * {@code /title/people/{userId}} (a member's check for their unit's reviewers and the overseeing bureau).
 */
@Controller
class TitleController {

    static final String VIEW = "title/title-check";
    /** A year as typed: four digits (anything else is a message beside the field, never a parse error page). */
    private static final String YEAR_PATTERN = "\\d{4}";

    private final TitleCheck check;
    private final TitleAccess access;
    private final TitleProfiles profiles;
    private final CurrentUserService currentUsers;
    private final BusinessClock clock;
    private final RequestLimits limits;

    TitleController(TitleCheck check, TitleAccess access, TitleProfiles profiles, CurrentUserService currentUsers,
            BusinessClock clock, RequestLimits limits) {
        this.check = check;
        this.access = access;
        this.profiles = profiles;
        this.currentUsers = currentUsers;
        this.clock = clock;
        this.limits = limits;
    }

    @GetMapping("/title")
    String mine(@ModelAttribute("titleForm") TitleCheckForm form, BindingResult errors, Model model) {
        CurrentUser me = currentUsers.current();
        return show(me.userId(), me, form, errors, model, true);
    }

    @GetMapping("/title/people/{userId}")
    String member(@PathVariable String userId, @ModelAttribute("titleForm") TitleCheckForm form, BindingResult errors,
            Model model) {
        CurrentUser me = currentUsers.current();
        return show(userId, me, form, errors, model, me.userId().equals(userId));
    }

    /** Stores (or, blank, clears) my 取得现职称年份; it shortens a rolling window from then on. */
    @PostMapping("/title/profile")
    String saveProfile(@ModelAttribute("titleForm") TitleCheckForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        CurrentUser me = currentUsers.current();
        access.unitOf(me.userId(), me);
        String typed = form.getTitleYear() == null ? "" : form.getTitleYear().trim();
        Integer titleYear = null;
        if (!typed.isEmpty()) {
            if (!typed.matches(YEAR_PATTERN) || Integer.parseInt(typed) < limits.minYear()
                    || Integer.parseInt(typed) > clock.year()) {
                errors.rejectValue("titleYear", "title.error.titleYear", new Object[] {limits.minYear(), clock.year()},
                        "title.error.titleYear");
                return show(me.userId(), me, form, errors, model, true);
            }
            titleYear = Integer.parseInt(typed);
        }
        profiles.save(me.userId(), titleYear);
        redirect.addFlashAttribute("message", titleYear == null ? "title.profile.cleared" : "title.profile.saved");
        return "redirect:/title";
    }

    private String show(String userId, CurrentUser me, TitleCheckForm form, BindingResult errors, Model model,
            boolean own) {
        Unit unit = access.unitOf(userId, me);
        model.addAttribute("own", own);
        model.addAttribute("personId", userId);
        model.addAttribute("storedTitleYear", profiles.titleYear(userId).orElse(null));
        Integer year = parseYear(form.getYear(), "year", errors);
        Integer titleYear = parseYear(form.getTitleYear(), "titleYear", errors);
        List<Integer> named = parseYears(form.getYears(), errors);
        if (form.getYear() == null || form.getYear().isBlank()) {
            form.setYear(String.valueOf(clock.year()));
            year = clock.year();
        }
        if (errors.hasErrors()) {
            return VIEW;
        }
        try {
            TitleApplication t = check.check(userId, unit, year, titleYear, named);
            model.addAttribute("check", t);
        } catch (TitleInputRejected e) {
            errors.rejectValue(e.field(), e.messageKey(), e.args(), e.messageKey());
        }
        return VIEW;
    }

    private static Integer parseYear(String typed, String field, BindingResult errors) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        if (!typed.trim().matches(YEAR_PATTERN)) {
            errors.rejectValue(field, "title.error.yearFormat", "title.error.yearFormat");
            return null;
        }
        return Integer.parseInt(typed.trim());
    }

    /** "2024,2025" or "2024 2025" or "2024、2025"; blank: none named. */
    private static List<Integer> parseYears(String typed, BindingResult errors) {
        List<Integer> years = new ArrayList<>();
        if (typed == null || typed.isBlank()) {
            return years;
        }
        for (String part : typed.trim().split("[\\s,，、;；]+")) {
            if (!part.matches(YEAR_PATTERN)) {
                errors.rejectValue("years", "title.error.yearsFormat", "title.error.yearsFormat");
                return List.of();
            }
            years.add(Integer.parseInt(part));
        }
        return years;
    }
}
