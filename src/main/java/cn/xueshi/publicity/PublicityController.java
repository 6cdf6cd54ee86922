package cn.xueshi.publicity;

import cn.xueshi.rules.RecognitionService;
import cn.xueshi.claim.AuditLog;
import cn.xueshi.claim.Claim;
import cn.xueshi.claim.ClaimAccess;
import cn.xueshi.claim.ItemParameters;
import cn.xueshi.identity.CurrentUser;
import cn.xueshi.identity.CurrentUserService;
import cn.xueshi.identity.Directory;
import cn.xueshi.identity.Unit;
import cn.xueshi.identity.UnitRepository;
import cn.xueshi.system.Conflict;
import cn.xueshi.rules.ActivityType;
import cn.xueshi.task.TaskForms;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** 公示栏: the unit's board, raising an objection, and the reviewer's objection task (forms/claim/handle-objection.html). */
@Controller
class PublicityController {

    static final String BOARD_VIEW = "publicity/board";
    static final String OBJECTION_FORM = "publicity/objection";

    private final PublicityService publicity;
    private final ClaimAccess claims;
    private final ItemParameters parameters;
    private final RecognitionService recognition;
    private final CurrentUserService currentUsers;
    private final Directory directory;
    private final UnitRepository units;
    private final AuditLog audit;
    private final TaskForms taskForms;

    PublicityController(PublicityService publicity, ClaimAccess claims, ItemParameters parameters,
            RecognitionService recognition, CurrentUserService currentUsers,
            Directory directory, UnitRepository units, AuditLog audit, TaskForms taskForms) {
        this.taskForms = taskForms;
        this.publicity = publicity;
        this.claims = claims;
        this.parameters = parameters;
        this.recognition = recognition;
        this.currentUsers = currentUsers;
        this.directory = directory;
        this.units = units;
        this.audit = audit;
    }

    @GetMapping("/publicity")
    String board(Model model) {
        CurrentUser me = currentUsers.current();
        List<Claim> onBoard = publicity.board(me);
        Map<Long, Unit> unitById = units.findAllById(publicity.boardUnits(me)).stream()
                .collect(Collectors.toMap(Unit::getId, Function.identity()));
        Map<String, String> names = new LinkedHashMap<>();
        onBoard.forEach(c -> names.computeIfAbsent(c.getClaimant(), directory::displayName));
        model.addAttribute("claims", onBoard);
        model.addAttribute("units", unitById);
        model.addAttribute("names", names);
        model.addAttribute("types", typeNames(onBoard));
        return BOARD_VIEW;
    }

    @GetMapping("/publicity/{claimId}/objection")
    String objectionForm(@PathVariable long claimId, Model model) {
        Claim claim = publicity.onBoard(claimId, currentUsers.current());
        return showObjection(claim, new ObjectionForm(), model);
    }

    @PostMapping("/publicity/{claimId}/objection")
    String raise(@PathVariable long claimId, @ModelAttribute("objectionForm") ObjectionForm form, BindingResult errors,
            Model model, RedirectAttributes redirect) {
        CurrentUser me = currentUsers.current();
        Claim claim = publicity.onBoard(claimId, me);
        publicity.validateObjection(claim, me, form.getReason(), errors);
        if (errors.hasErrors()) {
            return showObjection(claim, form, model);
        }
        publicity.raise(claimId, me, form.getReason());
        redirect.addFlashAttribute("message", "publicity.objection.raised");
        return "redirect:/publicity";
    }

    private String showObjection(Claim claim, ObjectionForm form, Model model) {
        model.addAttribute("claim", claim);
        model.addAttribute("claimantName", directory.displayName(claim.getClaimant()));
        model.addAttribute("types", typeNames(List.of(claim)));
        model.addAttribute("objectionForm", form);
        return OBJECTION_FORM;
    }

    @GetMapping("/review/objections/{taskId}")
    String handleForm(@PathVariable String taskId, Model model) {
        CurrentUser me = currentUsers.current();
        Task task = publicity.objectionTask(taskId, me);
        return showHandle(task, new ObjectionForm(), model);
    }

    @PostMapping("/review/objections/{taskId}")
    String handle(@PathVariable String taskId, @ModelAttribute("objectionForm") ObjectionForm form,
            BindingResult errors, Model model, RedirectAttributes redirect) {
        CurrentUser me = currentUsers.current();
        Task task;
        try {
            task = publicity.objectionTask(taskId, me);
        } catch (cn.xueshi.system.NotFound e) {
            redirect.addFlashAttribute("error", "review.conflict.done");
            return "redirect:/review";
        }
        if (!"DISMISS".equals(form.getDecision()) && !"UPHOLD".equals(form.getDecision())) {
            errors.rejectValue("decision", "publicity.error.decision");
        }
        if (form.getComment() == null || form.getComment().isBlank()) {
            errors.rejectValue("comment", "publicity.error.comment");
        } else if (form.getComment().length() > 1000) {
            errors.rejectValue("comment", "review.error.reason.tooLong");
        }
        if (errors.hasErrors()) {
            return showHandle(task, form, model);
        }
        try {
            publicity.handle(taskId, me, form.getDecision(), form.getComment().trim());
        } catch (Conflict e) {
            redirect.addFlashAttribute("error", e.messageKey());
            return "redirect:/review";
        }
        redirect.addFlashAttribute("message", "publicity.objection." + form.getDecision());
        return "redirect:/review";
    }

    private String showHandle(Task task, ObjectionForm form, Model model) {
        Objection objection = publicity.objectionOf(task);
        Claim claim = claims.viewable(objection.getClaimId(), currentUsers.current());
        model.addAttribute("task", task);
        model.addAttribute("objection", objection);
        model.addAttribute("raisedByName", directory.displayName(objection.getRaisedBy()));
        model.addAttribute("claim", claim);
        model.addAttribute("claimantName", directory.displayName(claim.getClaimant()));
        Map<String, ActivityType> types = new LinkedHashMap<>();
        recognition.activityTypes(claim.getRuleSet()).forEach(t -> types.put(t.code(), t));
        model.addAttribute("types", types);
        model.addAttribute("params", claim.getItems().stream().map(parameters::params).toList());
        model.addAttribute("history", audit.of(claim.getId()));
        model.addAttribute("objectionForm", form);
        return taskForms.view(task);
    }

    private Map<String, String> typeNames(List<Claim> list) {
        Map<String, String> names = new LinkedHashMap<>();
        list.stream().map(Claim::getRuleSet).distinct()
                .forEach(rs -> recognition.activityTypes(rs).forEach(t -> names.putIfAbsent(t.code(), t.nameZh())));
        return names;
    }
}
