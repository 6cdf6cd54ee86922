package cn.xueshi.hierarchy;

import cn.xueshi.hierarchy.DerivedRuleSet.OwnerKind;
import cn.xueshi.identity.CurrentUser;
import cn.xueshi.identity.CurrentUserService;
import cn.xueshi.rules.RecognitionService;
import cn.xueshi.rules.RuleSetStandards;
import cn.xueshi.system.NotFound;
import cn.xueshi.task.TaskForms;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.task.Task;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.http.ResponseEntity;
import cn.xueshi.evidence.EvidenceFile;
import cn.xueshi.evidence.InlineFile;

/**
 * 规则层级与备案: the derived sets a person may see, one set's page (chain, changes against the parent in words,
 * guardrails, merge of a newer parent version, edit, submit for filing, audit) and the filing authority's and the
 * submitter's task pages. Bad input re-renders the page with the message beside the field and what was typed.
 */
@Controller
class HierarchyController {

    private final Derivations derivations;
    private final RuleFiling filing;
    private final MaintainerScope scope;
    private final FilingAuthority authority;
    private final RecognitionService recognition;
    private final ParentDiff diff;
    private final CurrentUserService currentUsers;
    private final TaskForms taskForms;
    private final MessageSource messages;
    private final BigDecimal maxCellValue;
    private final Samples samples;
    private final OwnCases ownCases;
    private final FilingDocuments documents;

    HierarchyController(Derivations derivations, RuleFiling filing, MaintainerScope scope, FilingAuthority authority,
            RecognitionService recognition, ParentDiff diff, CurrentUserService currentUsers, TaskForms taskForms,
            MessageSource messages, @Value("${xueshi.hierarchy.max-cell-value:1000}") BigDecimal maxCellValue,
            Samples samples, FilingDocuments documents, OwnCases ownCases) {
        this.documents = documents;
        this.samples = samples;
        this.ownCases = ownCases;
        this.derivations = derivations;
        this.filing = filing;
        this.scope = scope;
        this.authority = authority;
        this.recognition = recognition;
        this.diff = diff;
        this.currentUsers = currentUsers;
        this.taskForms = taskForms;
        this.messages = messages;
        this.maxCellValue = maxCellValue;
    }

    // ---------------------------------------------------------------- list and create

    @GetMapping("/rule-sets")
    String list(Model model) {
        CurrentUser me = currentUsers.current();
        model.addAttribute("sets", derivations.all().stream().filter(s -> scope.mayView(me, s)).toList());
        model.addAttribute("owners", scope.owners(me.userId()));
        model.addAttribute("errors", model.containsAttribute("errors") ? model.getAttribute("errors") : Map.of());
        return "hierarchy/list";
    }

    @PostMapping("/rule-sets")
    String create(@RequestParam(defaultValue = "") String key, @RequestParam(defaultValue = "") String nameZh,
            @RequestParam(defaultValue = "") String owner, @RequestParam(defaultValue = "") String parentKey,
            Model model) {
        CurrentUser me = currentUsers.current();
        String[] parts = owner.split(":", 2);
        model.addAttribute("typed", Map.of("key", key, "nameZh", nameZh, "owner", owner, "parentKey", parentKey));
        try {
            if (parts.length != 2 || !List.of("DEPARTMENT", "UNIT").contains(parts[0])
                    || !scope.maintainsOwner(me, OwnerKind.valueOf(parts[0]), parts[1])) {
                throw derivations.refusal("owner", "hierarchy.error.notMaintainer");
            }
            derivations.create(key, nameZh, OwnerKind.valueOf(parts[0]), parts[1], parentKey, me.userId());
            return "redirect:/rule-sets/" + key.trim();
        } catch (HierarchyRefusal e) {
            model.addAttribute("errors", Map.of(e.getField(), e.getMessage()));
            return list(model);
        }
    }

    // ---------------------------------------------------------------- one set

    @GetMapping("/rule-sets/{key}")
    String show(@PathVariable String key, Model model) {
        CurrentUser me = currentUsers.current();
        DerivedRuleSet set = scope.readable(me, derivations.set(key));
        RuleSetVersion latest = derivations.latest(key);
        Delta delta = derivations.delta(latest);
        RuleSetStandards parent = recognition.standards(set.getParentKey()).orElseThrow(NotFound::new);
        RuleSetStandards mine = derivations.preview(latest).standards(key).orElseThrow();
        model.addAttribute("set", set);
        model.addAttribute("latest", latest);
        model.addAttribute("versions", derivations.versions(key));
        model.addAttribute("documents", documentsOf(me, set, derivations.versions(key)));
        model.addAttribute("documentMaxMb", documents.maxShown());
        model.addAttribute("parentChain", recognition.chain(set.getParentKey()));
        model.addAttribute("standards", mine);
        model.addAttribute("changes", diff.sentences(parent, mine, delta));
        model.addAttribute("guardrails", derivations.guardrails(latest));
        model.addAttribute("conflicts", derivations.mergeConflicts(key));
        model.addAttribute("parentVersionNow", derivations.parentDecisionVersion(set.getParentKey()));
        model.addAttribute("cells", editableCells(latest, set));
        model.addAttribute("maintains", scope.maintains(me, set));
        model.addAttribute("route", authority.route(set));
        model.addAttribute("audit", derivations.auditOf(key));
        Task task = filing.openTask(me, latest);
        model.addAttribute("taskId", task == null ? null : task.getId());
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        if (!model.containsAttribute("typed")) {
            model.addAttribute("typed", Map.of());
        }
        return "hierarchy/set";
    }

    /** A number cell of a row the maintainer may change: facts' requirements, caps, item rates. */
    record Cell(String table, String rule, String column, String value, String label) {
        public String id() {
            return table + "|" + rule + "|" + column;
        }
    }

    private List<Cell> editableCells(RuleSetVersion v, DerivedRuleSet set) {
        var rows = DerivedModelBuilder.rows(derivations.effectiveXml(v), set.getKey());
        RuleSetStandards mine = derivations.preview(v).standards(set.getKey()).orElseThrow();
        Map<String, String> rateNames = new LinkedHashMap<>();
        mine.activityTypes().forEach(t -> t.rates().forEach(r -> rateNames.put(r.ruleId(),
                t.nameZh() + (r.conditionZh().isEmpty() ? "" : " · " + r.conditionZh()))));
        List<Cell> cells = new ArrayList<>();
        rows.getOrDefault("facts", Map.of()).forEach((rule, row) -> Guardrails.REQUIREMENTS.forEach(c ->
                cells.add(new Cell("facts", rule, c, row.get(c), msg("hierarchy.fact." + c)))));
        rows.getOrDefault("caps", Map.of()).forEach((rule, row) -> cells.add(new Cell("caps", rule, "cap",
                row.get("cap"), msg("hierarchy.cell.cap", row.getOrDefault("nameZh", "").replace("\"", "")))));
        rows.getOrDefault("items", Map.of()).forEach((rule, row) -> row.forEach((column, value) -> {
            if (Guardrails.number(value) != null && !value.isBlank() && !"-".equals(value)
                    && !List.of("publicShare").contains(column) && rateNames.containsKey(rule)) {
                cells.add(new Cell("items", rule, column, value, rateNames.get(rule) + " · " + msg("hierarchy.column." + column)));
            }
        }));
        return cells;
    }

    @PostMapping("/rule-sets/{key}/cells")
    String change(@PathVariable String key, @RequestParam(defaultValue = "") String cell,
            @RequestParam(defaultValue = "") String value, Model model) {
        CurrentUser me = currentUsers.current();
        DerivedRuleSet set = scope.maintained(me, derivations.set(key));
        String[] parts = cell.split("\\|", 3);
        List<Cell> allowed = editableCells(derivations.latest(key), set);
        model.addAttribute("typed", Map.of("cell", cell, "value", value));
        try {
            Cell target = allowed.stream().filter(c -> c.id().equals(cell)).findFirst()
                    .orElseThrow(() -> derivations.refusal("cell", "hierarchy.error.cell"));
            BigDecimal number;
            try {
                number = new BigDecimal(value.trim());
            } catch (NumberFormatException e) {
                throw derivations.refusal("value", "hierarchy.error.value", maxCellValue.toPlainString());
            }
            if (number.signum() < 0 || number.compareTo(maxCellValue) > 0 || number.stripTrailingZeros().scale() > 2) {
                throw derivations.refusal("value", "hierarchy.error.value", maxCellValue.toPlainString());
            }
            String feel = number.stripTrailingZeros().toPlainString();
            derivations.edit(key, d -> d.withChange(new Delta.Change(parts[0], parts[1], parts[2], feel)), me.userId(),
                    target.label() + "：" + target.value() + " → " + feel);
            return "redirect:/rule-sets/" + key;
        } catch (HierarchyRefusal e) {
            model.addAttribute("errors", Map.of(e.getField(), e.getMessage()));
            return show(key, model);
        }
    }

    @PostMapping("/rule-sets/{key}/submit")
    String submit(@PathVariable String key, @RequestParam(defaultValue = "") String reason,
            @RequestParam(defaultValue = "") String documentRef, @RequestParam(defaultValue = "") String effectiveFrom,
            @RequestParam(value = "document", required = false) MultipartFile document, Model model) {
        CurrentUser me = currentUsers.current();
        scope.maintained(me, derivations.set(key));
        model.addAttribute("typed", Map.of("reason", reason, "documentRef", documentRef, "effectiveFrom", effectiveFrom));
        try {
            filing.submit(me, key, reason, documentRef, date(effectiveFrom, "effectiveFrom"),
                    SupportingDocument.of(document));
            return "redirect:/rule-sets/" + key;
        } catch (HierarchyRefusal e) {
            model.addAttribute("errors", Map.of(e.getField(), e.getMessage()));
            return show(key, model);
        }
    }

    @PostMapping("/rule-sets/{key}/merge")
    String merge(@PathVariable String key, @RequestParam Map<String, String> params, Model model) {
        CurrentUser me = currentUsers.current();
        scope.maintained(me, derivations.set(key));
        Map<String, String> resolutions = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            if (k.startsWith("resolution:")) {
                resolutions.put(k.substring("resolution:".length()), v);
            }
        });
        try {
            derivations.merge(key, resolutions, me.userId());
            return "redirect:/rule-sets/" + key;
        } catch (HierarchyRefusal e) {
            model.addAttribute("errors", Map.of(e.getField(), e.getMessage()));
            return show(key, model);
        }
    }

    // ---------------------------------------------------------------- filing tasks

    @GetMapping("/rule-sets/filing-tasks/{taskId}")
    String task(@PathVariable String taskId, Model model) {
        CurrentUser me = currentUsers.current();
        Task task = filing.task(me, taskId);
        RuleSetVersion v = filing.versionOf(task);
        DerivedRuleSet set = derivations.set(v.getRuleSetKey());
        RuleSetStandards parent = recognition.standards(set.getParentKey()).orElseThrow(NotFound::new);
        RuleSetStandards mine = derivations.preview(v).standards(set.getKey()).orElseThrow();
        model.addAttribute("task", task);
        model.addAttribute("set", set);
        model.addAttribute("version", v);
        model.addAttribute("document", documentsOf(me, set, List.of(v)).get(v.getId()));
        model.addAttribute("documentMaxMb", documents.maxShown());
        model.addAttribute("changes", diff.sentences(parent, mine, derivations.delta(v)));
        model.addAttribute("guardrails", derivations.guardrails(v));
        model.addAttribute("samples", samples.of(recognition.chain(set.getParentKey()).get(
                recognition.chain(set.getParentKey()).size() - 1).key(), set.getParentKey(), recognition, set.getKey(),
                derivations.preview(v)));
        model.addAttribute("ownCases", ownCases.run(set.getKey(), derivations.preview(v)));
        model.addAttribute("audit", derivations.auditOf(set.getKey()));
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        if (!model.containsAttribute("typed")) {
            model.addAttribute("typed", Map.of());
        }
        return taskForms.view(task);
    }

    @PostMapping("/rule-sets/filing-tasks/{taskId}/decision")
    String decide(@PathVariable String taskId, @RequestParam(defaultValue = "") String decision,
            @RequestParam(defaultValue = "") String effectiveFrom, @RequestParam(defaultValue = "") String comments,
            Model model) {
        CurrentUser me = currentUsers.current();
        Task task = filing.task(me, taskId);
        model.addAttribute("typed", Map.of("decision", decision, "effectiveFrom", effectiveFrom, "comments", comments));
        try {
            if (!List.of("FILE", "RETURN").contains(decision)) {
                throw derivations.refusal("decision", "hierarchy.error.decision");
            }
            boolean file = "FILE".equals(decision);
            RuleSetVersion v = filing.decide(me, task.getId(), file,
                    file && !effectiveFrom.isBlank() ? date(effectiveFrom, "effectiveFrom") : null, comments);
            return "redirect:/rule-sets/" + v.getRuleSetKey();
        } catch (HierarchyRefusal e) {
            model.addAttribute("errors", Map.of(e.getField(), e.getMessage()));
            return task(taskId, model);
        }
    }

    @PostMapping("/rule-sets/filing-tasks/{taskId}/resubmit")
    String resubmit(@PathVariable String taskId, @RequestParam(defaultValue = "") String reason,
            @RequestParam(value = "document", required = false) MultipartFile document, Model model) {
        CurrentUser me = currentUsers.current();
        Task task = filing.task(me, taskId);
        model.addAttribute("typed", Map.of("reason", reason));
        try {
            RuleSetVersion v = filing.resubmit(me, task.getId(), reason, SupportingDocument.of(document));
            return "redirect:/rule-sets/" + v.getRuleSetKey();
        } catch (HierarchyRefusal e) {
            model.addAttribute("errors", Map.of(e.getField(), e.getMessage()));
            return task(taskId, model);
        }
    }

    /**
     * The supporting document of one version (备案文件): for the set's maintainers, its filing authority and admins;
     * 404 for anyone else, for an unknown version and for a version without one.
     */
    @GetMapping("/rule-sets/{key}/versions/{version}/document")
    ResponseEntity<byte[]> document(@PathVariable String key, @PathVariable int version) {
        CurrentUser me = currentUsers.current();
        DerivedRuleSet set = derivations.set(key);
        RuleSetVersion v = derivations.versions(key).stream().filter(x -> x.getVersion() == version).findFirst()
                .orElseThrow(NotFound::new);
        FilingDocuments.Opened opened = documents.open(me, set, v);
        return InlineFile.of(opened.file(), opened.content());
    }

    /** The documents of the versions the person may open (version id → file), for the version table and the task. */
    private Map<Long, EvidenceFile> documentsOf(CurrentUser me, DerivedRuleSet set, List<RuleSetVersion> versions) {
        Map<Long, EvidenceFile> out = new java.util.HashMap<>();
        if (documents.mayOpen(me, set)) {
            versions.forEach(v -> documents.of(v).ifPresent(f -> out.put(v.getId(), f)));
        }
        return out;
    }

    private LocalDate date(String text, String field) {
        try {
            return text == null || text.isBlank() ? null : LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw derivations.refusal(field, "hierarchy.error.date");
        }
    }

    private String msg(String key, Object... args) {
        return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
    }
}
