package cn.xueshi.importing;

import cn.xueshi.identity.CurrentUser;
import cn.xueshi.identity.PersonTitleSeries;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * TITLE_SERIES (职称系列): sets people's title series in bulk — user name, name (checked against the directory) and
 * the series as its code or Chinese label (卫生, HEALTH; 无 clears it). Who may: as at /people/title-series, a unit's
 * reviewers for its members and administrators for anyone; anyone else is a row error, never a change. A row that
 * changes nothing is a duplicate. Each change is audited with the import's id as its source.
 */
@Component
class TitleSeriesImport implements ImportHandler {

    private static final List<ImportColumn> COLUMNS = List.of(
            new ImportColumn("userId", "import.col.userId", true),
            new ImportColumn("name", "import.col.name", true),
            new ImportColumn("titleSeries", "import.col.titleSeries", true));

    private final People people;
    private final PersonTitleSeries titleSeries;
    private final RowReports reports;

    TitleSeriesImport(People people, PersonTitleSeries titleSeries, RowReports reports) {
        this.people = people;
        this.titleSeries = titleSeries;
        this.reports = reports;
    }

    @Override
    public ImportKind kind() {
        return ImportKind.TITLE_SERIES;
    }

    @Override
    public boolean allowed(CurrentUser me) {
        return titleSeries.mayManage(me);
    }

    @Override
    public List<ImportColumn> columns() {
        return COLUMNS;
    }

    /** One person's new series, as the check found it. */
    record Change(String userId, String from, String to) {
    }

    @Override
    public Checked check(List<Map<String, Object>> rows, Map<String, String> options, CurrentUser me,
            Progress progress) {
        Map<String, People.Person> found = people.find(rows.stream().map(r -> r.get("userId"))
                .filter(v -> v != null).map(v -> v.toString().trim()).toList());
        Map<String, Integer> seen = new HashMap<>();
        return reports.checkEach(rows, progress, (row, n) -> {
            String userId = RowFields.text(row, "userId", true, 64);
            People.Person person = found.get(userId);
            if (person == null || !titleSeries.mayManage(me, person.unit())) {
                throw new RowFields.BadField("userId", "import.row.personUnknown", userId);
            }
            String name = RowFields.text(row, "name", true, 64);
            if (!name.equals(person.name())) {
                throw new RowFields.BadField("name", "import.row.nameMismatch", name, userId);
            }
            String typed = RowFields.text(row, "titleSeries", true, 40);
            String code = titleSeries.codeFor(typed);
            if (code == null) {
                throw new RowFields.BadField("titleSeries", "import.titleSeries.unknown", typed,
                        String.join("、", titleSeries.choices().values()));
            }
            if (seen.putIfAbsent(userId, n) != null) {
                return RowReports.Verdict.only(reports.duplicate(n, "userId", "import.row.duplicateInFile",
                        seen.get(userId)));
            }
            String now = titleSeries.of(userId);
            if (now.equals(code)) {
                return RowReports.Verdict.only(reports.duplicate(n, "titleSeries", "import.titleSeries.unchanged",
                        person.name(), code.isEmpty() ? PersonTitleSeries.NONE_WORD : titleSeries.label(code)));
            }
            return RowReports.Verdict.valid(n, new Change(userId, now, code));
        });
    }

    /** Sets each changed series in the engine's one transaction, checked against what the check saw. */
    @Override
    public int commit(Checked checked, Map<String, String> options, CurrentUser me, String importId,
            Progress progress) {
        int changed = 0;
        for (Change c : checked.toWrite(Change.class, progress)) {
            if (titleSeries.set(me, c.userId(), c.from(), c.to(), "IMPORT:" + importId)) {
                changed++;
            }
        }
        return changed;
    }
}
