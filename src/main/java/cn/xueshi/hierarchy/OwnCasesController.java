package cn.xueshi.hierarchy;

import cn.xueshi.clock.BusinessClock;
import cn.xueshi.identity.CurrentUser;
import cn.xueshi.identity.CurrentUserService;
import cn.xueshi.rules.ActivityType;
import cn.xueshi.rules.RecognitionService;
import cn.xueshi.rules.RuleSetStandards;
import cn.xueshi.system.NotFound;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * 本级回归用例 ({@code /rule-sets/{key}/cases}): the set's maintainers add cases of their own (items as the recognition
 * API takes them, year, expected 公需/专业 hours), see each run against the draft, take the draft's result as the
 * expectation, and delete cases. Anyone but the set's maintainers is answered 404.
 */
@Controller
class OwnCasesController {

    private static final Locale ZH = Locale.SIMPLIFIED_CHINESE;

    private final Derivations derivations;
    private final OwnCases cases;
    private final MaintainerScope scope;
    private final CurrentUserService currentUsers;
    private final RecognitionService recognition;
    private final BusinessClock clock;
    private final MessageSource messages;

    OwnCasesController(Derivations derivations, OwnCases cases, MaintainerScope scope, CurrentUserService currentUsers,
            RecognitionService recognition, BusinessClock clock, MessageSource messages) {
        this.derivations = derivations;
        this.cases = cases;
        this.scope = scope;
        this.currentUsers = currentUsers;
        this.recognition = recognition;
        this.clock = clock;
        this.messages = messages;
    }

    @GetMapping("/rule-sets/{key}/cases")
    String page(@PathVariable String key, Model model) {
        DerivedRuleSet set = maintained(key);
        RuleSetVersion latest = derivations.latest(key);
        RecognitionService draft = derivations.preview(latest);
        model.addAttribute("set", set);
        model.addAttribute("latest", latest);
        model.addAttribute("types", draft.activityTypes(key));
        model.addAttribute("outcomes", cases.run(key, draft));
        model.addAttribute("firstYear", firstYear(set));
        model.addAttribute("lastYear", clock.year());
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        if (!model.containsAttribute("typed")) {
            model.addAttribute("typed", Map.of("year", String.valueOf(clock.year())));
        }
        return "hierarchy/cases";
    }

    @PostMapping("/rule-sets/{key}/cases")
    String add(@PathVariable String key, @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String year, @RequestParam(defaultValue = "") String activityType,
            @RequestParam(defaultValue = "") String params, @RequestParam(defaultValue = "") String items,
            @RequestParam(defaultValue = "") String expectPublic,
            @RequestParam(defaultValue = "") String expectProfessional, Model model, RedirectAttributes flash) {
        DerivedRuleSet set = maintained(key);
        RuleSetVersion latest = derivations.latest(key);
        RecognitionService draft = derivations.preview(latest);
        OwnCases.Form f = new OwnCases.Form(name, year, activityType, params, items, expectPublic, expectProfessional);
        Map<String, String> errors = cases.add(key, latest.getVersion(), f,
                draft.activityTypes(key).stream().map(ActivityType::code).collect(Collectors.toSet()), firstYear(set),
                clock.year(), draft, currentUsers.current().userId());
        if (!errors.isEmpty()) {
            model.addAttribute("errors", errors);
            model.addAttribute("typed", f.typed());
            return page(key, model);
        }
        flash.addFlashAttribute("message", msg("hierarchy.cases.added", name.trim()));
        return "redirect:/rule-sets/" + key + "/cases";
    }

    /** 以草稿当前结果为预期. */
    @PostMapping("/rule-sets/{key}/cases/{id}/adopt")
    String adopt(@PathVariable String key, @PathVariable long id, Model model, RedirectAttributes flash) {
        maintained(key);
        OwnCases.Case c = cases.find(key, id).orElseThrow(NotFound::new);
        RuleSetVersion latest = derivations.latest(key);
        try {
            String after = cases.adopt(key, latest.getVersion(), c, derivations.preview(latest),
                    currentUsers.current().userId());
            flash.addFlashAttribute("message", msg("hierarchy.cases.adopted", c.name(), after));
        } catch (HierarchyRefusal r) {
            model.addAttribute("errors", Map.of("case", r.getMessage()));
            return page(key, model);
        }
        return "redirect:/rule-sets/" + key + "/cases";
    }

    @PostMapping("/rule-sets/{key}/cases/{id}/delete")
    String delete(@PathVariable String key, @PathVariable long id, RedirectAttributes flash) {
        maintained(key);
        OwnCases.Case c = cases.find(key, id).orElseThrow(NotFound::new);
        cases.delete(key, derivations.latest(key).getVersion(), c, currentUsers.current().userId());
        flash.addFlashAttribute("message", msg("hierarchy.cases.deleted", c.name()));
        return "redirect:/rule-sets/" + key + "/cases";
    }

    private int firstYear(DerivedRuleSet set) {
        return recognition.standards(set.getParentKey()).map(RuleSetStandards::firstYear).orElse(clock.year());
    }

    private DerivedRuleSet maintained(String key) {
        CurrentUser me = currentUsers.current();
        return scope.maintained(me, derivations.set(key));
    }

    private String msg(String key, Object... args) {
        return messages.getMessage(key, args, key, ZH);
    }
}
