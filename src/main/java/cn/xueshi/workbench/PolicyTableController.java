package cn.xueshi.workbench;

import cn.xueshi.ruleedit.TableView;
import java.io.IOException;
import java.security.Principal;
import java.util.List;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The pages of a policy table (审核分流, 登记政策, 公示政策, 困难补学/减免政策, 规则集选择): the active table,
 * its versions with roll-back, its regression cases. Drafts, their check and deploy are the shared
 * pages under {@code /workbench/drafts/}. Also: a draft from an earlier version, for both kinds.
 */
@Controller
class PolicyTableController {

    static final String TABLE = "workbench/table";

    private final Workbench workbench;
    private final MessageSource messages;

    PolicyTableController(Workbench workbench, MessageSource messages) {
        this.workbench = workbench;
        this.messages = messages;
    }

    /** One line of the policy table list on /workbench. */
    public record Summary(PolicyTable table, VersionRow active, Draft draft, int cases) {
    }

    static List<Summary> summaries(Workbench workbench) {
        return PolicyTable.keys().stream().map(k -> new Summary(workbench.policyTable(k),
                workbench.versions(k).stream().filter(VersionRow::active).findFirst().orElse(null),
                workbench.currentDraft(k).orElse(null), workbench.cases(k).size())).toList();
    }

    @GetMapping("/workbench/tables/{key}")
    String table(@PathVariable String key, Model model) {
        PolicyTable table = workbench.policyTable(key);
        List<TableView> tables = workbench.activeTables(key);
        model.addAttribute("policy", table);
        model.addAttribute("ruleSet", key);
        model.addAttribute("versions", workbench.versions(key));
        model.addAttribute("tables", tables);
        model.addAttribute("table", tables.stream().filter(t -> t.key().equals(key)).findFirst().orElse(null));
        model.addAttribute("draft", workbench.currentDraft(key).orElse(null));
        model.addAttribute("results", workbench.regression(key));
        return TABLE;
    }

    @PostMapping("/workbench/tables/{key}/drafts")
    String openDraft(@PathVariable String key, Principal me) {
        return "redirect:/workbench/drafts/" + workbench.openDraft(workbench.policyTable(key).key, me.getName()).getId();
    }

    @PostMapping("/workbench/tables/{key}/upload")
    String upload(@PathVariable String key, @RequestParam("file") MultipartFile file,
            @RequestParam(defaultValue = "") String comment, Principal me, RedirectAttributes flash) throws IOException {
        PolicyTable table = workbench.policyTable(key);
        try {
            Draft d = workbench.upload(table.key, file.getBytes(), me.getName(), comment);
            return "redirect:/workbench/drafts/" + d.getId() + "/check";
        } catch (WorkbenchRefusal r) {
            flash.addFlashAttribute("error", text(r));
            return "redirect:" + Workbench.page(table.key);
        }
    }

    @PostMapping("/workbench/tables/{key}/rollback")
    String rollback(@PathVariable String key, @RequestParam int version, @RequestParam(defaultValue = "") String comment,
            Principal me, RedirectAttributes flash) {
        PolicyTable table = workbench.policyTable(key);
        try {
            int now = workbench.rollback(table.key, version, comment, me.getName());
            flash.addFlashAttribute("message", msg("wb.rolledBack", version, now));
        } catch (WorkbenchRefusal r) {
            flash.addFlashAttribute("error", text(r));
        }
        return "redirect:" + Workbench.page(table.key) + "#versions";
    }

    @PostMapping("/workbench/tables/{key}/cases")
    String addCase(@PathVariable String key, @RequestParam String name, @RequestParam String requestJson,
            @RequestParam String expectJson, @RequestParam(defaultValue = "") String comment, Principal me,
            RedirectAttributes flash) {
        PolicyTable table = workbench.policyTable(key);
        try {
            workbench.addCase(table.key, name, requestJson, expectJson, comment, me.getName());
            flash.addFlashAttribute("message", msg("wb.case.added", name));
        } catch (WorkbenchRefusal r) {
            flash.addFlashAttribute("error", text(r));
            // what was typed stays in the form
            flash.addFlashAttribute("caseName", name);
            flash.addFlashAttribute("caseRequest", requestJson);
            flash.addFlashAttribute("caseExpect", expectJson);
            flash.addFlashAttribute("caseComment", comment);
        }
        return "redirect:" + Workbench.page(table.key) + "#cases";
    }

    /** A draft copied from an earlier version of a rule set or policy table. */
    @PostMapping({"/workbench/tables/{key}/versions/{version}/draft", "/workbench/rule-sets/{key}/versions/{version}/draft"})
    String draftFromVersion(@PathVariable String key, @PathVariable int version, Principal me, RedirectAttributes flash) {
        String model = workbench.ruleSet(key);
        try {
            Draft d = workbench.draftFromVersion(model, version, me.getName());
            flash.addFlashAttribute("message", msg("wb.draft.fromVersion", version));
            return "redirect:/workbench/drafts/" + d.getId() + "/check";
        } catch (WorkbenchRefusal r) {
            flash.addFlashAttribute("error", text(r));
            return "redirect:" + Workbench.page(model) + "#versions";
        }
    }

    private String text(WorkbenchRefusal r) {
        return messages.getMessage(r.key, r.args, r.key, LocaleContextHolder.getLocale());
    }

    private String msg(String key, Object... args) {
        return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
    }
}
