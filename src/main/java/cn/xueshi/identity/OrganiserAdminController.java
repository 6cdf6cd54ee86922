package cn.xueshi.identity;

import org.camunda.bpm.engine.IdentityService;
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

/** /admin/units/{id}/organisers: an admin grants and revokes 单位活动组织者 of one unit (camunda-admin only). */
@Controller
@RequestMapping("/admin/units/{id}/organisers")
class OrganiserAdminController {

    private final UnitRepository units;
    private final UnitOrganisers organisers;
    private final IdentityService identity;
    private final CurrentUserService users;

    OrganiserAdminController(UnitRepository units, UnitOrganisers organisers, IdentityService identity,
            CurrentUserService users) {
        this.units = units;
        this.organisers = organisers;
        this.identity = identity;
        this.users = users;
    }

    @GetMapping
    String page(@PathVariable long id, Model model) {
        Unit unit = unit(id);
        model.addAttribute("unit", unit);
        model.addAttribute("organisers", organisers.organisersOf(unit.getId()).stream()
                .map(u -> new String[] {u, users.load(u).displayName()}).toList());
        return "identity/organisers";
    }

    @PostMapping
    String grant(@PathVariable long id, @RequestParam(name = "userId", required = false) String userId, Model model,
            RedirectAttributes redirect) {
        Unit unit = unit(id);
        String who = userId == null ? "" : userId.trim();
        if (who.isEmpty() || who.length() > 64 || identity.createUserQuery().userId(who).count() == 0) {
            model.addAttribute("error", "admin.organisers.unknown");
            model.addAttribute("userId", userId);
            return page(id, model);
        }
        var other = organisers.grant(who, unit.getId(), users.current().userId());
        if (other.isPresent()) {
            model.addAttribute("error", "admin.organisers.elsewhere");
            model.addAttribute("elsewhere", other.get().getName());
            model.addAttribute("userId", userId);
            return page(id, model);
        }
        redirect.addFlashAttribute("message", "admin.organisers.granted");
        return "redirect:/admin/units/" + id + "/organisers";
    }

    @PostMapping("/{userId}/revoke")
    String revoke(@PathVariable long id, @PathVariable String userId, RedirectAttributes redirect) {
        organisers.revoke(userId, unit(id).getId());
        redirect.addFlashAttribute("message", "admin.organisers.revoked");
        return "redirect:/admin/units/" + id + "/organisers";
    }

    private Unit unit(long id) {
        return units.findById(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }
}
