package cn.xueshi.collective;

import cn.xueshi.identity.CurrentUser;
import cn.xueshi.identity.Groups;
import cn.xueshi.importing.ImportColumn;
import cn.xueshi.importing.ImportHandler;
import cn.xueshi.importing.ImportKind;
import cn.xueshi.importing.People;
import cn.xueshi.importing.RowFields;
import cn.xueshi.importing.RowReport;
import cn.xueshi.importing.RowReports;
import cn.xueshi.importing.UnreadableFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * ACTIVITY_ROSTER: the attendees of one activity ({@code activityId}) from a sheet or JSON — name + user name,
 * optionally their own parameters (minutes attended, characters of written material). Each valid row becomes that
 * person's claim through {@link ActivityService#enroll}; persons outside the organiser's units, persons already on
 * the roster and rows the rules refuse are reported and create nothing.
 */
@Component
class RosterImport implements ImportHandler {

    private static final List<ImportColumn> COLUMNS = List.of(
            new ImportColumn("userId", "import.col.userId", true),
            new ImportColumn("name", "import.col.name", false),
            new ImportColumn("item.params", "import.col.ownParams", false));

    private final ActivityService activities;
    private final People people;
    private final RowReports reports;

    RosterImport(ActivityService activities, People people, RowReports reports) {
        this.activities = activities;
        this.people = people;
        this.reports = reports;
    }

    @Override
    public ImportKind kind() {
        return ImportKind.ACTIVITY_ROSTER;
    }

    @Override
    public boolean allowed(CurrentUser me) {
        return me.isIn(Groups.REVIEWER) && !me.reviewedUnits().isEmpty();
    }

    @Override
    public List<ImportColumn> columns() {
        return COLUMNS;
    }

    @Override
    public void checkOptions(Map<String, String> options, CurrentUser me) {
        activity(options, me);
    }

    private record Entry(People.Person person, Map<String, String> own) {
    }

    @Override
    public Checked check(List<Map<String, Object>> rows, Map<String, String> options, CurrentUser me,
            Progress progress) {
        UnitActivity activity = activity(options, me);
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
                String userId = RowFields.text(row, "userId", true, 64);
                People.Person person = found.get(userId);
                if (person == null || !me.reviews(person.unit().getId())) {
                    throw new RowFields.BadField("userId", "activity.error.notYourUnit", userId);
                }
                String name = RowFields.text(row, "name", false, 64);
                if (name != null && !name.equals(person.name())) {
                    throw new RowFields.BadField("name", "import.row.nameMismatch", name, userId);
                }
                Map<String, String> own = own(row);
                if (seen.putIfAbsent(userId, n) != null) {
                    line = reports.duplicate(n, "userId", "import.row.duplicateInFile", seen.get(userId));
                } else if (activities.onRoster(activity, userId)) {
                    line = reports.duplicate(n, "userId", "activity.error.onRoster", person.name());
                } else {
                    Optional<String> refused = activities.refusal(activity, userId, person.unit(), own, me);
                    if (refused.isPresent()) {
                        line = reports.error(n, "item.params", "import.row.rules", refused.get());
                    } else {
                        line = RowReport.valid(n);
                        entry = new Entry(person, own);
                    }
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

    @Override
    public int commit(Checked checked, Map<String, String> options, CurrentUser me, String importId,
            Progress progress) {
        UnitActivity activity = activity(options, me);
        int created = 0;
        for (Object o : checked.prepared()) {
            if (o instanceof Entry e) {
                activities.enroll(activity, e.person().userId(), e.person().unit(), e.own(), me);
                created++;
            }
            progress.rowDone();
        }
        return created;
    }

    private UnitActivity activity(Map<String, String> options, CurrentUser me) {
        String id = options.get("activityId");
        if (id == null || !id.matches("\\d{1,18}")) {
            throw new UnreadableFile("activity.import.noActivity");
        }
        return activities.activity(Long.parseLong(id), me);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> own(Map<String, Object> row) {
        Map<String, String> own = new LinkedHashMap<>();
        if (row.get("item") instanceof Map<?, ?> item) {
            ((Map<String, Object>) item).forEach((k, v) -> {
                if (!"activityType".equals(k) && v != null) {
                    own.put(k, v instanceof java.math.BigDecimal b ? b.toPlainString() : v.toString());
                }
            });
        }
        return own;
    }
}
