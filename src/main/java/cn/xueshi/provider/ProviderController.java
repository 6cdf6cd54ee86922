package cn.xueshi.provider;

import cn.xueshi.identity.CurrentUser;
import cn.xueshi.identity.CurrentUserService;
import cn.xueshi.identity.Groups;
import cn.xueshi.identity.Jurisdiction;
import cn.xueshi.identity.JurisdictionRepository;
import java.util.Arrays;
import java.util.List;
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

    ProviderController(Providers providers, CurrentUserService users, IdentityService identity,
            JurisdictionRepository jurisdictions) {
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

    @GetMapping
    String list(Model model) {
        CurrentUser me = registrar();
        model.addAttribute("providers", providers.all());
        model.addAttribute("jurisdictions", registrable(me));
        if (!model.containsAttribute("chosen")) {
            model.addAttribute("chosen", List.of());
        }
        return "provider/providers";
    }

    @PostMapping
    String register(@RequestParam(name = "code", required = false) String code,
            @RequestParam(name = "name", required = false) String name,
            @RequestParam(name = "types", required = false) String types,
            @RequestParam(name = "account", required = false) String account,
            @RequestParam(name = "jurisdictions", required = false) List<String> chosen, Model model) {
        CurrentUser me = registrar();
        List<String> allowed = registrable(me).stream().map(Jurisdiction::getCode).toList();
        List<String> jurisdictionList = chosen == null ? List.of() : chosen.stream().distinct().toList();
        String error = null;
        List<String> typeList = types == null ? List.of() : Arrays.stream(types.split("[,，;；\\s]+"))
                .map(String::trim).filter(s -> s.matches("[A-Z_]{1,40}")).toList();
        if (code == null || !code.trim().matches("[A-Za-z0-9-]{1,40}")) {
            error = "provider.error.code";
        } else if (name == null || name.isBlank() || name.trim().length() > 200) {
            error = "provider.error.name";
        } else if (typeList.isEmpty()) {
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
        model.addAttribute("types", types);
        model.addAttribute("account", account);
        model.addAttribute("chosen", chosen == null ? List.of() : chosen);
        return list(model);
    }
}
