package cn.xueshi.workbench;

import cn.xueshi.ruleedit.RowEdit;
import cn.xueshi.ruleedit.RowPreview;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Editing one rule of a draft with typed fields (规则行编辑): the form, its preview (a 预览 button, and a small
 * JSON answer the page asks for while the analyst types) and saving, through the same cell edit as the full
 * table ({@link Workbench#edit}: FEEL-only check, audit).
 */
@Controller
class RuleEditController {

    static final String EDIT = "workbench/rule-edit";

    private final Workbench workbench;
    private final RowPreview preview;
    private final DraftModels models;
    private final MessageSource messages;

    RuleEditController(Workbench workbench, RowPreview preview, DraftModels models, MessageSource messages) {
        this.workbench = workbench;
        this.preview = preview;
        this.models = models;
        this.messages = messages;
    }

    @GetMapping("/workbench/drafts/{id}/rules/{ruleId}")
    String form(@PathVariable long id, @PathVariable String ruleId, @RequestParam String decision, Model model) {
        Draft draft = workbench.draft(id);
        RowEdit edit = editor(draft, decision, ruleId);
        RowPreview.Result result = preview.preview(models.of(draft), edit, Map.of());
        return page(model, draft, edit, edit.fields(), edit.row().description(), result, Map.of(), false);
    }

    /** 预览 (op=preview) shows the form again with the after sentence; 保存 writes the cells into the draft. */
    @PostMapping("/workbench/drafts/{id}/rules/{ruleId}")
    String submit(@PathVariable long id, @PathVariable String ruleId, @RequestParam String decision,
            @RequestParam(defaultValue = "save") String op, @RequestParam MultiValueMap<String, String> form, Principal me,
            Model model, RedirectAttributes flash) {
        Draft draft = workbench.draft(id);
        RowEdit edit = preview.editor(models.of(draft), decision, ruleId);
        if (edit == null) {
            // removed by someone else (or another tab) since the form was opened
            flash.addFlashAttribute("error", msg("sentence.edit.gone"));
            return "redirect:/workbench/drafts/" + id;
        }
        RowEdit.Parsed parsed = edit.parse(form);
        Map<String, String> errors = new LinkedHashMap<>(parsed.errors());
        RowPreview.Result result = errors.isEmpty() ? preview.preview(models.of(draft), edit, parsed.cells())
                : preview.preview(models.of(draft), edit, Map.of());
        if (errors.isEmpty()) {
            errors.putAll(result.errors());
        }
        if (!"save".equals(op) || !errors.isEmpty()) {
            return page(model, draft, edit, parsed.fields(), parsed.description(), result, errors, true);
        }
        try {
            workbench.edit(id, decision, parsed.cells(), null, me.getName());
        } catch (WorkbenchRefusal r) {
            errors.put("", messages.getMessage(r.key, r.args, r.key, LocaleContextHolder.getLocale()));
            return page(model, draft, edit, parsed.fields(), parsed.description(), result, errors, true);
        }
        flash.addFlashAttribute("message", parsed.cells().isEmpty() ? msg("sentence.edit.unchanged")
                : msg("sentence.edit.saved", result.before(), result.after()));
        return "redirect:/workbench/drafts/" + id + "?decision=" + decision + "#s-" + ruleId;
    }

    /** The live preview: the same as 预览, as JSON for the page's script. */
    @PostMapping("/workbench/drafts/{id}/rules/{ruleId}/preview")
    @ResponseBody
    Map<String, Object> livePreview(@PathVariable long id, @PathVariable String ruleId, @RequestParam String decision,
            @RequestParam MultiValueMap<String, String> form) {
        Draft draft = workbench.draft(id);
        RowEdit edit = editor(draft, decision, ruleId);
        RowEdit.Parsed parsed = edit.parse(form);
        Map<String, String> errors = new LinkedHashMap<>(parsed.errors());
        RowPreview.Result result = preview.preview(models.of(draft), edit, errors.isEmpty() ? parsed.cells() : Map.of());
        errors.putAll(result.errors());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("before", result.before());
        json.put("after", errors.isEmpty() ? result.after() : result.before());
        json.put("samples", result.samples());
        json.put("errors", errors);
        return json;
    }

    private RowEdit editor(Draft draft, String decision, String ruleId) {
        RowEdit edit;
        try {
            edit = preview.editor(models.of(draft), decision, ruleId);
        } catch (IllegalArgumentException unreadable) {
            edit = null;
        }
        if (edit == null) {
            throw new WorkbenchNotFound();
        }
        return edit;
    }

    private String page(Model model, Draft draft, RowEdit edit, List<RowEdit.Field> fields, String description,
            RowPreview.Result result, Map<String, String> errors, boolean previewed) {
        model.addAttribute("draft", draft);
        model.addAttribute("table", edit.table());
        model.addAttribute("row", edit.row());
        model.addAttribute("fields", fields);
        model.addAttribute("description", description);
        model.addAttribute("preview", result);
        model.addAttribute("errors", errors);
        model.addAttribute("previewed", previewed);
        return EDIT;
    }

    private String msg(String key, Object... args) {
        return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
    }
}
