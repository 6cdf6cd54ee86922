package cn.xueshi.hierarchy;

import cn.xueshi.clock.BusinessClock;
import cn.xueshi.hierarchy.RuleSetVersion.Status;
import cn.xueshi.identity.CurrentUser;
import cn.xueshi.identity.CurrentUserService;
import cn.xueshi.rules.RecognitionService;
import cn.xueshi.rules.RuleSetStandards;
import cn.xueshi.ruleedit.DecisionTables;
import cn.xueshi.ruleedit.MemberImpact;
import cn.xueshi.ruleedit.MemberImpactPreview;
import cn.xueshi.ruleedit.RowEdit;
import cn.xueshi.ruleedit.RowPreview;
import cn.xueshi.ruleedit.RuleSentences;
import cn.xueshi.ruleedit.RuleVocabulary;
import cn.xueshi.ruleedit.Sentence;
import cn.xueshi.ruleedit.TableView;
import cn.xueshi.ruleedit.Vocabulary;
import cn.xueshi.ruleedit.WordDiff;
import cn.xueshi.system.NotFound;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
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
 * 本级规则草稿 — the maintainers' workbench for their own derived set (the analysts' {@code /workbench} keeps the
 * reference sets): every row of the draft's effective model as a sentence, marked where this level changed or added
 * it, with 编辑 (the shared typed editor, live before → after sentence and sample hours), 复制为本级新行, 删除 and 恢复;
 * a form for an activity type of the set's own; the changes against the parent in words; the guardrails; and the
 * impact preview over the owner's own members. Only the set's maintainers reach any of it (404 for anyone else).
 */
@Controller
class DraftEditController {

    private static final Locale ZH = Locale.SIMPLIFIED_CHINESE;

    private final Derivations derivations;
    private final DraftEditor editor;
    private final MaintainerScope scope;
    private final CurrentUserService currentUsers;
    private final RowPreview preview;
    private final RuleSentences sentences;
    private final RuleVocabulary vocabularies;
    private final WordDiff wordDiff;
    private final MemberImpactPreview impacts;
    private final OwnMembers members;
    private final RecognitionService recognition;
    private final BusinessClock clock;
    private final MessageSource messages;
    private final OwnCases ownCases;

    DraftEditController(Derivations derivations, DraftEditor editor, MaintainerScope scope, CurrentUserService currentUsers,
            RowPreview preview, RuleSentences sentences, RuleVocabulary vocabularies, WordDiff wordDiff,
            MemberImpactPreview impacts, OwnMembers members, RecognitionService recognition, BusinessClock clock,
            MessageSource messages, OwnCases ownCases) {
        this.derivations = derivations;
        this.editor = editor;
        this.scope = scope;
        this.currentUsers = currentUsers;
        this.preview = preview;
        this.sentences = sentences;
        this.vocabularies = vocabularies;
        this.wordDiff = wordDiff;
        this.impacts = impacts;
        this.members = members;
        this.recognition = recognition;
        this.clock = clock;
        this.messages = messages;
        this.ownCases = ownCases;
    }

    // ---------------------------------------------------------------- the draft page

    /** One row of the draft page: its sentence and what this level did to it. */
    record RowLine(String decision, String part, Sentence sentence, boolean changed, boolean own) {
    }

    /** The rows of one table, grouped by activity type for the item table. */
    record Section(String part, String name, List<Group> groups) {
    }

    record Group(String title, List<RowLine> rows) {
    }

    /** A parent row this set removed, in the parent's words. */
    record Removed(String part, String rule, String text) {
    }

    @GetMapping("/rule-sets/{key}/draft")
    String page(@PathVariable String key, Model model) {
        DerivedRuleSet set = maintained(key);
        RuleSetVersion latest = derivations.latest(key);
        Delta delta = derivations.delta(latest);
        String xml = derivations.effectiveXml(latest);
        List<TableView> tables = DecisionTables.parse(xml).views();
        Vocabulary words = vocabularies.of(key, tables);
        List<Section> sections = new ArrayList<>();
        for (String part : List.of("items", "activity-types", "caps", "facts")) {
            TableView t = tables.stream().filter(x -> x.key().equals(key + "-" + part)).findFirst().orElse(null);
            if (t == null) {
                continue;
            }
            Map<String, List<RowLine>> groups = new LinkedHashMap<>();
            for (TableView.Row r : t.rows()) {
                Sentence s = sentences.of(t, r, words);
                boolean own = delta.additions().stream().anyMatch(a -> a.table().equals(part) && a.rule().equals(r.id()));
                boolean changed = delta.changes().stream().anyMatch(c -> c.table().equals(part) && c.rule().equals(r.id()));
                String group = "items".equals(part) && !s.activityTypes().isEmpty() ? words.typeName(s.activityTypes().get(0)) : "";
                groups.computeIfAbsent(group, g -> new ArrayList<>()).add(new RowLine(t.key(), part, s, changed, own));
            }
            List<Group> list = new ArrayList<>();
            groups.forEach((title, rows) -> list.add(new Group(title, rows)));
            sections.add(new Section(part, msg("hierarchy.draft.table." + part), list));
        }
        String parentXml = editor.parentAsThisSet(latest);
        List<TableView> parentTables = DecisionTables.parse(parentXml).views();
        Vocabulary parentWords = vocabularies.of(key, parentTables);
        List<Removed> removed = new ArrayList<>();
        for (Delta.Removal r : delta.removals()) {
            parentTables.stream().filter(t -> t.key().equals(key + "-" + r.table())).findFirst()
                    .flatMap(t -> t.rows().stream().filter(x -> x.id().equals(r.rule())).findFirst()
                            .map(x -> sentences.of(t, x, parentWords).text()))
                    .ifPresent(text -> removed.add(new Removed(r.table(), r.rule(), text)));
        }
        model.addAttribute("set", set);
        model.addAttribute("latest", latest);
        model.addAttribute("editable", latest.getStatus() == Status.DRAFT || latest.getStatus() == Status.RETURNED);
        model.addAttribute("sections", sections);
        model.addAttribute("removed", removed);
        model.addAttribute("diff", wordDiff.describe(key, parentXml, xml));
        model.addAttribute("guardrails", derivations.guardrails(latest));
        model.addAttribute("ownCases", ownCases.run(key, derivations.preview(latest)));
        model.addAttribute("measures", editor.measures().keySet());
        model.addAttribute("impactYear", clock.year());
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        if (!model.containsAttribute("typed")) {
            model.addAttribute("typed", Map.of());
        }
        return "hierarchy/draft";
    }

    /** 新建草稿 after the last filed version. */
    @PostMapping("/rule-sets/{key}/draft/new")
    String newDraft(@PathVariable String key, RedirectAttributes flash) {
        maintained(key);
        RuleSetVersion v = editor.newDraft(key, currentUsers.current().userId());
        flash.addFlashAttribute("message", msg("hierarchy.draft.created", v.getVersion()));
        return "redirect:/rule-sets/" + key + "/draft";
    }

    // ---------------------------------------------------------------- the typed editor

    @GetMapping("/rule-sets/{key}/draft/rules/{ruleId}")
    String form(@PathVariable String key, @PathVariable String ruleId, @RequestParam String decision, Model model) {
        maintained(key);
        RuleSetVersion v = editor.draft(key, null);
        RowPreview.Model m = editor.model(v);
        RowEdit edit = editorOf(m, key, decision, ruleId);
        RowPreview.Result result = preview.preview(m, edit, Map.of());
        return editPage(model, key, v, edit, edit.fields(), result, Map.of(), false);
    }

    /** 预览 (op=preview) shows the form again with the after sentence; 保存 writes the cells into the delta. */
    @PostMapping("/rule-sets/{key}/draft/rules/{ruleId}")
    String submit(@PathVariable String key, @PathVariable String ruleId, @RequestParam String decision,
            @RequestParam(required = false) Integer version, @RequestParam(defaultValue = "save") String op,
            @RequestParam MultiValueMap<String, String> form, Model model, RedirectAttributes flash) {
        maintained(key);
        RuleSetVersion v = editor.draft(key, version);
        RowPreview.Model m = editor.model(v);
        RowEdit edit = editorOf(m, key, decision, ruleId);
        // a rule's description is the parent's; a derived set states its basis in the 依据 column instead
        form.remove("desc");
        RowEdit.Parsed parsed = edit.parse(form);
        Map<String, String> errors = new LinkedHashMap<>(parsed.errors());
        RowPreview.Result result = preview.preview(m, edit, errors.isEmpty() ? parsed.cells() : Map.of());
        if (errors.isEmpty()) {
            errors.putAll(result.errors());
        }
        if (!"save".equals(op) || !errors.isEmpty()) {
            return editPage(model, key, v, edit, parsed.fields(), result, errors, true);
        }
        try {
            editor.saveRow(v, edit.table(), ruleId, parsed.cells(), result.before(), result.after(),
                    currentUsers.current().userId());
        } catch (HierarchyRefusal r) {
            errors.put("", r.getMessage());
            return editPage(model, key, v, edit, parsed.fields(), result, errors, true);
        }
        flash.addFlashAttribute("message", parsed.cells().isEmpty() ? msg("sentence.edit.unchanged")
                : msg("sentence.edit.saved", result.before(), result.after()));
        return "redirect:/rule-sets/" + key + "/draft#r-" + ruleId;
    }

    /** The live preview: the same as 预览, as JSON for the page's script (js/rule-edit.js). */
    @PostMapping("/rule-sets/{key}/draft/rules/{ruleId}/preview")
    @ResponseBody
    Map<String, Object> livePreview(@PathVariable String key, @PathVariable String ruleId, @RequestParam String decision,
            @RequestParam MultiValueMap<String, String> form) {
        maintained(key);
        RuleSetVersion v = editor.draft(key, null);
        RowPreview.Model m = editor.model(v);
        RowEdit edit = editorOf(m, key, decision, ruleId);
        form.remove("desc");
        RowEdit.Parsed parsed = edit.parse(form);
        Map<String, String> errors = new LinkedHashMap<>(parsed.errors());
        RowPreview.Result result = preview.preview(m, edit, errors.isEmpty() ? parsed.cells() : Map.of());
        errors.putAll(result.errors());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("before", result.before());
        json.put("after", errors.isEmpty() ? result.after() : result.before());
        json.put("samples", result.samples());
        json.put("errors", errors);
        return json;
    }

    private RowEdit editorOf(RowPreview.Model m, String key, String decision, String ruleId) {
        if (DraftEditor.part(key, decision) == null) {
            throw new NotFound();
        }
        RowEdit edit = preview.editor(m, decision, ruleId);
        if (edit == null) {
            throw new NotFound();
        }
        return edit;
    }

    private String editPage(Model model, String key, RuleSetVersion v, RowEdit edit, List<RowEdit.Field> fields,
            RowPreview.Result result, Map<String, String> errors, boolean previewed) {
        model.addAttribute("set", derivations.set(key));
        model.addAttribute("version", v);
        model.addAttribute("table", edit.table());
        model.addAttribute("row", edit.row());
        model.addAttribute("fields", fields);
        model.addAttribute("preview", result);
        model.addAttribute("errors", errors);
        model.addAttribute("previewed", previewed);
        // the guardrails as the form would leave the draft (submission refuses while one fails)
        model.addAttribute("guardrails", editor.guardrails(v, result.afterXml()).stream().filter(g -> !g.allowed()).toList());
        return "hierarchy/rule-edit";
    }

    // ---------------------------------------------------------------- remove, restore, copy

    @PostMapping("/rule-sets/{key}/draft/rules/{ruleId}/remove")
    String remove(@PathVariable String key, @PathVariable String ruleId, @RequestParam String decision,
            @RequestParam(required = false) Integer version, Model model, RedirectAttributes flash) {
        maintained(key);
        RuleSetVersion v = editor.draft(key, version);
        RowEdit edit = editorOf(editor.model(v), key, decision, ruleId);
        String text = sentences.of(edit.table(), edit.row(), vocabularies.of(key,
                DecisionTables.parse(derivations.effectiveXml(v)).views())).text();
        try {
            editor.remove(v, DraftEditor.part(key, decision), ruleId, text, currentUsers.current().userId());
        } catch (HierarchyRefusal r) {
            model.addAttribute("errors", Map.of("row", r.getMessage()));
            return page(key, model);
        }
        flash.addFlashAttribute("message", msg("hierarchy.draft.removed", text));
        return "redirect:/rule-sets/" + key + "/draft";
    }

    @PostMapping("/rule-sets/{key}/draft/removals/{part}/{ruleId}/restore")
    String restore(@PathVariable String key, @PathVariable String part, @PathVariable String ruleId,
            @RequestParam(required = false) Integer version, Model model, RedirectAttributes flash) {
        maintained(key);
        RuleSetVersion v = editor.draft(key, version);
        if (!Delta.TABLES.contains(part)) {
            throw new NotFound();
        }
        try {
            editor.restore(v, part, ruleId, currentUsers.current().userId());
        } catch (HierarchyRefusal r) {
            model.addAttribute("errors", Map.of("row", r.getMessage()));
            return page(key, model);
        }
        flash.addFlashAttribute("message", msg("hierarchy.draft.restored"));
        return "redirect:/rule-sets/" + key + "/draft#r-" + ruleId;
    }

    @PostMapping("/rule-sets/{key}/draft/rules/{ruleId}/copy")
    String copy(@PathVariable String key, @PathVariable String ruleId, @RequestParam String decision,
            @RequestParam(required = false) Integer version, Model model) {
        maintained(key);
        RuleSetVersion v = editor.draft(key, version);
        RowEdit edit = editorOf(editor.model(v), key, decision, ruleId);
        String text = sentences.of(edit.table(), edit.row(), vocabularies.of(key,
                DecisionTables.parse(derivations.effectiveXml(v)).views())).text();
        try {
            String id = editor.copy(v, edit.table(), ruleId, text, currentUsers.current().userId());
            return "redirect:/rule-sets/" + key + "/draft/rules/" + id + "?decision=" + decision;
        } catch (HierarchyRefusal r) {
            model.addAttribute("errors", Map.of("row", r.getMessage()));
            return page(key, model);
        }
    }

    // ---------------------------------------------------------------- an own activity type

    @PostMapping("/rule-sets/{key}/draft/types")
    String addType(@PathVariable String key, @RequestParam(required = false) Integer version,
            @RequestParam(defaultValue = "") String code, @RequestParam(defaultValue = "") String nameZh,
            @RequestParam(defaultValue = "") String subject, @RequestParam(defaultValue = "") String measure,
            @RequestParam(defaultValue = "") String rate, @RequestParam(defaultValue = "") String cap,
            @RequestParam(defaultValue = "") String basis, Model model, RedirectAttributes flash) {
        maintained(key);
        RuleSetVersion v = editor.draft(key, version);
        DraftEditor.TypeForm f = new DraftEditor.TypeForm(code, nameZh, subject, measure, rate, cap, basis);
        Map<String, String> errors = editor.addType(v, f, derivations.preview(v), currentUsers.current().userId());
        if (!errors.isEmpty()) {
            model.addAttribute("errors", errors);
            model.addAttribute("typed", f.typed());
            return page(key, model);
        }
        flash.addFlashAttribute("message", msg("hierarchy.type.added", nameZh.trim(), code.trim()));
        return "redirect:/rule-sets/" + key + "/draft#types";
    }

    // ---------------------------------------------------------------- impact over the owner's members

    @GetMapping("/rule-sets/{key}/impact")
    String impact(@PathVariable String key, @RequestParam(required = false) String year, Model model) {
        DerivedRuleSet set = maintained(key);
        RuleSetVersion latest = derivations.latest(key);
        int first = recognition.standards(set.getParentKey()).map(RuleSetStandards::firstYear).orElse(clock.year());
        int last = clock.year();
        Integer y = null;
        String error = null;
        try {
            y = year == null || year.isBlank() ? last : Integer.valueOf(year.trim());
        } catch (NumberFormatException e) {
            error = msg("hierarchy.impact.error.year", first, last);
        }
        if (y != null && (y < first || y > last)) {
            error = msg("hierarchy.impact.error.year", first, last);
        }
        model.addAttribute("set", set);
        model.addAttribute("latest", latest);
        model.addAttribute("typedYear", year == null ? String.valueOf(last) : year);
        model.addAttribute("error", error);
        if (error == null) {
            // in force: the set's own filed version if it has one, else what its parent says today
            boolean filed = recognition.standards(key).isPresent();
            String beforeKey = filed ? key : set.getParentKey();
            MemberImpact impact = impacts.preview(members.units(set), y, beforeKey, recognition, key,
                    derivations.preview(latest));
            model.addAttribute("impact", impact);
            model.addAttribute("beforeName", recognition.standards(beforeKey).map(RuleSetStandards::nameZh).orElse(beforeKey));
        }
        return "hierarchy/impact";
    }

    private DerivedRuleSet maintained(String key) {
        CurrentUser me = currentUsers.current();
        return scope.maintained(me, derivations.set(key));
    }

    private String msg(String key, Object... args) {
        return messages.getMessage(key, args, key, ZH);
    }
}
