package cn.xueshi.collective;

import cn.xueshi.identity.CurrentUser;
import cn.xueshi.importing.ImportColumn;
import cn.xueshi.importing.ImportHandler;
import cn.xueshi.importing.ImportKind;
import cn.xueshi.importing.People;
import cn.xueshi.importing.RowClaims;
import cn.xueshi.importing.RowFields;
import cn.xueshi.importing.RowReports;
import cn.xueshi.importing.UnreadableFile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * ACTIVITY_ROSTER: the attendees of one activity ({@code activityId}) from a sheet or JSON — name + user name,
 * optionally their own parameters (minutes attended, characters of written material). Each valid row becomes that
 * person's claim through {@link ActivityService#enrollAll}; persons outside the organiser's units, persons already on
 * the roster and rows the rules refuse are reported and create nothing.
 */
@Component
class RosterImport implements ImportHandler {

    private static final List<ImportColumn> COLUMNS = List.of(
            new ImportColumn("userId", "import.col.userId", true),
            new ImportColumn("name", "import.col.name", false),
            new ImportColumn("item.params", "import.col.ownParams", false));

    private final ActivityService activities;
    private final RowClaims rowClaims;
    private final RowReports reports;

    RosterImport(ActivityService activities, RowClaims rowClaims, RowReports reports) {
        this.activities = activities;
        this.rowClaims = rowClaims;
        this.reports = reports;
    }

    @Override
    public ImportKind kind() {
        return ImportKind.ACTIVITY_ROSTER;
    }

    @Override
    public boolean allowed(CurrentUser me) {
        return activities.organisesAny(me);
    }

    @Override
    public List<ImportColumn> columns() {
        return COLUMNS;
    }

    @Override
    public void checkOptions(Map<String, String> options, CurrentUser me) {
        activity(options, me);
    }

    @Override
    public Checked check(List<Map<String, Object>> rows, Map<String, String> options, CurrentUser me,
            Progress progress) {
        UnitActivity activity = activity(options, me);
        RowClaims.Batch batch = rowClaims.batch(rows);
        Set<String> onRoster = activities.onRoster(activity); // one query, not one per row
        Map<String, Integer> seen = new HashMap<>();
        return reports.checkEach(rows, progress, (row, n) -> {
            // unknown and not one of the organiser's people read alike: the report reveals no one elsewhere
            People.Person person = batch.person(row, "activity.error.notYourUnit");
            if (!activities.mayOrganise(me, person.unit().getId())) {
                throw new RowFields.BadField("userId", "activity.error.notYourUnit", person.userId());
            }
            Map<String, String> own = RowClaims.params(row);
            if (seen.putIfAbsent(person.userId(), n) != null) {
                return RowReports.Verdict.only(reports.duplicate(n, "userId", "import.row.duplicateInFile",
                        seen.get(person.userId())));
            }
            if (onRoster.contains(person.userId())) {
                return RowReports.Verdict.only(reports.duplicate(n, "userId", "activity.error.onRoster",
                        person.name()));
            }
            // checked as the attendee's own form would be; one verdict per distinct (unit, parameters)
            String ruleSet = batch.check(activities.claimForm(activity, own, "check"), person.unit());
            return RowReports.Verdict.valid(n, new ActivityService.Checked(person.userId(), person.unit(), own,
                    ruleSet));
        });
    }

    /**
     * Writes the rows the check (run again just before, in this commit) found valid: their forms are not checked a
     * third time, and the roster is read once for all of them. (Progress counts the rows handed over; the writing
     * itself is one step.)
     */
    @Override
    public int commit(Checked checked, Map<String, String> options, CurrentUser me, String importId,
            Progress progress) {
        UnitActivity activity = activity(options, me);
        // all of them at once: claims, their process instances (first step: the asynchronous hour proposal) and the
        // activity's evidence, in this one transaction; the job executor prices each claim after the commit
        return activities.enrollAll(activity, checked.toWrite(ActivityService.Checked.class, progress), me).size();
    }

    private UnitActivity activity(Map<String, String> options, CurrentUser me) {
        String id = options.get("activityId");
        if (id == null || !id.matches("\\d{1,18}")) {
            throw new UnreadableFile("activity.import.noActivity");
        }
        return activities.activity(Long.parseLong(id), me);
    }
}
