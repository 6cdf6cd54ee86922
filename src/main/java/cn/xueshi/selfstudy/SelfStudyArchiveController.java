package cn.xueshi.selfstudy;

import cn.xueshi.clock.BusinessClock;
import cn.xueshi.identity.CurrentUser;
import cn.xueshi.identity.CurrentUserService;
import cn.xueshi.identity.Directory;
import cn.xueshi.identity.Groups;
import cn.xueshi.identity.Unit;
import cn.xueshi.identity.UnitRepository;
import cn.xueshi.system.NotFound;
import cn.xueshi.system.RequestLimits;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * /units/{unitId}/self-study-archive: the unit's reviewers (and admins) see whether the unit keeps its self-study
 * archive (自学档案, 吉林 附件 二（九）), establish it from a date or close it; anyone else gets 404.
 */
@Controller
@RequestMapping("/units/{unitId}/self-study-archive")
class SelfStudyArchiveController {

    static final String VIEW = "selfstudy/archive";

    private final SelfStudyArchives archives;
    private final SelfStudyRule rule;
    private final UnitRepository units;
    private final CurrentUserService currentUsers;
    private final Directory directory;
    private final BusinessClock clock;
    private final RequestLimits limits;
    private final SelfStudyProperties properties;

    SelfStudyArchiveController(SelfStudyArchives archives, SelfStudyRule rule, UnitRepository units,
            CurrentUserService currentUsers, Directory directory, BusinessClock clock, RequestLimits limits,
            SelfStudyProperties properties) {
        this.archives = archives;
        this.rule = rule;
        this.units = units;
        this.currentUsers = currentUsers;
        this.directory = directory;
        this.clock = clock;
        this.limits = limits;
        this.properties = properties;
    }

    @GetMapping
    String page(@PathVariable long unitId, Model model) {
        Unit unit = unit(unitId);
        EstablishForm establish = new EstablishForm();
        establish.setEstablishedFrom(LocalDate.of(clock.year(), 1, 1));
        CloseForm close = new CloseForm();
        close.setClosedFrom(clock.today());
        return show(unit, establish, close, model);
    }

    @PostMapping("/establish")
    String establish(@PathVariable long unitId, @ModelAttribute("establishForm") EstablishForm form,
            BindingResult errors, Model model, RedirectAttributes redirect) {
        Unit unit = unit(unitId);
        Optional<SelfStudyArchive> now = archives.of(unitId);
        if (now.isPresent() && now.get().open()) {
            // no establish form on the page then: the message goes above the close form
            model.addAttribute("error", "selfstudy.error.alreadyOpen");
            model.addAttribute("errorArg", String.valueOf(now.get().establishedFrom()));
            return show(unit, form, defaultClose(), model);
        }
        LocalDate from = form.getEstablishedFrom();
        if (!errors.hasFieldErrors("establishedFrom")) {
            if (from == null) {
                errors.rejectValue("establishedFrom", "selfstudy.error.from.missing");
            } else if (from.isAfter(clock.today())) {
                errors.rejectValue("establishedFrom", "selfstudy.error.from.future");
            } else if (from.getYear() < limits.minYear()) {
                errors.rejectValue("establishedFrom", "selfstudy.error.from.tooEarly",
                        new Object[] {String.valueOf(limits.minYear())}, null);
            }
        }
        String note = form.getNote() == null || form.getNote().isBlank() ? null : form.getNote().trim();
        if (note != null && note.length() > properties.maxNoteLength()) {
            errors.rejectValue("note", "selfstudy.error.note.tooLong", new Object[] {properties.maxNoteLength()}, null);
        }
        if (errors.hasErrors()) {
            return show(unit, form, defaultClose(), model);
        }
        try {
            // the version the page showed (none: the page showed no archive), so a race is told, not overwritten
            archives.establish(unitId, unit.getCode(), from, note, currentUsers.current().userId(), form.getVersion());
        } catch (ArchiveChanged e) {
            errors.reject("selfstudy.error.changed");
            return show(unit, form, defaultClose(), model);
        }
        redirect.addFlashAttribute("message", "selfstudy.established");
        return "redirect:/units/" + unitId + "/self-study-archive";
    }

    @PostMapping("/close")
    String close(@PathVariable long unitId, @ModelAttribute("closeForm") CloseForm form, BindingResult errors,
            Model model, RedirectAttributes redirect) {
        Unit unit = unit(unitId);
        Optional<SelfStudyArchive> now = archives.of(unitId);
        if (now.isEmpty() || !now.get().open()) {
            // no close form on the page then: the message goes above the establish form
            model.addAttribute("error", "selfstudy.error.notOpen");
            return show(unit, defaultEstablish(), form, model);
        }
        LocalDate from = form.getClosedFrom();
        if (!errors.hasFieldErrors("closedFrom")) {
            if (from == null) {
                errors.rejectValue("closedFrom", "selfstudy.error.closed.missing");
            } else if (from.isAfter(clock.today())) {
                errors.rejectValue("closedFrom", "selfstudy.error.closed.future");
            } else if (!from.isAfter(now.get().establishedFrom())) {
                errors.rejectValue("closedFrom", "selfstudy.error.closed.beforeEstablished",
                        new Object[] {String.valueOf(now.get().establishedFrom())}, null);
            }
        }
        if (errors.hasErrors()) {
            return show(unit, defaultEstablish(), form, model);
        }
        // the version the page showed: a close from an outdated page (someone re-established meanwhile) is refused
        int seen = form.getVersion() == null ? -1 : form.getVersion();
        try {
            archives.close(unitId, from, currentUsers.current().userId(), seen);
        } catch (ArchiveChanged e) {
            errors.reject("selfstudy.error.changed");
            return show(unit, defaultEstablish(), form, model);
        }
        redirect.addFlashAttribute("message", "selfstudy.closed");
        return "redirect:/units/" + unitId + "/self-study-archive";
    }

    private String show(Unit unit, EstablishForm establish, CloseForm close, Model model) {
        Optional<SelfStudyArchive> archive = archives.of(unit.getId());
        if (establish.getVersion() == null) {
            establish.setVersion(archive.map(SelfStudyArchive::version).orElse(null));
        }
        if (close.getVersion() == null) {
            close.setVersion(archive.map(SelfStudyArchive::version).orElse(null));
        }
        List<ArchiveEvent> events = archives.events(unit.getId());
        model.addAttribute("unit", unit);
        model.addAttribute("archive", archive.orElse(null));
        model.addAttribute("events", events);
        model.addAttribute("periods", ArchivePeriods.of(events).periods());
        model.addAttribute("actorNames", directory.displayNames(events.stream().map(ArchiveEvent::actor).toList()));
        // the activity types of the unit's rules that need the archive (Jilin 个人自学); none: kept for the unit's own use
        model.addAttribute("requiredTypes", rule.typesNeedingArchive(unit));
        model.addAttribute("maxNoteLength", properties.maxNoteLength());
        model.addAttribute("establishForm", establish);
        model.addAttribute("closeForm", close);
        return VIEW;
    }

    private EstablishForm defaultEstablish() {
        EstablishForm f = new EstablishForm();
        f.setEstablishedFrom(LocalDate.of(clock.year(), 1, 1));
        return f;
    }

    private CloseForm defaultClose() {
        CloseForm f = new CloseForm();
        f.setClosedFrom(clock.today());
        return f;
    }

    /** The unit, for its reviewers and admins only; anyone else (and an unknown id) gets 404. */
    private Unit unit(long unitId) {
        CurrentUser me = currentUsers.current();
        boolean allowed = me.isIn(Groups.ADMIN) || (me.isIn(Groups.REVIEWER) && me.reviews(unitId));
        if (!allowed) {
            throw new NotFound();
        }
        return units.findById(unitId).orElseThrow(NotFound::new);
    }
}
