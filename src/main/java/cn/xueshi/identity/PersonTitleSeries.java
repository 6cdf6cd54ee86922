package cn.xueshi.identity;

import cn.xueshi.paging.ListPage;

import cn.xueshi.paging.PageRequest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * A person's title series (职称系列, 青人社字〔2023〕14号 五: review-routing sends the health, school-teacher and
 * accounting series to the city's industry departments): who may set it — the reviewers of the person's unit and the
 * administrators — from the configured list ({@code xueshi.title-series}), one audit row per change
 * ({@link DirectoryAudit}). Used by /people/title-series and the TITLE_SERIES import.
 */
@Service
public class PersonTitleSeries {

    /** Where a change was made (xs_directory_audit.source). */
    public static final String PAGE = "PAGE";
    /** The word an import row may give for "none" besides the code or label. */
    public static final String NONE_WORD = "无";

    private final Directory directory;
    private final TitleSeriesProperties series;
    private final DirectoryAudit audit;
    private final UnitRepository units;
    private final JdbcTemplate jdbc;
    private final int maxSearchLength;

    PersonTitleSeries(Directory directory, TitleSeriesProperties series, DirectoryAudit audit, UnitRepository units,
            JdbcTemplate jdbc, @Value("${xueshi.limits.max-search-length}") int maxSearchLength) {
        this.directory = directory;
        this.series = series;
        this.audit = audit;
        this.units = units;
        this.jdbc = jdbc;
        this.maxSearchLength = maxSearchLength;
    }

    /** A code the configuration does not know (nor "none"): refused beside the field. */
    public static class UnknownSeries extends RuntimeException {
        public UnknownSeries(String code) {
            super(code);
        }
    }

    /**
     * Someone changed the person's series since the form was shown (two reviewers at once): the page says so and
     * shows the series now recorded. (identity is below system, so not system's Conflict; 409 wherever uncaught.)
     */
    @ResponseStatus(HttpStatus.CONFLICT)
    public static class ChangedMeanwhile extends RuntimeException {
        public ChangedMeanwhile() {
            super("title series changed meanwhile");
        }
    }

    private static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND);
    }

    /** The configured series, code → Chinese label, in configuration order. */
    public java.util.Map<String, String> choices() {
        return series.titleSeries();
    }

    /** The Chinese label of a code, the code itself when it is no longer configured, "" for none. */
    public String label(String code) {
        if (code == null || code.isBlank()) {
            return "";
        }
        return series.titleSeries().getOrDefault(code, code);
    }

    /** The person's own series (code, "" for none). */
    public String of(String userId) {
        return directory.titleSeriesOf(userId);
    }

    /** Whether the person may set anyone's series at all: an administrator, or a reviewer of at least one unit. */
    public boolean mayManage(CurrentUser me) {
        return me.isIn(Groups.ADMIN) || (me.isIn(Groups.REVIEWER) && !me.reviewedUnits().isEmpty());
    }

    /** Whether {@code me} may set the series of the members of {@code unit}. */
    public boolean mayManage(CurrentUser me, Unit unit) {
        return me.isIn(Groups.ADMIN) || (me.isIn(Groups.REVIEWER) && me.reviews(unit.getId()));
    }

    /** The units whose members {@code me} may manage: an administrator's all, a reviewer's the units they review. */
    public List<Unit> unitsFor(CurrentUser me) {
        if (me.isIn(Groups.ADMIN)) {
            return units.findAll().stream().sorted(Comparator.comparing(Unit::getCode)).toList();
        }
        return me.isIn(Groups.REVIEWER) ? me.reviewedUnits() : List.of();
    }

    /** The unit of that id if {@code me} may manage its members; otherwise not found (ids in URLs reveal nothing). */
    public Unit unitFor(CurrentUser me, long unitId) {
        return units.findById(unitId).filter(u -> mayManage(me, u)).orElseThrow(PersonTitleSeries::notFound);
    }

    /** The person if {@code me} may set their series (a member of a unit {@code me} manages); otherwise not found. */
    public Unit unitOfPerson(CurrentUser me, String userId) {
        if (userId == null || userId.length() > 64) {
            throw notFound();
        }
        return directory.unitOf(userId).filter(u -> mayManage(me, u)).orElseThrow(PersonTitleSeries::notFound);
    }

    /** The code for what an import cell or form field says: a code, a label, "无"/blank → "" ; unknown → null. */
    public String codeFor(String typed) {
        String t = typed == null ? "" : typed.trim();
        if (t.isEmpty() || NONE_WORD.equals(t)) {
            return "";
        }
        if (series.titleSeries().containsKey(t)) {
            return t;
        }
        return series.titleSeries().entrySet().stream().filter(e -> e.getValue().equals(t)).map(e -> e.getKey())
                .findFirst().orElse(null);
    }

    /**
     * Sets the person's series from {@code expected} (what the form showed) to {@code next} ("" none) and audits it.
     * Not found unless {@code me} manages the person's unit; {@link UnknownSeries} for a code not configured; a
     * {@link ChangedMeanwhile} when someone changed it since the form was shown. Returns whether anything changed.
     */
    @Transactional
    public boolean set(CurrentUser me, String userId, String expected, String next, String source) {
        unitOfPerson(me, userId);
        String code = next == null ? "" : next.trim();
        if (!series.allows(code)) {
            throw new UnknownSeries(code);
        }
        String before = expected == null ? directory.titleSeriesOf(userId) : expected;
        if (before.equals(code)) {
            if (!before.equals(directory.titleSeriesOf(userId))) {
                throw new ChangedMeanwhile();
            }
            return false;
        }
        if (!directory.changeTitleSeries(userId, before, code)) {
            throw new ChangedMeanwhile();
        }
        audit.record(me.userId(), userId, DirectoryAudit.TITLE_SERIES, before, code, source);
        return true;
    }

    /** One member of a unit with their series. */
    public record Member(String userId, String name, String series) {
    }

    /** What the list is filtered by: part of the user name or name, and a series code ("NONE": none recorded). */
    public record Filter(String query, String series) {
        public static final String NONE = "NONE";
    }

    /** The filter as typed, with the message keys of what is wrong (each shown beside its field; ignored meanwhile). */
    public record CheckedFilter(Filter filter, List<String> errors) {
    }

    public CheckedFilter check(String query, String seriesCode) {
        List<String> errors = new ArrayList<>();
        String q = query == null ? "" : query.trim();
        if (q.length() > maxSearchLength) {
            errors.add("directory.series.error.query");
            q = "";
        }
        String s = seriesCode == null ? "" : seriesCode.trim();
        if (!s.isEmpty() && !Filter.NONE.equals(s) && !series.titleSeries().containsKey(s)) {
            errors.add("directory.series.error.filter");
            s = "";
        }
        return new CheckedFilter(new Filter(q, s), List.copyOf(errors));
    }

    public int maxSearchLength() {
        return maxSearchLength;
    }

    /** One page of the unit's current members with their series, by user name, filtered in the database. */
    public ListPage<Member> members(Unit unit, Filter filter, PageRequest request) {
        StringBuilder where = new StringBuilder(" FROM xs_person p LEFT JOIN xs_person_title_series s ON s.user_id = p.user_id"
                + " LEFT JOIN ACT_ID_USER u ON u.ID_ = p.user_id WHERE p.unit_id = ?");
        List<Object> args = new ArrayList<>(List.of(unit.getId()));
        if (!filter.query().isEmpty()) {
            String like = "%" + filter.query().toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\")
                    .replace("%", "\\%").replace("_", "\\_") + "%";
            where.append(" AND (LOWER(p.user_id) LIKE ? ESCAPE '\\' OR LOWER(CONCAT(COALESCE(u.LAST_, ''), "
                    + "COALESCE(u.FIRST_, ''))) LIKE ? ESCAPE '\\')");
            args.add(like);
            args.add(like);
        }
        if (Filter.NONE.equals(filter.series())) {
            where.append(" AND s.series IS NULL");
        } else if (!filter.series().isEmpty()) {
            where.append(" AND s.series = ?");
            args.add(filter.series());
        }
        Long total = jdbc.queryForObject("SELECT COUNT(*)" + where, Long.class, args.toArray());
        long count = total == null ? 0 : total;
        PageRequest shown = request;
        long pages = Math.max(1, (count + request.size() - 1) / request.size());
        if (request.page() > pages) {
            shown = new PageRequest(1, request.size(), request.typedPage(), request.typedSize(), request.errors());
        }
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(shown.size());
        pageArgs.add(shown.offset());
        List<Member> rows = jdbc.query("SELECT p.user_id, u.LAST_, u.FIRST_, s.series" + where
                        + " ORDER BY p.user_id LIMIT ? OFFSET ?",
                (rs, i) -> new Member(rs.getString(1), name(rs.getString(1), rs.getString(2), rs.getString(3)),
                        rs.getString(4) == null ? "" : rs.getString(4)), pageArgs.toArray());
        return new ListPage<>(rows, shown, count);
    }

    /** The person's latest changes (newest first), for the page's history line. */
    public List<DirectoryAudit.Entry> history(String userId, int limit) {
        return audit.of(userId, DirectoryAudit.TITLE_SERIES, limit);
    }

    private static String name(String id, String last, String first) {
        String n = ((last == null ? "" : last) + (first == null ? "" : first)).trim();
        return n.isEmpty() ? id : n;
    }
}
