package cn.xueshi.identity;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * 人员流动 on /admin/units/moves (camunda-admin only, as all of /admin): move a person to another unit from a date;
 * the list shows the latest moves. The person's claims stay with the unit that reviewed them.
 */
@Controller
class TransferController {

    static final String VIEW = "identity/moves";
    private static final int SHOWN = 50;

    private final Directory directory;
    private final UnitRepository units;
    private final IdentityService identity;
    private final CurrentUserService currentUsers;
    private final int minYear;
    private final int maxYear;

    TransferController(Directory directory, UnitRepository units, IdentityService identity,
            CurrentUserService currentUsers,
            @org.springframework.beans.factory.annotation.Value("${xueshi.limits.min-year}") int minYear,
            @org.springframework.beans.factory.annotation.Value("${xueshi.limits.max-year}") int maxYear) {
        this.minYear = minYear;
        this.maxYear = maxYear;
        this.directory = directory;
        this.units = units;
        this.identity = identity;
        this.currentUsers = currentUsers;
    }

    @GetMapping("/admin/units/moves")
    String page(Model model) {
        return show(new MoveForm(), model);
    }

    private String show(MoveForm form, Model model) {
        model.addAttribute("moveForm", form);
        model.addAttribute("units", units.findAllByOrderByJurisdictionAscCodeAsc());
        model.addAttribute("moves", directory.recentMoves(SHOWN));
        model.addAttribute("unitNames", units.findAll().stream()
                .collect(java.util.stream.Collectors.toMap(Unit::getId, Unit::getName)));
        return VIEW;
    }

    @PostMapping("/admin/units/moves")
    String move(@ModelAttribute("moveForm") MoveForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        String userId = form.getUserId() == null ? "" : form.getUserId().strip();
        if (userId.isEmpty() || userId.length() > 64
                || identity.createUserQuery().userId(userId).singleResult() == null
                || directory.unitOf(userId).isEmpty()) {
            errors.rejectValue("userId", "transfer.error.person");
        }
        Unit target = form.getUnitId() == null ? null : units.findById(form.getUnitId()).orElse(null);
        if (target == null) {
            errors.rejectValue("unitId", "transfer.error.unit");
        } else if (!errors.hasFieldErrors("userId")
                && directory.unitOf(userId).map(u -> u.getId().equals(target.getId())).orElse(false)) {
            errors.rejectValue("unitId", "transfer.error.sameUnit");
        }
        LocalDate from = null;
        try {
            from = form.getFrom() == null || form.getFrom().isBlank() ? null : LocalDate.parse(form.getFrom().strip());
        } catch (DateTimeParseException e) {
            from = null;
        }
        if (from == null || from.getYear() < minYear || from.getYear() > maxYear) {
            errors.rejectValue("from", "transfer.error.date", new Object[] {minYear, maxYear}, null);
        }
        if (errors.hasErrors()) {
            return show(form, model);
        }
        if (!directory.moveToUnit(userId, target.getId(), from, currentUsers.current().userId())) {
            errors.rejectValue("from", "transfer.error.beforeStart");
            return show(form, model);
        }
        redirect.addFlashAttribute("message", "transfer.moved");
        return "redirect:/admin/units/moves";
    }
}
