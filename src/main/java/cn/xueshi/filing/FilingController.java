package cn.xueshi.filing;

import cn.xueshi.clock.BusinessClock;
import cn.xueshi.identity.CurrentUser;
import cn.xueshi.identity.CurrentUserService;
import cn.xueshi.identity.Directory;
import cn.xueshi.identity.Unit;
import cn.xueshi.identity.UnitRepository;
import cn.xueshi.system.Conflict;
import cn.xueshi.task.TaskForms;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** 年度备案 pages: the list per unit and year, compiling and submitting (reviewer), verifying (bureau). */
@Controller
class FilingController {

    static final String LIST_VIEW = "filing/filings";
    static final String DETAIL_VIEW = "filing/filing-detail";

    private final FilingService filings;
    private final CurrentUserService currentUsers;
    private final UnitRepository units;
    private final Directory directory;
    private final BusinessClock clock;
    private final TaskForms taskForms;

    FilingController(FilingService filings, CurrentUserService currentUsers, UnitRepository units, Directory directory,
            BusinessClock clock, TaskForms taskForms) {
        this.taskForms = taskForms;
        this.filings = filings;
        this.currentUsers = currentUsers;
        this.units = units;
        this.directory = directory;
        this.clock = clock;
    }

    @GetMapping("/filing")
    String list(Model model) {
        CurrentUser me = currentUsers.current();
        List<Unit> visible = filings.visibleUnits(me);
        List<UnitFiling> existing = filings.filingsOf(visible);
        Map<Long, Unit> unitById = new LinkedHashMap<>();
        visible.forEach(u -> unitById.put(u.getId(), u));
        int lastYear = clock.year() - 1;
        List<Map<String, Object>> startable = new ArrayList<>();
        for (Unit u : me.reviewedUnits()) {
            for (int y : List.of(lastYear, lastYear + 1)) {
                if (existing.stream().noneMatch(f -> f.getUnitId().equals(u.getId()) && f.getYear() == y)) {
                    startable.add(Map.of("unit", u, "year", y, "deadline", filings.deadline(u, y)));
                }
            }
        }
        model.addAttribute("filings", existing);
        model.addAttribute("units", unitById);
        model.addAttribute("startable", startable);
        return LIST_VIEW;
    }

    @PostMapping("/filing")
    String start(@RequestParam long unitId, @RequestParam int year, RedirectAttributes redirect) {
        try {
            UnitFiling filing = filings.start(unitId, year, currentUsers.current());
            redirect.addFlashAttribute("message", "filing.started");
            return "redirect:/filing/" + filing.getId();
        } catch (FilingRefused e) {
            redirect.addFlashAttribute("error", e.messageKey());
            return "redirect:/filing";
        }
    }

    @GetMapping("/filing/{id}")
    String detail(@PathVariable long id, Model model) {
        CurrentUser me = currentUsers.current();
        UnitFiling filing = filings.viewable(id, me);
        Optional<Task> task = filings.openTask(filing, me);
        model.addAttribute("filing", filing);
        model.addAttribute("unit", units.findById(filing.getUnitId()).orElseThrow());
        model.addAttribute("summary", filings.summary(filing.getUnitId(), filing.getYear()));
        model.addAttribute("names", names(filing));
        // the open task's form (compile or verify, by its form key), else the read-only detail
        return task.map(taskForms::view).orElse(DETAIL_VIEW);
    }

    private Map<String, String> names(UnitFiling f) {
        Map<String, String> names = new LinkedHashMap<>();
        for (String id : new String[] {f.getStartedBy(), f.getSubmittedBy(), f.getVerifiedBy()}) {
            if (id != null) {
                names.put(id, directory.displayName(id));
            }
        }
        return names;
    }

    @PostMapping("/filing/{id}/submit")
    String submit(@PathVariable long id, RedirectAttributes redirect) {
        try {
            filings.submit(id, currentUsers.current());
            redirect.addFlashAttribute("message", "filing.submitted");
        } catch (Conflict e) {
            redirect.addFlashAttribute("error", e.messageKey());
        }
        return "redirect:/filing/" + id;
    }

    @PostMapping("/filing/{id}/verify")
    String verify(@PathVariable long id, @RequestParam(required = false) String decision,
            @RequestParam(required = false) String comment, Model model, RedirectAttributes redirect) {
        CurrentUser me = currentUsers.current();
        boolean approve = "APPROVE".equals(decision);
        String error = null;
        if (!approve && !"RETURN".equals(decision)) {
            error = "filing.error.decision";
        } else if (!approve && (comment == null || comment.isBlank())) {
            error = "filing.error.comment";
        } else if (comment != null && comment.length() > 1000) {
            error = "review.error.reason.tooLong";
        }
        if (error != null) {
            UnitFiling filing = filings.viewable(id, me);
            model.addAttribute("filing", filing);
            model.addAttribute("unit", units.findById(filing.getUnitId()).orElseThrow());
            model.addAttribute("summary", filings.summary(filing.getUnitId(), filing.getYear()));
            model.addAttribute("names", names(filing));
            model.addAttribute("verifyError", error);
            model.addAttribute("decision", decision);
            model.addAttribute("comment", comment);
            return filings.openTask(filing, me).map(taskForms::view).orElse(DETAIL_VIEW);
        }
        try {
            filings.verify(id, me, approve, comment == null || comment.isBlank() ? null : comment.trim());
            redirect.addFlashAttribute("message", approve ? "filing.verified" : "filing.returned");
        } catch (Conflict e) {
            redirect.addFlashAttribute("error", e.messageKey());
        }
        return "redirect:/filing/" + id;
    }
}
