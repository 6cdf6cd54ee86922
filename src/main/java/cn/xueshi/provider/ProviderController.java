package cn.xueshi.provider;

import cn.xueshi.identity.CurrentUser;
import cn.xueshi.identity.CurrentUserService;
import cn.xueshi.identity.Groups;
import cn.xueshi.identity.Jurisdiction;
import cn.xueshi.identity.JurisdictionRepository;
import cn.xueshi.rules.RecognitionService;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** /providers: the bureau (or an admin) registers training providers, the types they may report and their account. */
@Controller
@RequestMapping("/providers")
class ProviderController {

    private final Providers providers;
    private final CurrentUserService users;
    private final IdentityService identity;
    private final JurisdictionRepository jurisdictions;
    private final RecognitionService recognition;
    private final cn.xueshi.clock.BusinessClock clock;

    ProviderController(Providers providers, CurrentUserService users, IdentityService identity,
            JurisdictionRepository jurisdictions, RecognitionService recognition, cn.xueshi.clock.BusinessClock clock) {
        this.recognition = recognition;
        this.clock = clock;
        this.providers = providers;
        this.users = users;
        this.identity = identity;
        this.jurisdictions = jurisdictions;
    }

    /** The jurisdictions this registrar may register a provider for: the bureau its own, an admin any. */
    private List<Jurisdiction> registrable(CurrentUser me) {
        return jurisdictions.findAllByOrderByCode().stream()
                .filter(j -> me.isIn(Groups.ADMIN) || me.oversees(j.getCode())).toList();
    }

    private CurrentUser registrar() {
        CurrentUser me = users.current();
        if (!me.isIn(Groups.BUREAU) && !me.isIn(Groups.ADMIN)) {
            throw new AccessDeniedException("not a registrar");
        }
        return me;
    }

    /**
     * The activity types of this year's rules of the given jurisdictions, code → name in the reader's language: what
     * a provider may be registered to report, and how the list names them.
     */
    private Map<String, String> typeNames(List<Jurisdiction> of) {
        boolean en = "en".equals(org.springframework.context.i18n.LocaleContextHolder.getLocale().getLanguage());
        Map<String, String> names = new LinkedHashMap<>();
        for (Jurisdiction j : of) {
            recognition.ruleSetFor(j.getCode(), clock.year()).ifPresent(rs -> recognition.activityTypes(rs)
                    .forEach(t -> names.putIfAbsent(t.code(), en ? t.nameEn() : t.nameZh())));
        }
        return names;
    }

    @GetMapping
    String list(Model model) {
        CurrentUser me = registrar();
        model.addAttribute("providers", providers.all());
        model.addAttribute("jurisdictions", registrable(me));
        model.addAttribute("typeChoices", typeNames(registrable(me)));
        model.addAttribute("typeNames", typeNames(jurisdictions.findAllByOrderByCode()));
        Map<String, String> places = new LinkedHashMap<>();
        jurisdictions.findAllByOrderByCode().forEach(j -> places.put(j.getCode(),
                j.name(org.springframework.context.i18n.LocaleContextHolder.getLocale())));
        model.addAttribute("jurisdictionNames", places);
        if (!model.containsAttribute("chosenTypes")) {
            model.addAttribute("chosenTypes", List.of());
        }
        if (!model.containsAttribute("chosen")) {
            model.addAttribute("chosen", List.of());
        }
        return "provider/providers";
    }

    @PostMapping
    String register(@RequestParam(name = "code", required = false) String code,
            @RequestParam(name = "name", required = false) String name,
            @RequestParam(name = "types", required = false) List<String> types,
            @RequestParam(name = "account", required = false) String account,
            @RequestParam(name = "jurisdictions", required = false) List<String> chosen, Model model) {
        CurrentUser me = registrar();
        List<String> allowed = registrable(me).stream().map(Jurisdiction::getCode).toList();
        List<String> jurisdictionList = chosen == null ? List.of() : chosen.stream().distinct().toList();
        String error = null;
        // the checked boxes; an API-style "TRAINING, ADVANCED_SEMINAR" in one value is split the same way
        List<String> typeList = types == null ? List.of() : types.stream().flatMap(t -> Arrays.stream(t.split("[,，;；\\s]+")))
                .map(String::trim).filter(t -> !t.isEmpty()).distinct().toList();
        Map<String, String> offered = typeNames(registrable(me));
        if (code == null || !code.trim().matches("[A-Za-z0-9-]{1,40}")) {
            error = "provider.error.code";
        } else if (name == null || name.isBlank() || name.trim().length() > 200) {
            error = "provider.error.name";
        } else if (typeList.isEmpty() || !offered.keySet().containsAll(typeList)) {
            // a code no rule set of the registrar's jurisdictions has could never be reported
            error = "provider.error.types";
        } else if (jurisdictionList.isEmpty() || jurisdictionList.size() > allowed.size()
                || !allowed.containsAll(jurisdictionList)) {
            error = "provider.error.jurisdictions";
        } else if (account == null || identity.createUserQuery().userId(account.trim()).count() == 0) {
            error = "provider.error.account";
        } else if (providers.byCode(code.trim()).isPresent()) {
            error = "provider.error.exists";
        }
        if (error == null) {
            try {
                Provider p = providers.register(code.trim(), name.trim(), typeList, jurisdictionList,
                        me.userId());
                providers.addAccount(p.id(), account.trim());
                return "redirect:/providers";
            } catch (DataIntegrityViolationException e) {
                error = "provider.error.exists";
            }
        }
        model.addAttribute("error", error);
        model.addAttribute("code", code);
        model.addAttribute("name", name);
        model.addAttribute("chosenTypes", typeList);
        model.addAttribute("account", account);
        model.addAttribute("chosen", chosen == null ? List.of() : chosen);
        return list(model);
    }
}
