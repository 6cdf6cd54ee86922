package cn.xueshi.provider;

import cn.xueshi.claim.ClaimForm;
import cn.xueshi.claim.ClaimRepository;
import cn.xueshi.claim.ClaimService;
import cn.xueshi.claim.ClaimValidation;
import cn.xueshi.claim.ItemForm;
import cn.xueshi.identity.CurrentUser;
import cn.xueshi.identity.Groups;
import cn.xueshi.importing.ImportColumn;
import cn.xueshi.importing.ImportHandler;
import cn.xueshi.importing.ImportKind;
import cn.xueshi.importing.ImportProperties;
import cn.xueshi.importing.People;
import cn.xueshi.importing.RowFields;
import cn.xueshi.importing.RowReport;
import cn.xueshi.importing.RowReports;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.validation.BeanPropertyBindingResult;

/**
 * PROVIDER_REPORT (继续教育机构报送): a provider's class completions, one row per person (user name, name, activity
 * type and parameters, date, class title). Each valid row is a claim for that person in their own unit's review
 * queue, through the form's path, marked as provider-reported with the provider's name. Persons not found, types the
 * provider is not registered for, duplicates of an existing claim (same person and type, same title or date) and
 * rows the rule set rejects are reported per row and create nothing.
 */
@Component
class ProviderReport implements ImportHandler {

    public static final String ORIGIN = "PROVIDER_REPORT";
    private static final List<ImportColumn> COLUMNS = List.of(
            new ImportColumn("userId", "import.col.userId", true),
            new ImportColumn("name", "import.col.name", false),
            new ImportColumn("date", "import.col.date", true),
            new ImportColumn("title", "import.col.className", true),
            new ImportColumn("item.activityType", "import.col.activityType", true),
            new ImportColumn("item.params", "import.col.params", false));

    private final Providers providers;
    private final People people;
    private final RowReports reports;
    private final ClaimValidation validation;
    private final ClaimService claimService;
    private final ClaimRepository claims;
    private final ImportProperties properties;
    private final MessageSource messages;

    ProviderReport(Providers providers, People people, RowReports reports, ClaimValidation validation,
            ClaimService claimService, ClaimRepository claims, ImportProperties properties, MessageSource messages) {
        this.providers = providers;
        this.people = people;
        this.reports = reports;
        this.validation = validation;
        this.claimService = claimService;
        this.claims = claims;
        this.properties = properties;
        this.messages = messages;
    }

    @Override
    public ImportKind kind() {
        return ImportKind.PROVIDER_REPORT;
    }

    @Override
    public boolean allowed(CurrentUser me) {
        return me.isIn(Groups.PROVIDER) && providers.of(me.userId()).isPresent();
    }

    @Override
    public List<ImportColumn> columns() {
        return COLUMNS;
    }

    private record Completion(People.Person person, ClaimForm form, String ruleSet) {
    }

    @Override
    public Checked check(List<Map<String, Object>> rows, Map<String, String> options, CurrentUser me,
            Progress progress) {
        Provider provider = providers.of(me.userId()).orElseThrow(cn.xueshi.importing.ImportForbidden::new);
        Map<String, People.Person> found = people.find(rows.stream().map(r -> r.get("userId"))
                .filter(v -> v != null).map(v -> v.toString().trim()).toList());
        List<RowReport> out = new ArrayList<>();
        List<Object> prepared = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (Map<String, Object> row : rows) {
            int n = RowFields.rowNo(row);
            Object entry = null;
            RowReport line;
            try {
                RowFields.engineChecks(row);
                Completion c = completion(row, provider, found);
                String key = c.form().getSubmissionKey();
                if (seen.putIfAbsent(key, n) != null) {
                    line = reports.duplicate(n, "", "import.row.duplicateInFile", seen.get(key));
                } else if (claims.findBySubmissionKey(key).isPresent()
                        || claims.hasSimilar(c.person().userId(), c.form().getItems().get(0).getActivityType(),
                                c.form().getItems().get(0).getTitle(), c.form().getItems().get(0).getActivityDate())) {
                    line = reports.duplicate(n, "", "provider.duplicate");
                } else {
                    line = RowReport.valid(n);
                    entry = c;
                }
            } catch (RowFields.BadField bad) {
                line = reports.error(n, bad);
            }
            out.add(line);
            prepared.add(entry);
            progress.rowDone();
        }
        return new Checked(out, prepared);
    }

    @SuppressWarnings("unchecked")
    private Completion completion(Map<String, Object> row, Provider provider, Map<String, People.Person> found) {
        String userId = RowFields.text(row, "userId", true, 64);
        People.Person person = found.get(userId);
        if (person == null) {
            throw new RowFields.BadField("userId", "import.row.personUnknown", userId);
        }
        String name = RowFields.text(row, "name", false, 64);
        if (name != null && !name.equals(person.name())) {
            throw new RowFields.BadField("name", "import.row.nameMismatch", name, userId);
        }
        LocalDate date = RowFields.date(row, "date", true);
        String title = RowFields.text(row, "title", true, properties.maxTextLength());
        if (!(row.get("item") instanceof Map<?, ?> rawItem)) {
            throw new RowFields.BadField("item.activityType", "import.row.missing");
        }
        Map<String, Object> item = (Map<String, Object>) rawItem;
        Object type = item.get("activityType");
        if (!(type instanceof String t) || t.isBlank()) {
            throw new RowFields.BadField("item.activityType", "import.row.missing");
        }
        String activityType = t.trim();
        if (!provider.mayReport(activityType)) {
            throw new RowFields.BadField("item.activityType", "provider.typeNotRegistered", provider.name(),
                    activityType, String.join("、", provider.activityTypes()));
        }
        ClaimForm form = new ClaimForm();
        form.setYear(date.getYear());
        form.setDescription(title);
        form.setPledge(true); // the provider vouches for the completion it reports
        form.setSubmissionKey(key(provider.id() + "|" + userId + "|" + activityType + "|" + date + "|" + title));
        ItemForm f = new ItemForm();
        f.setActivityType(activityType);
        f.setTitle(title);
        f.setActivityDate(date);
        item.forEach((k, v) -> {
            if (!"activityType".equals(k) && v != null) {
                f.getParams().put(k, v instanceof BigDecimal b ? b.toPlainString() : v.toString());
            }
        });
        form.getItems().add(f);
        BeanPropertyBindingResult errors = new BeanPropertyBindingResult(form, "claimForm");
        Optional<String> ruleSet = validation.validate(form, person.unit(), errors);
        if (errors.hasErrors() || ruleSet.isEmpty()) {
            var e = errors.getAllErrors().get(0);
            String field = e instanceof org.springframework.validation.FieldError fe
                    ? (fe.getField().contains("activityDate") || fe.getField().equals("year") ? "date"
                            : fe.getField().contains("params") || fe.getField().contains("items") ? "item.params"
                            : fe.getField()) : "item";
            throw new RowFields.BadField(field, "import.row.rules",
                    messages.getMessage(e, LocaleContextHolder.getLocale()));
        }
        return new Completion(person, form, ruleSet.get());
    }

    @Override
    public int commit(Checked checked, Map<String, String> options, CurrentUser me, String importId,
            Progress progress) {
        Provider provider = providers.of(me.userId()).orElseThrow(cn.xueshi.importing.ImportForbidden::new);
        int created = 0;
        for (Object o : checked.prepared()) {
            if (o instanceof Completion c) {
                claimService.submitOnBehalf(c.form(), c.ruleSet(), c.person().unit(), c.person().userId(),
                        me.userId(), ORIGIN, provider.name());
                created++;
            }
            progress.rowDone();
        }
        return created;
    }

    private static String key(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return "prv-" + Base64.getUrlEncoder().withoutPadding().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
