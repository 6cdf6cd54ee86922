package cn.xueshi.workbench;

import cn.xueshi.ruleedit.TableView;
import cn.xueshi.ruleedit.DecisionTables;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The rule workbench's pages (规则维护): rule sets, a draft's editor, its checks, deploy and roll back, audit. */
@Controller
class WorkbenchController {

    static final String INDEX = "workbench/index";
    static final String RULE_SET = "workbench/rule-set";
    static final String DRAFT = "workbench/draft";
    static final String CHECK = "workbench/check";
    static final String AUDIT = "workbench/audit";

    private final Workbench workbench;
    private final RuleAuditLog audit;
    private final MessageSource messages;
    private final SentencePage sentences;

    WorkbenchController(Workbench workbench, RuleAuditLog audit, MessageSource messages, SentencePage sentences) {
        this.workbench = workbench;
        this.audit = audit;
        this.messages = messages;
        this.sentences = sentences;
    }

    @GetMapping("/workbench")
    String index(Model model) {
        Map<String, Object> rows = new LinkedHashMap<>();
        for (String rs : workbench.ruleSets()) {
            rows.put(rs, new Summary(rs, workbench.versions(rs).stream().filter(VersionRow::active).findFirst().orElse(null),
                    workbench.currentDraft(rs).orElse(null), workbench.cases(rs).size()));
        }
        model.addAttribute("summaries", rows.values());
        model.addAttribute("policies", PolicyTableController.summaries(workbench));
        return INDEX;
    }

    /** One line of the rule set list. */
    public record Summary(String ruleSet, VersionRow active, Draft draft, int cases) {
    }

    @GetMapping("/workbench/rule-sets/{ruleSet}")
    String ruleSet(@PathVariable String ruleSet, @RequestParam(required = false) String decision,
            @RequestParam(required = false) String view, @RequestParam(required = false) String type, Model model) {
        if (workbench.policy(ruleSet).isPresent()) {
            return "redirect:" + Workbench.page(ruleSet); // links shared by both kinds (drafts, audit) land here
        }
        List<TableView> tables = workbench.activeTables(ruleSet);
        model.addAttribute("ruleSet", ruleSet);
        model.addAttribute("versions", workbench.versions(ruleSet));
        model.addAttribute("tables", tables);
        TableView table = chosen(tables, decision, ruleSet);
        model.addAttribute("table", table);
        model.addAttribute("view", "table".equals(view) ? "table" : "sentences");
        model.addAllAttributes(sentences.attributes(ruleSet, tables, table, type));
        model.addAttribute("draft", workbench.currentDraft(ruleSet).orElse(null));
        model.addAttribute("results", workbench.regression(ruleSet));
        return RULE_SET;
    }

    @PostMapping("/workbench/rule-sets/{ruleSet}/drafts")
    String openDraft(@PathVariable String ruleSet, Principal me) {
        return "redirect:/workbench/drafts/" + workbench.openDraft(workbench.ruleSet(ruleSet), me.getName()).getId();
    }

    @PostMapping("/workbench/rule-sets/{ruleSet}/upload")
    String upload(@PathVariable String ruleSet, @RequestParam("file") MultipartFile file,
            @RequestParam(defaultValue = "") String comment, Principal me, RedirectAttributes flash) throws IOException {
        try {
            Draft d = workbench.upload(workbench.ruleSet(ruleSet), file.getBytes(), me.getName(), comment);
            return "redirect:/workbench/drafts/" + d.getId() + "/check";
        } catch (WorkbenchRefusal r) {
            flash.addFlashAttribute("error", text(r));
            return "redirect:/workbench/rule-sets/" + ruleSet;
        }
    }

    @PostMapping("/workbench/rule-sets/{ruleSet}/rollback")
    String rollback(@PathVariable String ruleSet, @RequestParam int version, @RequestParam(defaultValue = "") String comment,
            Principal me, RedirectAttributes flash) {
        try {
            int now = workbench.rollback(ruleSet, version, comment, me.getName());
            flash.addFlashAttribute("message", msg("wb.rolledBack", version, now));
        } catch (WorkbenchRefusal r) {
            flash.addFlashAttribute("error", text(r));
        }
        return "redirect:/workbench/rule-sets/" + ruleSet;
    }

    @PostMapping("/workbench/rule-sets/{ruleSet}/cases")
    String addCase(@PathVariable String ruleSet, @RequestParam String name, @RequestParam String requestJson,
            @RequestParam String expectJson, @RequestParam(defaultValue = "") String comment, Principal me,
            RedirectAttributes flash) {
        try {
            workbench.addCase(ruleSet, name, requestJson, expectJson, comment, me.getName());
            flash.addFlashAttribute("message", msg("wb.case.added", name));
        } catch (WorkbenchRefusal r) {
            flash.addFlashAttribute("error", text(r));
        }
        return "redirect:/workbench/rule-sets/" + ruleSet + "#cases";
    }

    @PostMapping("/workbench/cases/{id}/delete")
    String deleteCase(@PathVariable long id, @RequestParam String ruleSet, @RequestParam(defaultValue = "") String comment,
            Principal me, RedirectAttributes flash) {
        try {
            workbench.deleteCase(id, comment, me.getName());
        } catch (WorkbenchRefusal r) {
            flash.addFlashAttribute("error", text(r));
        }
        return "redirect:" + Workbench.page(workbench.ruleSet(ruleSet)) + "#cases";
    }

    // ---------------------------------------------------------------- drafts

    @GetMapping("/workbench/drafts/{id}")
    String draft(@PathVariable long id, @RequestParam(required = false) String decision,
            @RequestParam(required = false) String view, @RequestParam(required = false) String type, Model model) {
        Draft draft = workbench.draft(id);
        List<TableView> tables;
        try {
            tables = DecisionTables.parse(draft.getDmnXml()).views();
        } catch (IllegalArgumentException e) {
            tables = List.of();
        }
        model.addAttribute("draft", draft);
        model.addAttribute("tables", tables);
        TableView table = chosen(tables, decision, draft.getRuleSet());
        model.addAttribute("table", table);
        boolean policy = workbench.policy(draft.getRuleSet()).isPresent();
        model.addAttribute("policy", policy);
        if (policy) {
            // a policy table (routing, publicity …) has no rule sentences: its cells are edited as a table
            model.addAttribute("view", "table");
            model.addAttribute("wordDiff", List.of());
            return DRAFT;
        }
        // rules read as sentences unless the analyst asks for the full table (expert view)
        model.addAttribute("view", "table".equals(view) ? "table" : "sentences");
        model.addAllAttributes(sentences.attributes(draft.getRuleSet(), tables, table, type));
        model.addAttribute("wordDiff", sentences.changes(draft));
        return DRAFT;
    }

    @PostMapping("/workbench/drafts/{id}/edit")
    String edit(@PathVariable long id, @RequestParam String decision, @RequestParam(required = false) String op,
            @RequestParam Map<String, String> params, Principal me, RedirectAttributes flash) {
        Map<String, String> cells = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            if (k.startsWith("in:") || k.startsWith("out:") || k.startsWith("desc:")) {
                cells.put(k, v);
            }
        });
        try {
            workbench.edit(id, decision, cells, op, me.getName());
            flash.addFlashAttribute("message", msg("wb.draft.saved"));
        } catch (WorkbenchRefusal r) {
            flash.addFlashAttribute("error", text(r));
        }
        return "redirect:/workbench/drafts/" + id + "?decision=" + decision + ("table".equals(params.get("view")) ? "&view=table" : "");
    }

    @PostMapping("/workbench/drafts/{id}/discard")
    String discard(@PathVariable long id, Principal me, RedirectAttributes flash) {
        String ruleSet = workbench.draft(id).getRuleSet();
        workbench.discard(id, me.getName());
        flash.addFlashAttribute("message", msg("wb.draft.discarded"));
        return "redirect:" + Workbench.page(ruleSet);
    }

    @GetMapping("/workbench/drafts/{id}/download")
    ResponseEntity<byte[]> download(@PathVariable long id) {
        Draft draft = workbench.draft(id);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(draft.getRuleSet() + "-draft.dmn").build().toString())
                .body(draft.getDmnXml().getBytes(StandardCharsets.UTF_8));
    }

    /** Validation, regression cases and impact preview of a draft, and the deploy form. */
    @GetMapping("/workbench/drafts/{id}/check")
    String check(@PathVariable long id, Model model) {
        Draft draft = workbench.draft(id);
        List<Problem> problems = workbench.validate(draft);
        boolean valid = problems.stream().noneMatch(Problem::error);
        model.addAttribute("draft", draft);
        model.addAttribute("problems", problems);
        model.addAttribute("valid", valid);
        List<CaseResult> results = valid ? workbench.regression(draft) : List.of();
        model.addAttribute("results", results);
        model.addAttribute("failing", results.stream().filter(r -> !r.passed()).count());
        model.addAttribute("impact", valid ? workbench.impact(draft) : null);
        PolicyTable policy = workbench.policy(draft.getRuleSet()).orElse(null);
        model.addAttribute("policy", policy);
        // rows read as sentences are the recognition table's; a policy table's check shows its cases instead
        model.addAttribute("wordDiff", policy == null ? sentences.changes(draft) : List.of());
        model.addAttribute("typeNames", policy == null ? sentences.typeNames(draft) : Map.of());
        return CHECK;
    }

    @PostMapping("/workbench/drafts/{id}/cases/{caseId}")
    String changeCase(@PathVariable long id, @PathVariable long caseId, @RequestParam String expectJson,
            @RequestParam(defaultValue = "") String comment, Principal me, RedirectAttributes flash) {
        try {
            workbench.changeCase(id, caseId, expectJson, comment, me.getName());
            flash.addFlashAttribute("message", msg("wb.case.changed"));
        } catch (WorkbenchRefusal r) {
            flash.addFlashAttribute("error", text(r));
        }
        return "redirect:/workbench/drafts/" + id + "/check";
    }

    @PostMapping("/workbench/drafts/{id}/deploy")
    String deploy(@PathVariable long id, @RequestParam(defaultValue = "") String comment, Principal me,
            RedirectAttributes flash) {
        String ruleSet = workbench.draft(id).getRuleSet();
        try {
            int version = workbench.deploy(id, comment, me.getName());
            flash.addFlashAttribute("message", msg("wb.deployed", version));
            return "redirect:" + Workbench.page(ruleSet);
        } catch (WorkbenchRefusal r) {
            flash.addFlashAttribute("error", text(r));
            return "redirect:/workbench/drafts/" + id + "/check";
        }
    }

    // ---------------------------------------------------------------- audit

    @GetMapping("/workbench/audit")
    String audit(@RequestParam(required = false) String ruleSet, Model model) {
        model.addAttribute("ruleSets", workbench.models());
        model.addAttribute("chosen", ruleSet);
        model.addAttribute("entries", audit.entries(ruleSet));
        return AUDIT;
    }

    @GetMapping("/workbench/audit.csv")
    ResponseEntity<byte[]> auditCsv(@RequestParam(required = false) String ruleSet) {
        List<String> header = List.of(msg("wb.audit.time"), msg("wb.audit.ruleSet"), msg("wb.audit.actor"),
                msg("wb.audit.action"), msg("wb.audit.detail"), msg("wb.audit.comment"));
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("rule-audit.csv").build().toString())
                .body(audit.csv(ruleSet, header).getBytes(StandardCharsets.UTF_8));
    }

    // ---------------------------------------------------------------- helpers

    private static TableView chosen(List<TableView> tables, String decision, String ruleSet) {
        String key = decision != null ? decision : RuleSetVersions.anchor(ruleSet);
        return tables.stream().filter(t -> t.key().equals(key)).findFirst()
                .orElse(tables.isEmpty() ? null : tables.get(0));
    }

    private String text(WorkbenchRefusal r) {
        return messages.getMessage(r.key, r.args, r.key, LocaleContextHolder.getLocale());
    }

    private String msg(String key, Object... args) {
        return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
    }
}
