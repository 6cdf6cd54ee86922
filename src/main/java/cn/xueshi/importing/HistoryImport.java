package cn.xueshi.importing;

import cn.xueshi.claim.ImportedRecords;
import cn.xueshi.identity.CurrentUser;
import cn.xueshi.identity.Groups;
import cn.xueshi.identity.Unit;
import cn.xueshi.rules.ItemResult;
import cn.xueshi.rules.RecognitionException;
import cn.xueshi.rules.RecognitionRequest;
import cn.xueshi.rules.RecognitionService;
import cn.xueshi.system.RequestLimits;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * 历史学时导入: past years' records (the closed Jilin platform's exports, a unit's ledger) by an admin or a bureau
 * (persons of the jurisdictions it oversees). A row gives an item (re-evaluated by that year's rules) and/or the
 * hours already recognised elsewhere; recorded hours win, a difference to the rules is a warning in the report.
 * Each record becomes a registered claim ({@link ImportedRecords}); its key (a hash of the row's content) makes a
 * second import of the same row a duplicate that creates nothing.
 */
@Component
class HistoryImport implements ImportHandler {

    private static final List<ImportColumn> COLUMNS = List.of(
            new ImportColumn("userId", "import.col.userId", true),
            new ImportColumn("name", "import.col.name", false),
            new ImportColumn("year", "import.col.year", true),
            new ImportColumn("date", "import.col.date", true),
            new ImportColumn("title", "import.col.title", true),
            new ImportColumn("source", "import.col.source", true),
            new ImportColumn("item.activityType", "import.col.activityType", false),
            new ImportColumn("item.params", "import.col.params", false),
            new ImportColumn("publicHours", "import.col.publicHours", false),
            new ImportColumn("professionalHours", "import.col.professionalHours", false));
    /** Activity type of a record that names hours only (no item to re-evaluate). */
    static final String HOURS_ONLY = "RECORDED_HOURS";

    private final People people;
    private final RecognitionService recognition;
    private final ImportedRecords records;
    private final RequestLimits limits;
    private final RowReports reports;
    private final ImportProperties properties;
    private final EntityManager entities;
    private final BigDecimal maxRecordHours;

    HistoryImport(People people, RecognitionService recognition, ImportedRecords records, RequestLimits limits,
            RowReports reports, ImportProperties properties, EntityManager entities,
            @Value("${xueshi.imports.max-record-hours}") BigDecimal maxRecordHours) {
        this.people = people;
        this.recognition = recognition;
        this.records = records;
        this.limits = limits;
        this.reports = reports;
        this.properties = properties;
        this.entities = entities;
        this.maxRecordHours = maxRecordHours;
    }

    @Override
    public ImportKind kind() {
        return ImportKind.HISTORY;
    }

    @Override
    public boolean allowed(CurrentUser me) {
        return me.isIn(Groups.ADMIN) || me.isIn(Groups.BUREAU);
    }

    @Override
    public List<ImportColumn> columns() {
        return COLUMNS;
    }

    /** What a valid row needs to be written. */
    record Prepared(People.Person person, String ruleSet, int year, LocalDate date, String title, String source,
            String activityType, Map<String, Object> params, ItemResult ruleResult, BigDecimal recordedPublic,
            BigDecimal recordedProfessional, String key) {
    }

    @Override
    public Checked check(List<Map<String, Object>> rows, Map<String, String> options, CurrentUser me,
            Progress progress) {
        Map<String, People.Person> found = people.find(rows.stream().map(r -> r.get("userId"))
                .filter(v -> v != null).map(v -> v.toString().trim()).toList());
        List<RowReport> out = new ArrayList<>(rows.size());
        List<Object> prepared = new ArrayList<>(rows.size());
        for (Map<String, Object> row : rows) {
            int n = RowFields.rowNo(row);
            try {
                RowFields.engineChecks(row);
                Checking c = prepare(row, found, me);
                prepared.add(c);
                out.add(c.warning != null ? c.warning : RowReport.valid(n));
            } catch (RowFields.BadField bad) {
                prepared.add(null);
                out.add(reports.error(n, bad));
            }
            progress.rowDone();
        }
        markDuplicates(out, prepared);
        List<Object> plain = new ArrayList<>(prepared.size());
        for (Object o : prepared) {
            plain.add(o == null ? null : ((Checking) o).prepared);
        }
        return new Checked(out, plain);
    }

    /** A row's preparation and its warning, if any, while checking. */
    private record Checking(Prepared prepared, RowReport warning) {
    }

    private void markDuplicates(List<RowReport> out, List<Object> prepared) {
        List<String> keys = prepared.stream().filter(o -> o != null).map(o -> ((Checking) o).prepared.key).toList();
        Set<String> existing = records.existingKeys(keys);
        Map<String, Integer> firstRow = new HashMap<>();
        for (int i = 0; i < prepared.size(); i++) {
            if (!(prepared.get(i) instanceof Checking c)) {
                continue;
            }
            int n = out.get(i).row();
            if (existing.contains(c.prepared.key)) {
                out.set(i, reports.duplicate(n, "", "import.history.alreadyImported"));
                prepared.set(i, null);
            } else if (firstRow.putIfAbsent(c.prepared.key, n) != null) {
                out.set(i, reports.duplicate(n, "", "import.row.duplicateInFile", firstRow.get(c.prepared.key)));
                prepared.set(i, null);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private Checking prepare(Map<String, Object> row, Map<String, People.Person> found, CurrentUser me) {
        int n = RowFields.rowNo(row);
        int max = properties.maxTextLength();
        String userId = RowFields.text(row, "userId", true, 64);
        People.Person person = found.get(userId);
        if (person == null || !inScope(person.unit(), me)) {
            throw new RowFields.BadField("userId", "import.row.personUnknown", userId);
        }
        String name = RowFields.text(row, "name", false, 64);
        if (name != null && !name.equals(person.name())) {
            throw new RowFields.BadField("name", "import.row.nameMismatch", name, userId);
        }
        int year = RowFields.integer(row, "year", true, limits.minYear(), limits.maxYear());
        LocalDate date = RowFields.date(row, "date", true);
        if (date.getYear() != year) {
            throw new RowFields.BadField("date", "import.history.dateOutsideYear", date.toString(), year);
        }
        String title = RowFields.text(row, "title", true, max);
        String source = RowFields.text(row, "source", true, max);
        BigDecimal pub = RowFields.number(row, "publicHours", false, BigDecimal.ZERO, maxRecordHours);
        BigDecimal prof = RowFields.number(row, "professionalHours", false, BigDecimal.ZERO, maxRecordHours);
        boolean recorded = pub != null || prof != null;
        Object rawItem = row.get("item");
        if (rawItem != null && !(rawItem instanceof Map)) {
            throw new RowFields.BadField("item", "import.row.itemNotObject");
        }
        Map<String, Object> item = rawItem == null ? null : new LinkedHashMap<>((Map<String, Object>) rawItem);
        if ((item == null || item.isEmpty()) && !recorded) {
            throw new RowFields.BadField("item.activityType", "import.history.nothing");
        }
        Optional<String> ruleSet = ruleSetFor(person.unit(), date);
        ItemResult result = null;
        RowReport warning = null;
        String activityType = HOURS_ONLY;
        Map<String, Object> params = new TreeMap<>();
        if (item != null && !item.isEmpty()) {
            Object type = item.get("activityType");
            if (!(type instanceof String t) || t.isBlank()) {
                throw new RowFields.BadField("item.activityType", "import.row.missing");
            }
            activityType = t.trim();
            item.forEach((k, v) -> {
                if (!"activityType".equals(k)) {
                    params.put(k, v);
                }
            });
            if (ruleSet.isPresent()) {
                result = evaluate(ruleSet.get(), year, date, item);
                if (recorded && (result.publicHours().compareTo(nz(pub)) != 0
                        || result.professionalHours().compareTo(nz(prof)) != 0)) {
                    warning = reports.warning(n, "item", "import.history.difference", year, plain(result.publicHours()),
                            plain(result.professionalHours()), plain(nz(pub)), plain(nz(prof)));
                }
            } else if (recorded) {
                warning = reports.warning(n, "item", "import.history.notReevaluated", year);
            } else {
                throw new RowFields.BadField("publicHours", "import.history.noRuleSet", year);
            }
        }
        String key = key(userId, year, date, title, source, activityType, params, pub, prof);
        return new Checking(new Prepared(person, ruleSet.orElse(person.unit().getRuleSet()), year, date, title, source,
                activityType, params, result, pub, prof, key), warning);
    }

    private ItemResult evaluate(String ruleSet, int year, LocalDate date, Map<String, Object> item) {
        try {
            return recognition.evaluate(new RecognitionRequest(ruleSet, year, List.of(item)), null, date).items().get(0);
        } catch (RecognitionException e) {
            String field = e.field() == null ? "item" : e.field().replaceFirst("^items\\[0\\]", "item");
            throw new RowFields.BadField(field, "import.row.rules", e.getMessage());
        }
    }

    /**
     * The rule set that prices a person's record: the unit's, its department's or the reference, in force on the
     * record's date (a filed version applies from its effective date).
     */
    private Optional<String> ruleSetFor(Unit unit, LocalDate date) {
        return recognition.ruleSetFor(unit, date);
    }

    private static boolean inScope(Unit unit, CurrentUser me) {
        return me.isIn(Groups.ADMIN) || me.oversees(unit.getJurisdiction());
    }

    @Override
    public int commit(Checked checked, Map<String, String> options, CurrentUser me, String importId,
            Progress progress) {
        int created = 0;
        String reason = reports.text("import.history.recordedReason");
        for (Object o : checked.prepared()) {
            if (o instanceof Prepared p) {
                records.register(new ImportedRecords.PastRecord(p.person().userId(), p.person().unit(), p.ruleSet(),
                        p.year(), p.date(), p.title(), p.source(), p.activityType(), p.params(), p.ruleResult(),
                        p.recordedPublic(), p.recordedProfessional(), p.key(), importId, me.userId(),
                        reason + "（" + p.source() + "）"));
                created++;
                if (created % 200 == 0) {
                    // one transaction for the whole import, but not one persistence context holding every claim
                    entities.flush();
                    entities.clear();
                }
            }
            progress.rowDone();
        }
        return created;
    }

    /** The record's identity: the same person, year, date, title, source, item and hours is the same record. */
    static String key(String userId, int year, LocalDate date, String title, String source, String activityType,
            Map<String, Object> params, BigDecimal pub, BigDecimal prof) {
        StringBuilder s = new StringBuilder("HISTORY|").append(userId).append('|').append(year).append('|')
                .append(date).append('|').append(title).append('|').append(source).append('|').append(activityType);
        params.forEach((k, v) -> s.append('|').append(k).append('=').append(v instanceof BigDecimal b ? plain(b)
                : v instanceof Number num ? plain(new BigDecimal(num.toString())) : v));
        s.append('|').append(pub == null ? "" : plain(pub)).append('|').append(prof == null ? "" : plain(prof));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.toString().getBytes(StandardCharsets.UTF_8));
            return "imp-" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String plain(BigDecimal b) {
        return b.stripTrailingZeros().toPlainString();
    }

    private static BigDecimal nz(BigDecimal b) {
        return b == null ? BigDecimal.ZERO : b;
    }
}
