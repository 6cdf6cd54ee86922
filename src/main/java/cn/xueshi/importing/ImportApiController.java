package cn.xueshi.importing;

import cn.xueshi.identity.CurrentUser;
import cn.xueshi.identity.CurrentUserService;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;

/**
 * {@code POST /api/v1/imports?kind=…&dryRun=…} (a multipart {@code file} in the template's columns, or JSON
 * {@code {"rows": […]}}) and {@code GET /api/v1/imports/{importId}}: status and counts. Scoped to what the caller
 * may do (403 for a kind they may not run, rows outside their scope are row errors); a file that cannot be read
 * answers 400 with the Chinese reason, never 500.
 */
@RestController
@RequestMapping("/api/v1/imports")
class ImportApiController {

    private final ImportService imports;
    private final CurrentUserService users;
    private final ObjectMapper json;
    private final MessageSource messages;

    ImportApiController(ImportService imports, CurrentUserService users, ObjectMapper json, MessageSource messages) {
        this.imports = imports;
        this.users = users;
        this.json = json;
        this.messages = messages;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ImportAnswer upload(@RequestParam("kind") String kind,
            @RequestParam(name = "dryRun", defaultValue = "true") boolean dryRun,
            @RequestParam(name = "file", required = false) MultipartFile file,
            @RequestParam Map<String, String> params) throws IOException {
        CurrentUser me = users.current();
        ImportKind k = kind(kind);
        imports.handler(k, me);
        if (file == null || file.isEmpty()) {
            throw new UnreadableFile("import.file.empty");
        }
        if (file.getSize() > imports.properties().maxFileBytes()) {
            throw new UnreadableFile("import.file.tooLarge", cn.xueshi.system.ByteLimit.shown(imports.properties().maxFileBytes()));
        }
        List<Map<String, Object>> rows = imports.rowsOf(k, file.getBytes(), me);
        return answer(imports.start(k, rows, name(file), options(params), dryRun, me), me);
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ImportAnswer rows(@RequestParam("kind") String kind,
            @RequestParam(name = "dryRun", defaultValue = "true") boolean dryRun,
            @RequestParam Map<String, String> params, @org.springframework.web.bind.annotation.RequestBody JsonNode body) {
        CurrentUser me = users.current();
        ImportKind k = kind(kind);
        imports.handler(k, me);
        if (body == null || !body.isObject() || !body.path("rows").isArray()) {
            throw new UnreadableFile("import.api.rowsMissing");
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (JsonNode row : body.get("rows")) {
            rows.add(row.isObject() ? json.convertValue(row, LinkedHashMap.class) : new LinkedHashMap<>());
        }
        return answer(imports.start(k, rows, null, options(params), dryRun, me), me);
    }

    @GetMapping(path = "/{importId}", produces = MediaType.APPLICATION_JSON_VALUE)
    ImportAnswer status(@PathVariable String importId) {
        CurrentUser me = users.current();
        return answer(imports.job(importId, me), me);
    }

    /** Commits a dry run made earlier (same rows, checked again). */
    @PostMapping(path = "/{importId}/commit", produces = MediaType.APPLICATION_JSON_VALUE)
    ImportAnswer commit(@PathVariable String importId) {
        CurrentUser me = users.current();
        return answer(imports.commit(importId, me), me);
    }

    /** The answer of the API: counts, and the rows that were not valid (errors, duplicates, warnings). */
    record ImportAnswer(String importId, String kind, String status, int rows, int processed, int valid,
            int duplicates, int warnings, int created, String message, List<RowProblem> errors,
            List<RowProblem> duplicateRows, List<RowProblem> warningRows) {
    }

    record RowProblem(int row, String field, String message) {
    }

    private ImportAnswer answer(ImportJob job, CurrentUser me) {
        List<RowProblem> errors = new ArrayList<>();
        List<RowProblem> duplicates = new ArrayList<>();
        List<RowProblem> warnings = new ArrayList<>();
        if (!job.status().running()) {
            for (RowReport r : imports.report(job.id(), me, true, imports.properties().maxRows())) {
                RowProblem p = new RowProblem(r.row(), r.field(), r.message());
                switch (r.outcome()) {
                    case ERROR -> errors.add(p);
                    case DUPLICATE -> duplicates.add(p);
                    case WARNING -> warnings.add(p);
                    default -> { }
                }
            }
        }
        return new ImportAnswer(job.id(), job.kind().name(), job.status().name(), job.totalRows(), job.processedRows(),
                job.valid(), job.duplicates(), job.warnings(), job.createdRecords(), job.message(), errors, duplicates,
                warnings);
    }

    private static ImportKind kind(String kind) {
        try {
            return ImportKind.valueOf(kind.trim());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new UnreadableFile("import.api.kind", kind);
        }
    }

    private static String name(MultipartFile file) {
        String n = file.getOriginalFilename();
        return n == null ? null : n.substring(0, Math.min(n.length(), 200));
    }

    /** The request's parameters other than kind and dryRun: what a kind needs (an activity, a provider). */
    private static Map<String, String> options(Map<String, String> params) {
        Map<String, String> o = new LinkedHashMap<>(params);
        o.remove("kind");
        o.remove("dryRun");
        o.remove("_csrf");
        o.entrySet().removeIf(e -> e.getValue() == null || e.getValue().length() > 100);
        return o;
    }

    @ExceptionHandler(UnreadableFile.class)
    ResponseEntity<Map<String, Object>> unreadable(UnreadableFile e) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(Map.of("status", 400, "message",
                messages.getMessage(e.messageKey(), e.args(), e.messageKey(), LocaleContextHolder.getLocale())));
    }
}
