package cn.xueshi.importing;

import cn.xueshi.identity.CurrentUser;
import cn.xueshi.system.Conflict;
import cn.xueshi.system.NotFound;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The import engine every kind shares: rows from a file or JSON → a job (xs_import) → the handler's per-row check →
 * the stored report → (unless a dry run) the handler's commit in ONE transaction, so a failure or a node crash
 * halfway leaves nothing written. Imports of {@code xueshi.imports.background-rows} rows or more run on a background
 * thread; their progress is in the database, so the page on any node shows it.
 */
@Service
public class ImportService {

    private static final Logger log = LoggerFactory.getLogger(ImportService.class);
    /** Keys the engine adds to a row: its number as the person sees it, and the columns that held formulas. */
    public static final String ROW = "_row";
    public static final String FORMULAS = "_formulas";
    public static final String TOO_LONG = "_tooLong";
    /** xs_import_row.data_json holds a row as JSON; a longer row is refused as a whole. */
    private static final int MAX_ROW_JSON = 7000;

    private final Map<ImportKind, ImportHandler> handlers = new LinkedHashMap<>();
    private final ImportJobs jobs;
    private final ImportProperties properties;
    private final ObjectMapper json;
    private final MessageSource messages;
    private final TransactionTemplate tx;
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "import-background");
        t.setDaemon(true);
        return t;
    });

    ImportService(List<ImportHandler> handlers, ImportJobs jobs, ImportProperties properties, ObjectMapper json,
            MessageSource messages, PlatformTransactionManager transactions) {
        handlers.forEach(h -> this.handlers.put(h.kind(), h));
        this.jobs = jobs;
        this.properties = properties;
        this.json = json;
        this.messages = messages;
        this.tx = new TransactionTemplate(transactions);
    }

    @PreDestroy
    void stop() {
        background.shutdownNow();
    }

    public ImportHandler handler(ImportKind kind, CurrentUser me) {
        ImportHandler h = handlers.get(kind);
        if (h == null || !h.allowed(me)) {
            throw new ImportForbidden();
        }
        return h;
    }

    /** The kinds this person may run, for the page's chooser. */
    public List<ImportKind> kindsFor(CurrentUser me) {
        return handlers.values().stream().filter(h -> h.allowed(me)).map(ImportHandler::kind).toList();
    }

    public ImportProperties properties() {
        return properties;
    }

    /** A sheet's rows as JSON-shaped rows, by the kind's columns (Chinese or English header, or the JSON key). */
    public List<Map<String, Object>> rowsOf(ImportKind kind, byte[] file, CurrentUser me) {
        if (file != null && file.length > properties.maxFileBytes()) {
            throw new UnreadableFile("import.file.tooLarge", cn.xueshi.system.ByteLimit.shown(properties.maxFileBytes()));
        }
        List<ImportColumn> columns = handler(kind, me).columns();
        List<SheetRow> sheet = SheetFile.read(file, properties.maxRows());
        if (sheet.isEmpty()) {
            throw new UnreadableFile("import.file.noRows");
        }
        Map<String, ImportColumn> byHeader = new LinkedHashMap<>();
        for (ImportColumn c : columns) {
            byHeader.put(c.key().toLowerCase(Locale.ROOT), c);
            byHeader.put(label(c, Locale.SIMPLIFIED_CHINESE).toLowerCase(Locale.ROOT), c);
            byHeader.put(label(c, Locale.ENGLISH).toLowerCase(Locale.ROOT), c);
        }
        boolean anyKnown = sheet.stream().flatMap(r -> r.cells().keySet().stream())
                .anyMatch(h -> byHeader.containsKey(h.toLowerCase(Locale.ROOT)));
        if (!anyKnown) {
            throw new UnreadableFile("import.file.noColumns");
        }
        List<Map<String, Object>> rows = new ArrayList<>(sheet.size());
        for (SheetRow r : sheet) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put(ROW, r.row());
            List<String> formulas = new ArrayList<>();
            for (String header : r.formulaColumns()) {
                ImportColumn c = byHeader.get(header.toLowerCase(Locale.ROOT));
                if (c != null) {
                    formulas.add(c.key());
                }
            }
            if (!formulas.isEmpty()) {
                row.put(FORMULAS, formulas);
            }
            r.cells().forEach((header, value) -> {
                ImportColumn c = byHeader.get(header.toLowerCase(Locale.ROOT));
                if (c != null) {
                    SheetValues.put(row, c.key(), value);
                }
            });
            rows.add(row);
        }
        return rows;
    }

    /**
     * Runs an import: checks every row and stores the report; unless {@code dryRun}, then writes the valid rows in
     * one transaction. Large imports return at once with the job running in the background.
     */
    public ImportJob start(ImportKind kind, List<Map<String, Object>> rows, String fileName, Map<String, String> options,
            boolean dryRun, CurrentUser me) {
        ImportHandler h = handler(kind, me);
        h.checkOptions(options, me);
        if (rows == null || rows.isEmpty()) {
            throw new UnreadableFile("import.file.noRows");
        }
        if (rows.size() > properties.maxRows()) {
            throw new UnreadableFile("import.file.tooManyRows", properties.maxRows());
        }
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i) == null) {
                rows.set(i, new LinkedHashMap<>());
            }
            rows.get(i).putIfAbsent(ROW, i + 1);
            if (write(rows.get(i)).length() > MAX_ROW_JSON) {
                // kept as its number only: the report says it is too long, and xs_import_row stays bounded
                Map<String, Object> tooLong = new LinkedHashMap<>();
                tooLong.put(ROW, rows.get(i).get(ROW));
                tooLong.put(TOO_LONG, true);
                rows.set(i, tooLong);
            }
        }
        String id = UUID.randomUUID().toString();
        jobs.create(id, kind, me.userId(), fileName, rows.size(), write(options));
        Locale locale = LocaleContextHolder.getLocale();
        Runnable work = () -> run(h, id, rows, options, dryRun, false, me, locale);
        if (rows.size() >= properties.backgroundRows()) {
            background.submit(work);
        } else {
            work.run();
        }
        return jobs.find(id).orElseThrow();
    }

    /** Commits a dry run (its rows checked again: the world may have changed since). 409 when already committed. */
    public ImportJob commit(String importId, CurrentUser me) {
        ImportJob job = job(importId, me);
        ImportHandler h = handler(job.kind(), me);
        if (job.status() != ImportStatus.CHECKED || !jobs.startWriting(importId)) {
            throw new Conflict("import.conflict.notCheckable");
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String data : jobs.dataOf(importId)) {
            rows.add(read(data));
        }
        Map<String, String> options = readOptions(job.optionsJson());
        Locale locale = LocaleContextHolder.getLocale();
        Runnable work = () -> run(h, importId, rows, options, false, true, me, locale);
        if (rows.size() >= properties.backgroundRows()) {
            background.submit(work);
        } else {
            work.run();
        }
        return jobs.find(importId).orElseThrow();
    }

    /** A job its creator may see (an admin any): 404 for anyone else's, so ids reveal nothing. */
    public ImportJob job(String importId, CurrentUser me) {
        Optional<ImportJob> job = importId == null || importId.length() > 40 ? Optional.empty() : jobs.find(importId);
        return job.filter(j -> j.createdBy().equals(me.userId()) || me.isIn(cn.xueshi.identity.Groups.ADMIN))
                .orElseThrow(NotFound::new);
    }

    public List<ImportJob> recent(CurrentUser me) {
        return jobs.recentBy(me.userId(), 10);
    }

    /** The report lines of a job (problems only, or every row), at most {@code limit}. */
    public List<RowReport> report(String importId, CurrentUser me, boolean problemsOnly, int limit) {
        job(importId, me);
        return jobs.reportsOf(importId, problemsOnly, limit);
    }

    private void run(ImportHandler h, String id, List<Map<String, Object>> rows, Map<String, String> options,
            boolean dryRun, boolean writing, CurrentUser me, Locale locale) {
        LocaleContextHolder.setLocale(locale);
        try {
            ImportStatus phase = writing ? ImportStatus.WRITING : ImportStatus.CHECKING;
            ImportHandler.Checked checked = h.check(rows, options, me, counter(id, phase));
            List<String> data = new ArrayList<>(rows.size());
            rows.forEach(r -> data.add(write(r)));
            jobs.storeRows(id, data, checked.reports());
            jobs.counts(id, writing ? ImportStatus.WRITING : ImportStatus.CHECKED, checked.reports());
            if (dryRun) {
                return;
            }
            if (!writing && !jobs.startWriting(id)) {
                throw new Conflict("import.conflict.notCheckable");
            }
            Integer created = tx.execute(s -> h.commit(checked, options, me, id, counter(id, ImportStatus.WRITING)));
            jobs.committed(id, created == null ? 0 : created);
        } catch (Conflict e) {
            throw e;
        } catch (RuntimeException e) {
            // the commit's transaction rolled back: nothing of this import is written; the job says so
            log.warn("import {} failed: {}", id, e.toString(), e);
            jobs.failed(id, messages.getMessage("import.failed", null, locale));
        } finally {
            LocaleContextHolder.resetLocaleContext();
        }
    }

    private ImportHandler.Progress counter(String id, ImportStatus phase) {
        AtomicInteger done = new AtomicInteger();
        int every = Math.max(1, properties.progressEvery());
        return () -> {
            int n = done.incrementAndGet();
            if (n % every == 0) {
                jobs.progress(id, phase, n);
            }
        };
    }

    private String label(ImportColumn c, Locale locale) {
        return messages.getMessage(c.labelKey(), null, c.key(), locale);
    }

    private String write(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> read(String data) {
        try {
            return json.readValue(data, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> readOptions(String data) {
        if (data == null) {
            return Map.of();
        }
        try {
            return json.readValue(data, new TypeReference<LinkedHashMap<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
