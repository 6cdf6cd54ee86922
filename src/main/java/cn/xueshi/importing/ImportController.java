package cn.xueshi.importing;

import cn.xueshi.identity.CurrentUser;
import cn.xueshi.identity.CurrentUserService;
import java.io.IOException;
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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * /imports: choose a kind, download its template, upload a file → the dry-run report (every problem row with row,
 * column and a Chinese message) → 确认导入 in one action. A large import shows a progress bar (the page reloads
 * itself while it runs; progress comes from the database, so any node serves it) and a downloadable error report.
 */
@Controller
@RequestMapping("/imports")
class ImportController {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final ImportService imports;
    private final CurrentUserService users;
    private final ImportWorkbooks workbooks;
    private final MessageSource messages;

    ImportController(ImportService imports, CurrentUserService users, ImportWorkbooks workbooks,
            MessageSource messages) {
        this.imports = imports;
        this.users = users;
        this.workbooks = workbooks;
        this.messages = messages;
    }

    @GetMapping
    String page(@RequestParam(name = "kind", required = false) String kind,
            @RequestParam(name = "activityId", required = false) Long activityId, Model model) {
        CurrentUser me = users.current();
        model.addAttribute("rosterKind", ImportKind.ACTIVITY_ROSTER);
        model.addAttribute("activityId", activityId);
        List<ImportKind> kinds = imports.kindsFor(me);
        if (kinds.isEmpty()) {
            throw new ImportForbidden();
        }
        model.addAttribute("kinds", kinds);
        model.addAttribute("kind", kinds.stream().filter(k -> k.name().equals(kind)).findFirst().orElse(kinds.get(0)));
        model.addAttribute("recent", imports.recent(me));
        model.addAttribute("maxMb", cn.xueshi.system.ByteLimit.shown(imports.properties().maxFileBytes()));
        model.addAttribute("maxRows", imports.properties().maxRows());
        return "importing/imports";
    }

    @PostMapping
    String upload(@RequestParam("kind") String kind, @RequestParam(name = "file", required = false) MultipartFile file,
            @RequestParam Map<String, String> params, Model model) throws IOException {
        CurrentUser me = users.current();
        ImportKind k = kindOf(kind, me);
        try {
            if (file == null || file.isEmpty()) {
                throw new UnreadableFile("import.file.empty");
            }
            if (file.getSize() > imports.properties().maxFileBytes()) {
                throw new UnreadableFile("import.file.tooLarge", cn.xueshi.system.ByteLimit.shown(imports.properties().maxFileBytes()));
            }
            List<Map<String, Object>> rows = imports.rowsOf(k, file.getBytes(), me);
            Map<String, String> options = new LinkedHashMap<>(params);
            options.remove("kind");
            options.remove("_csrf");
            options.entrySet().removeIf(e -> e.getValue() == null || e.getValue().length() > 100);
            ImportJob job = imports.start(k, rows, fileName(file), options, true, me);
            return "redirect:/imports/" + job.id();
        } catch (UnreadableFile e) {
            model.addAttribute("fileError", messages.getMessage(e.messageKey(), e.args(), e.messageKey(),
                    LocaleContextHolder.getLocale()));
            model.addAttribute("fileName", file == null ? null : fileName(file));
            Long activityId = params.get("activityId") != null && params.get("activityId").matches("\\d{1,18}")
                    ? Long.valueOf(params.get("activityId")) : null;
            return page(k.name(), activityId, model);
        }
    }

    @GetMapping("/{id}")
    String job(@PathVariable String id, Model model) {
        CurrentUser me = users.current();
        ImportJob job = imports.job(id, me);
        model.addAttribute("job", job);
        model.addAttribute("lines", job.status().running() ? List.of()
                : imports.report(id, me, true, imports.properties().reportLines()));
        model.addAttribute("reportLines", imports.properties().reportLines());
        return "importing/import";
    }

    @PostMapping("/{id}/commit")
    String commit(@PathVariable String id, RedirectAttributes redirect) {
        imports.commit(id, users.current());
        return "redirect:/imports/" + id;
    }

    @GetMapping("/{id}/report.xlsx")
    ResponseEntity<byte[]> report(@PathVariable String id) {
        CurrentUser me = users.current();
        ImportJob job = imports.job(id, me);
        byte[] file = workbooks.report(job, imports.report(id, me, true, imports.properties().maxRows()));
        return download(file, messages.getMessage("import.report.fileName", null, LocaleContextHolder.getLocale()));
    }

    @GetMapping("/template")
    ResponseEntity<byte[]> template(@RequestParam("kind") String kind) {
        CurrentUser me = users.current();
        ImportKind k = kindOf(kind, me);
        byte[] file = workbooks.template(k, imports.handler(k, me).columns());
        return download(file, messages.getMessage("import.template.fileName." + k.name(), null,
                LocaleContextHolder.getLocale()));
    }

    private ImportKind kindOf(String kind, CurrentUser me) {
        ImportKind k;
        try {
            k = ImportKind.valueOf(kind);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new cn.xueshi.system.NotFound();
        }
        imports.handler(k, me);
        return k;
    }

    private static String fileName(MultipartFile file) {
        String n = file.getOriginalFilename();
        return n == null ? null : n.substring(0, Math.min(n.length(), 200));
    }

    private static ResponseEntity<byte[]> download(byte[] file, String name) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(name, java.nio.charset.StandardCharsets.UTF_8).build().toString())
                .contentType(MediaType.parseMediaType(XLSX)).body(file);
    }
}
