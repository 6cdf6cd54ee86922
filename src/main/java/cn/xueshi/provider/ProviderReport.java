package cn.xueshi.provider;

import cn.xueshi.claim.ClaimForm;
import cn.xueshi.claim.ClaimRepository;
import cn.xueshi.claim.ClaimService;
import cn.xueshi.identity.CurrentUser;
import cn.xueshi.identity.Groups;
import cn.xueshi.identity.JurisdictionRepository;
import cn.xueshi.importing.ImportColumn;
import cn.xueshi.importing.ImportHandler;
import cn.xueshi.importing.ImportKind;
import cn.xueshi.importing.ImportProperties;
import cn.xueshi.importing.People;
import cn.xueshi.importing.RowFields;
import cn.xueshi.importing.RowClaims;
import cn.xueshi.importing.RowReports;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * PROVIDER_REPORT (继续教育机构报送): a provider's class completions, one row per person (user name, name, activity
 * type and parameters, date, class title). Each valid row is a claim for that person in their own unit's review
 * queue, through the form's path, marked as provider-reported with the provider's name. Persons not found, persons of
 * units outside the provider's jurisdictions, types the provider is not registered for, duplicates of an existing claim (same person and type, same title or date) and
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
    private final RowClaims rowClaims;
    private final RowReports reports;
    private final ClaimService claimService;
    private final ClaimRepository claims;
    private final ImportProperties properties;
    private final JurisdictionRepository jurisdictions;

    ProviderReport(Providers providers, RowClaims rowClaims, RowReports reports, ClaimService claimService,
            ClaimRepository claims, ImportProperties properties, JurisdictionRepository jurisdictions) {
        this.providers = providers;
        this.rowClaims = rowClaims;
        this.reports = reports;
        this.claimService = claimService;
        this.claims = claims;
        this.properties = properties;
        this.jurisdictions = jurisdictions;
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
        RowClaims.Batch batch = rowClaims.batch(rows);
        Map<String, Integer> seen = new HashMap<>();
        return reports.checkEach(rows, progress, (row, n) -> {
            Completion c = completion(row, provider, batch);
            String key = c.form().getSubmissionKey();
            if (seen.putIfAbsent(key, n) != null) {
                return RowReports.Verdict.only(reports.duplicate(n, "", "import.row.duplicateInFile", seen.get(key)));
            }
            if (claims.findBySubmissionKey(key).isPresent()
                    || claims.hasSimilar(c.person().userId(), c.form().getItems().get(0).getActivityType(),
                            c.form().getItems().get(0).getTitle(), c.form().getItems().get(0).getActivityDate())) {
                return RowReports.Verdict.only(reports.duplicate(n, "", "provider.duplicate"));
            }
            return RowReports.Verdict.valid(n, c);
        });
    }

    private Completion completion(Map<String, Object> row, Provider provider, RowClaims.Batch batch) {
        People.Person person = batch.person(row, "import.row.personUnknown");
        if (!provider.serves(person.unit().getJurisdiction())) {
            // the bureau registered the provider for its own jurisdictions only (data at /providers, V113)
            throw new RowFields.BadField("userId", "provider.outsideJurisdiction", provider.name(), person.name(),
                    person.unit().getName(), jurisdictionNames(provider));
        }
        LocalDate date = RowFields.date(row, "date", true);
        String title = RowFields.text(row, "title", true, properties.maxTextLength());
        if (!(row.get("item") instanceof Map<?, ?> item)) {
            throw new RowFields.BadField("item.activityType", "import.row.missing");
        }
        Object type = item.get("activityType");
        if (!(type instanceof String t) || t.isBlank()) {
            throw new RowFields.BadField("item.activityType", "import.row.missing");
        }
        String activityType = t.trim();
        if (!provider.mayReport(activityType)) {
            throw new RowFields.BadField("item.activityType", "provider.typeNotRegistered", provider.name(),
                    activityType, String.join("、", provider.activityTypes()));
        }
        ClaimForm form = RowClaims.form(
                RowReports.submissionKey("prv", provider.id() + "|" + person.userId() + "|" + activityType + "|" + date + "|" + title),
                title, activityType, date, RowClaims.params(row));
        return new Completion(person, form, batch.check(form, person.unit()));
    }

    private String jurisdictionNames(Provider provider) {
        Locale locale = LocaleContextHolder.getLocale();
        List<String> names = provider.jurisdictions().stream().map(code -> jurisdictions.findById(code)
                .map(j -> j.name(locale)).orElse(code)).toList();
        return names.isEmpty() ? "—" : String.join("、", names);
    }

    /**
     * Writes the valid completions as the provider's claims, in this one transaction, through
     * {@link ClaimService#submitManyOnBehalf} (each its own claim, audit line and process instance; the writing is
     * one step for progress).
     */
    @Override
    public int commit(Checked checked, Map<String, String> options, CurrentUser me, String importId,
            Progress progress) {
        Provider provider = providers.of(me.userId()).orElseThrow(cn.xueshi.importing.ImportForbidden::new);
        List<ClaimService.OnBehalf> requests = checked.toWrite(Completion.class, progress).stream()
                .map(c -> new ClaimService.OnBehalf(c.form(), c.ruleSet(), c.person().unit(), c.person().userId(),
                        me.userId(), ORIGIN, provider.name()))
                .toList();
        return claimService.submitManyOnBehalf(requests).size();
    }
}
