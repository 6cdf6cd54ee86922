package cn.xueshi.identity;

import jakarta.validation.Valid;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** 单位管理 for administrators (the /admin/** routes are camunda-admin only). */
@Controller
@RequestMapping("/admin/units")
class UnitAdminController {

    static final String LIST_VIEW = "identity/units";
    static final String FORM_VIEW = "identity/unit-form";

    private final UnitRepository units;
    private final JurisdictionRepository jurisdictions;
    private final Directory directory;
    private final List<String> ruleSets;

    UnitAdminController(UnitRepository units, JurisdictionRepository jurisdictions, Directory directory,
            @Value("${xueshi.rule-sets}") List<String> ruleSets) {
        this.units = units;
        this.jurisdictions = jurisdictions;
        this.directory = directory;
        this.ruleSets = ruleSets;
    }

    @InitBinder
    void disallowId(WebDataBinder binder) {
        binder.setDisallowedFields("id");
    }

    @ModelAttribute
    void options(Model model) {
        model.addAttribute("unitTypes", Arrays.asList(UnitType.values()));
        model.addAttribute("jurisdictionList", jurisdictions.findAllByOrderByCode());
        model.addAttribute("ruleSets", ruleSets);
    }

    @GetMapping
    String list(Model model) {
        List<Unit> all = units.findAllByOrderByJurisdictionAscCodeAsc();
        Map<Long, Long> counts = all.stream()
                .collect(Collectors.toMap(Unit::getId, u -> directory.memberCount(u.getId())));
        model.addAttribute("units", all);
        model.addAttribute("memberCounts", counts);
        model.addAttribute("jurisdictionNames", jurisdictions.findAll().stream()
                .collect(Collectors.toMap(Jurisdiction::getCode, Function.identity())));
        return LIST_VIEW;
    }

    @GetMapping("/new")
    String newForm(Model model) {
        model.addAttribute("unitForm", new UnitForm());
        model.addAttribute("unitId", null);
        return FORM_VIEW;
    }

    @PostMapping
    String create(@Valid @ModelAttribute("unitForm") UnitForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        checkReferences(form, result);
        if (form.getCode() != null && units.existsByCode(form.getCode())) {
            result.rejectValue("code", "validation.unit.code.taken");
        }
        if (result.hasErrors()) {
            model.addAttribute("unitId", null);
            return FORM_VIEW;
        }
        units.save(new Unit(form.getCode(), form.getName(), form.getUnitType(), form.getJurisdiction(),
                form.getRuleSet(), form.getCompetentDepartment()));
        redirect.addFlashAttribute("message", "admin.units.saved");
        return "redirect:/admin/units";
    }

    @GetMapping("/{id}/edit")
    String editForm(@PathVariable long id, Model model) {
        model.addAttribute("unitForm", UnitForm.of(find(id)));
        model.addAttribute("unitId", id);
        return FORM_VIEW;
    }

    @PostMapping("/{id}")
    String update(@PathVariable long id, @Valid @ModelAttribute("unitForm") UnitForm form, BindingResult result,
            Model model, RedirectAttributes redirect) {
        Unit unit = find(id);
        form.setCode(unit.getCode()); // the code identifies the unit in filings; it does not change
        checkReferences(form, result);
        if (result.hasErrors()) {
            model.addAttribute("unitId", id);
            return FORM_VIEW;
        }
        unit.update(form.getName(), form.getUnitType(), form.getJurisdiction(), form.getRuleSet(),
                form.getCompetentDepartment());
        units.save(unit);
        redirect.addFlashAttribute("message", "admin.units.saved");
        return "redirect:/admin/units";
    }

    private void checkReferences(UnitForm form, BindingResult result) {
        if (form.getJurisdiction() != null && !form.getJurisdiction().isBlank()
                && !jurisdictions.existsById(form.getJurisdiction())) {
            result.rejectValue("jurisdiction", "validation.unit.jurisdiction");
        }
        if (form.getRuleSet() != null && !form.getRuleSet().isBlank() && !ruleSets.contains(form.getRuleSet())) {
            result.rejectValue("ruleSet", "validation.unit.ruleSet");
        }
    }

    private Unit find(long id) {
        return units.findById(id).orElseThrow(() -> new ResponseStatusException(
                org.springframework.http.HttpStatus.NOT_FOUND));
    }
}
